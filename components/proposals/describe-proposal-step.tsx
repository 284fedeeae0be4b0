"use client";

import { useId, type KeyboardEvent } from "react";
import { Markdown } from "@/components/markdown";
import { cx } from "@/components/ui/class-names";
import { Input, Label } from "@/components/ui/form-controls";
import { formatNumber } from "@/lib/domain/format-number";
import { FieldMessage } from "./field-message";
import { textFieldId } from "./proposal-field-ids";

export type TextField = "title" | "summary" | "rationale";
export type TextValues = Record<TextField, string>;
export type TextLimits = Record<TextField, { min: number; max: number }>;
export type RationaleTab = "write" | "preview";

type DescribeProposalStepProps = {
  values: TextValues;
  limits: TextLimits;
  /** Messages to show per field (already filtered to touched fields or after a refused "Next"). */
  errors: Partial<Record<TextField, readonly string[]>>;
  onChange: (field: TextField, value: string) => void;
  /** Held by the wizard so it can switch back to "write" to show an error in the rationale. */
  rationaleTab: RationaleTab;
  onRationaleTab: (tab: RationaleTab) => void;
};

const TEXTAREA =
  "block w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-base text-foreground placeholder:text-muted-foreground";

function describedBy(field: TextField, errors: DescribeProposalStepProps["errors"]): string {
  const id = textFieldId(field);
  return (errors[field]?.length ?? 0) > 0 ? `${id}-hint ${id}-error` : `${id}-hint`;
}

/** Step 3: a title, a plain summary with a character counter, and a markdown rationale with a preview tab. */
export function DescribeProposalStep({
  values,
  limits,
  errors,
  onChange,
  rationaleTab: tab,
  onRationaleTab: setTab,
}: DescribeProposalStepProps) {
  const tabsId = useId();
  const summaryLength = values.summary.trim().length;
  const invalid = (field: TextField) => ((errors[field]?.length ?? 0) > 0 ? true : undefined);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const next = tab === "write" ? "preview" : "write";
    setTab(next);
    document.getElementById(`${tabsId}-${next}-tab`)?.focus();
  }

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Label htmlFor={textFieldId("title")}>Title</Label>
        <Input
          id={textFieldId("title")}
          value={values.title}
          onChange={(event) => onChange("title", event.currentTarget.value)}
          maxLength={limits.title.max + 20}
          autoComplete="off"
          aria-invalid={invalid("title")}
          aria-describedby={describedBy("title", errors)}
          placeholder="e.g. Pay a little more for serving data"
        />
        <p id={`${textFieldId("title")}-hint`} className="mt-1 text-sm text-muted-foreground">
          A short name people will recognise in the list ({limits.title.min}–{limits.title.max} characters).
        </p>
        <FieldMessage id={`${textFieldId("title")}-error`} messages={errors.title ?? []} />
      </div>

      <div>
        <Label htmlFor={textFieldId("summary")}>Summary</Label>
        <textarea
          id={textFieldId("summary")}
          value={values.summary}
          onChange={(event) => onChange("summary", event.currentTarget.value)}
          rows={4}
          className={TEXTAREA}
          aria-invalid={invalid("summary")}
          aria-describedby={describedBy("summary", errors)}
        />
        <p
          id={`${textFieldId("summary")}-hint`}
          className="mt-1 flex flex-wrap justify-between gap-x-4 text-sm text-muted-foreground"
        >
          <span>
            What would change and for whom, for someone who does not run a node. No formatting: plain text.
          </span>
          <span
            className={cx("tabular-nums", summaryLength > limits.summary.max && "font-medium text-danger-fg")}
          >
            {summaryLength} of {limits.summary.max} characters
          </span>
        </p>
        <FieldMessage id={`${textFieldId("summary")}-error`} messages={errors.summary ?? []} />
      </div>

      <div>
        <Label htmlFor={textFieldId("rationale")}>Rationale: why this change is needed</Label>
        <div role="tablist" aria-label="Write or preview" className="mb-2 flex gap-1">
          {(["write", "preview"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${tabsId}-${name}-tab`}
              aria-selected={tab === name}
              aria-controls={`${tabsId}-${name}-panel`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => setTab(name)}
              onKeyDown={onTabKey}
              className={cx(
                "min-h-9 rounded-md px-3 text-sm font-medium",
                tab === name ? "bg-accent text-accent-foreground" : "text-foreground hover:bg-surface-muted",
              )}
            >
              {name === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id={`${tabsId}-write-panel`}
          aria-labelledby={`${tabsId}-write-tab`}
          hidden={tab !== "write"}
        >
          <textarea
            id={textFieldId("rationale")}
            value={values.rationale}
            onChange={(event) => onChange("rationale", event.currentTarget.value)}
            rows={10}
            className={TEXTAREA}
            aria-invalid={invalid("rationale")}
            aria-describedby={describedBy("rationale", errors)}
          />
        </div>
        <div
          role="tabpanel"
          id={`${tabsId}-preview-panel`}
          aria-labelledby={`${tabsId}-preview-tab`}
          hidden={tab !== "preview"}
          tabIndex={0}
          className="min-h-40 rounded-md border border-border bg-surface p-4"
        >
          {values.rationale.trim() ? (
            <Markdown>{values.rationale}</Markdown>
          ) : (
            <p className="text-muted-foreground">Nothing to preview yet: write your reasons first.</p>
          )}
        </div>
        <p id={`${textFieldId("rationale")}-hint`} className="mt-1 text-sm text-muted-foreground">
          Explain the problem and why these values help ({limits.rationale.min}–
          {formatNumber(limits.rationale.max)} characters). You can use markdown: **bold**, lists with -,
          links as [text](https://…), ## for a heading.
        </p>
        <FieldMessage id={`${textFieldId("rationale")}-error`} messages={errors.rationale ?? []} />
      </div>
    </div>
  );
}
