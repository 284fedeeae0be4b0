"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import {
  PARAMETERS,
  type ParameterKey,
  type ParameterValues,
  isParameterKey,
} from "@/lib/domain/parameters/catalogue";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/server";
import { checkProposalValues } from "./check-proposal-values";
import { ChooseParametersStep } from "./choose-parameters-step";
import {
  DescribeProposalStep,
  textFieldId,
  type RationaleTab,
  type TextField,
  type TextValues,
} from "./describe-proposal-step";
import { toInputText } from "./parameter-input";
import { checkProposalText, MAX_PROPOSAL_CHANGES, PROPOSAL_TEXT_LIMITS } from "./proposal-text-checks";
import { ReviewProposalStep } from "./review-proposal-step";
import { SetValuesStep, valueFieldId } from "./set-values-step";

export type WizardCatalogue = RouterOutputs["parameters"]["catalogue"];
export type WizardParameter = WizardCatalogue["categories"][number]["parameters"][number];

export type WizardDraft = {
  proposalId: string;
  title: string;
  summary: string;
  rationale: string;
  changes: readonly { key: string; toValue: number }[];
};

const STEPS = [
  { title: "Choose what to change", short: "Choose" },
  { title: "Set the new values", short: "Values" },
  { title: "Explain your proposal", short: "Explain" },
  { title: "Check and save", short: "Check" },
] as const;

type StepIndex = 0 | 1 | 2 | 3;
type Problem = { message: string; fieldId: string | null };
type ServerError = { message: string; fieldErrors: Record<string, string[] | undefined> };

function serverErrorFrom(error: unknown): ServerError {
  const shaped = error as { message?: string; data?: { fieldErrors?: Record<string, string[]> | null } };
  return {
    message: shaped.message ?? "Something went wrong. Check your connection and try again.",
    fieldErrors: shaped.data?.fieldErrors ?? {},
  };
}

/** The proposal wizard: choose rules, set values, explain, check, then save a draft or publish. */
export function ProposalWizard({ catalogue, draft }: { catalogue: WizardCatalogue; draft?: WizardDraft }) {
  const trpc = useTRPC();
  const router = useRouter();
  const parameters = useMemo(
    () => new Map(catalogue.categories.flatMap((category) => category.parameters).map((p) => [p.key, p])),
    [catalogue],
  );
  const current = useMemo(
    () =>
      Object.fromEntries(
        [...parameters].map(([key, parameter]) => [key, parameter.value]),
      ) as ParameterValues,
    [parameters],
  );
  const draftChanges = (draft?.changes ?? []).filter((change) => isParameterKey(change.key)) as {
    key: ParameterKey;
    toValue: number;
  }[];

  const [step, setStep] = useState<StepIndex>(0);
  const [furthest, setFurthest] = useState<StepIndex>(draft ? 3 : 0);
  const [keys, setKeys] = useState<ParameterKey[]>(draftChanges.map((change) => change.key));
  const [texts, setTexts] = useState<Partial<Record<ParameterKey, string>>>(() =>
    Object.fromEntries(
      draftChanges.map(({ key, toValue }) => [key, toInputText(PARAMETERS[key].kind, toValue)]),
    ),
  );
  const [touchedKeys, setTouchedKeys] = useState<ReadonlySet<ParameterKey>>(() => new Set(keys));
  const [text, setText] = useState<TextValues>({
    title: draft?.title ?? "",
    summary: draft?.summary ?? "",
    rationale: draft?.rationale ?? "",
  });
  const [touchedText, setTouchedText] = useState<ReadonlySet<TextField>>(() => new Set());
  const [refusedSteps, setRefusedSteps] = useState<ReadonlySet<StepIndex>>(() => new Set());
  const [rationaleTab, setRationaleTab] = useState<RationaleTab>("write");
  const [proposalId, setProposalId] = useState<string | null>(draft?.proposalId ?? null);
  const [serverError, setServerError] = useState<ServerError | null>(null);
  const [saving, setSaving] = useState<"draft" | "publish" | null>(null);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const hasMoved = useRef(false);

  const createDraft = useMutation(trpc.proposals.createDraft.mutationOptions());
  const updateDraft = useMutation(trpc.proposals.updateDraft.mutationOptions());
  const publish = useMutation(trpc.proposals.publish.mutationOptions());

  const valuesCheck = useMemo(() => checkProposalValues(current, keys, texts), [current, keys, texts]);
  const textErrors = useMemo(() => checkProposalText(text), [text]);

  useEffect(() => {
    if (hasMoved.current) headingRef.current?.focus();
  }, [step]);

  const chosenParameters = keys.flatMap((key) => {
    const parameter = parameters.get(key);
    return parameter ? [parameter] : [];
  });

  /** The field a problem points to: its first parameter that is in this proposal. */
  function fieldOf(problemKeys: readonly string[]): string | null {
    const key = problemKeys.find((candidate): candidate is ParameterKey =>
      keys.includes(candidate as ParameterKey),
    );
    return key ? valueFieldId(key) : null;
  }

  function problemsOf(index: StepIndex, { all }: { all: boolean }): Problem[] {
    const showAll = all || refusedSteps.has(index);
    if (index === 0) {
      return keys.length === 0 && showAll
        ? [{ message: "Choose at least one rule to change.", fieldId: null }]
        : [];
    }
    if (index === 1) {
      const fromServer = (serverError?.fieldErrors.changes ?? []).map((message) => ({
        message,
        fieldId: null,
      }));
      const local = valuesCheck.problems
        .filter((problem) => showAll || problem.keys.some((key) => touchedKeys.has(key as ParameterKey)))
        .map((problem) => ({
          message: problem.message,
          fieldId: fieldOf(problem.keys),
        }));
      return [...local, ...fromServer];
    }
    if (index === 2) {
      return (Object.keys(textErrors) as TextField[]).flatMap((field) =>
        showAll || touchedText.has(field)
          ? (textErrors[field] ?? []).map((message) => ({ message, fieldId: textFieldId(field) }))
          : [],
      );
    }
    return [];
  }

  const shownTextErrors = Object.fromEntries(
    (["title", "summary", "rationale"] as const).map((field) => [
      field,
      [
        ...(refusedSteps.has(2) || touchedText.has(field) ? (textErrors[field] ?? []) : []),
        ...(serverError?.fieldErrors[field] ?? []),
      ],
    ]),
  ) as Record<TextField, string[]>;

  function clearServerErrors(field: string) {
    setServerError((previous) =>
      previous?.fieldErrors[field]
        ? { ...previous, fieldErrors: { ...previous.fieldErrors, [field]: undefined } }
        : previous,
    );
  }

  function goTo(index: StepIndex) {
    hasMoved.current = true;
    setStep(index);
    setFurthest((previous) => (index > previous ? index : previous));
  }

  function next() {
    const blocking = problemsOf(step, { all: true });
    if (blocking.length > 0) {
      setRefusedSteps((previous) => new Set(previous).add(step));
      if (step === 2 && textErrors.rationale?.length) setRationaleTab("write");
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    goTo((step + 1) as StepIndex);
  }

  function firstBlockedStep(): StepIndex | null {
    return ([0, 1, 2] as const).find((index) => problemsOf(index, { all: true }).length > 0) ?? null;
  }

  async function save(intent: "draft" | "publish") {
    const blocked = firstBlockedStep();
    if (blocked !== null) {
      setRefusedSteps((previous) => new Set(previous).add(blocked));
      goTo(blocked);
      return;
    }
    setSaving(intent);
    setServerError(null);
    const input = {
      title: text.title,
      summary: text.summary,
      rationale: text.rationale,
      changes: valuesCheck.changes,
    };
    let savedId: string;
    try {
      savedId = proposalId
        ? (await updateDraft.mutateAsync({ proposalId, ...input })).proposalId
        : (await createDraft.mutateAsync(input)).proposalId;
      setProposalId(savedId);
    } catch (error) {
      setServerError(serverErrorFrom(error));
      setSaving(null);
      return;
    }
    if (intent === "publish") {
      try {
        await publish.mutateAsync({ proposalId: savedId });
      } catch (error) {
        const { message, fieldErrors } = serverErrorFrom(error);
        setServerError({ message: `Your draft is saved, but it was not published: ${message}`, fieldErrors });
        setSaving(null);
        return;
      }
    }
    router.push(`/proposals/${encodeURIComponent(savedId)}`);
  }

  const problems = problemsOf(step, { all: false });
  const serverFieldSteps = serverError
    ? ([
        serverError.fieldErrors.changes?.length ? 1 : null,
        ["title", "summary", "rationale"].some((field) => serverError.fieldErrors[field]?.length) ? 2 : null,
      ].filter((index) => index !== null) as StepIndex[])
    : [];

  return (
    <div>
      <nav aria-label="Proposal steps" className="mb-8">
        <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {STEPS.map((item, index) => {
            const isCurrent = index === step;
            const isReachable = index <= furthest;
            return (
              <li key={item.title}>
                <button
                  type="button"
                  onClick={() => goTo(index as StepIndex)}
                  disabled={!isReachable}
                  aria-current={isCurrent ? "step" : undefined}
                  className={cx(
                    "flex min-h-11 w-full items-center gap-2 rounded-md border px-3 py-2 text-left text-sm font-medium",
                    isCurrent
                      ? "border-accent bg-accent text-accent-foreground"
                      : "border-border-strong bg-surface text-foreground hover:bg-surface-muted",
                    "disabled:cursor-not-allowed disabled:border-dashed disabled:text-muted-foreground disabled:hover:bg-surface",
                  )}
                >
                  <span aria-hidden="true" className="tabular-nums">
                    {index + 1}.
                  </span>
                  <span>
                    <span className="sr-only">Step {index + 1}: </span>
                    {item.title}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <h2 ref={headingRef} tabIndex={-1} className="mb-4 text-2xl font-semibold outline-none">
        <span className="block text-sm font-medium text-muted-foreground">
          Step {step + 1} of {STEPS.length}
        </span>
        {STEPS[step].title}
      </h2>

      <div
        ref={summaryRef}
        tabIndex={-1}
        aria-live="polite"
        className={cx(
          "outline-none",
          problems.length > 0 && "mb-6 rounded-md border-2 border-danger-fg bg-danger-bg p-4 text-danger-fg",
        )}
      >
        {problems.length > 0 ? (
          <>
            <p className="font-semibold">
              {problems.length === 1 ? "One thing to fix" : `${problems.length} things to fix`} before you go
              on:
            </p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {problems.map((problem) => (
                <li key={`${problem.fieldId}-${problem.message}`}>
                  {problem.fieldId ? (
                    <a
                      href={`#${problem.fieldId}`}
                      className="text-danger-fg"
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(problem.fieldId ?? "")?.focus();
                      }}
                    >
                      {problem.message}
                    </a>
                  ) : (
                    problem.message
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>

      {step === 0 ? (
        <ChooseParametersStep
          catalogue={catalogue}
          chosen={keys}
          maxChanges={MAX_PROPOSAL_CHANGES}
          onToggle={(key, isChosen) => {
            setKeys((previous) =>
              isChosen
                ? [...previous.filter((item) => item !== key), key]
                : previous.filter((item) => item !== key),
            );
            if (isChosen && texts[key] === undefined) {
              setTexts((previous) => ({
                ...previous,
                [key]: toInputText(PARAMETERS[key].kind, current[key]),
              }));
            }
          }}
        />
      ) : step === 1 ? (
        <SetValuesStep
          parameters={chosenParameters}
          current={current}
          texts={texts}
          check={valuesCheck}
          shownKeys={refusedSteps.has(1) ? new Set(keys) : touchedKeys}
          canAddMore={keys.length < MAX_PROPOSAL_CHANGES}
          onChange={(key, value) => {
            setTexts((previous) => ({ ...previous, [key]: value }));
            setTouchedKeys((previous) => new Set(previous).add(key));
            clearServerErrors("changes");
          }}
          onRemove={(key) => {
            setKeys((previous) => previous.filter((item) => item !== key));
            headingRef.current?.focus();
          }}
          onAdd={(key) => {
            setKeys((previous) => (previous.includes(key) ? previous : [...previous, key]));
            setTexts((previous) => ({
              ...previous,
              [key]: previous[key] ?? toInputText(PARAMETERS[key].kind, current[key]),
            }));
            requestAnimationFrame(() => document.getElementById(valueFieldId(key))?.focus());
          }}
        />
      ) : step === 2 ? (
        <DescribeProposalStep
          values={text}
          limits={PROPOSAL_TEXT_LIMITS}
          errors={shownTextErrors}
          rationaleTab={rationaleTab}
          onRationaleTab={setRationaleTab}
          onChange={(field, value) => {
            setText((previous) => ({ ...previous, [field]: value }));
            setTouchedText((previous) => new Set(previous).add(field));
            clearServerErrors(field);
          }}
        />
      ) : (
        <ReviewProposalStep changes={valuesCheck.changes} text={text} />
      )}

      {step === 3 ? (
        <div className="mt-8 max-w-4xl space-y-4 border-t border-border pt-6">
          <p className="text-muted-foreground">
            A draft is visible only to you and you can keep editing it. Publishing opens it for discussion:
            everyone can read and comment on it, and you can no longer change it (you can withdraw it until
            the vote).
          </p>
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" onClick={() => goTo(2)} disabled={saving !== null}>
              <span aria-hidden="true">←</span> Back
            </Button>
            <Button variant="secondary" onClick={() => save("draft")} disabled={saving !== null}>
              {saving === "draft" ? "Saving…" : "Save draft"}
            </Button>
            <Button onClick={() => save("publish")} disabled={saving !== null}>
              {saving === "publish" ? "Publishing…" : "Publish for discussion"}
            </Button>
          </div>
          <div aria-live="assertive">
            {serverError ? (
              <div className="rounded-md border-2 border-danger-fg bg-danger-bg p-4 text-danger-fg">
                <p className="font-semibold">{serverError.message}</p>
                {proposalId ? (
                  <p className="mt-2">
                    <Link href={`/proposals/${encodeURIComponent(proposalId)}`} className="text-danger-fg">
                      Open your saved draft
                    </Link>
                  </p>
                ) : null}
                {serverFieldSteps.length > 0 ? (
                  <div className="mt-3 flex flex-wrap gap-2">
                    {serverFieldSteps.map((index) => (
                      <Button key={index} variant="secondary" size="sm" onClick={() => goTo(index)}>
                        Go to step {index + 1}: {STEPS[index].title}
                      </Button>
                    ))}
                  </div>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="mt-8 flex flex-wrap gap-3 border-t border-border pt-6">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => goTo((step - 1) as StepIndex)}>
              <span aria-hidden="true">←</span> Back
            </Button>
          ) : null}
          <Button onClick={next}>
            Next: {STEPS[step + 1]?.title} <span aria-hidden="true">→</span>
          </Button>
        </div>
      )}
    </div>
  );
}
