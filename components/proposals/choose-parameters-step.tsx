"use client";

import { cx } from "@/components/ui/class-names";
import type { ParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import type { WizardCatalogue } from "./proposal-wizard";

type ChooseParametersStepProps = {
  catalogue: WizardCatalogue;
  chosen: readonly ParameterKey[];
  maxChanges: number;
  onToggle: (key: ParameterKey, isChosen: boolean) => void;
};

/** Step 1: tick the rules to change, grouped by what they govern, each with its plain description. */
export function ChooseParametersStep({ catalogue, chosen, maxChanges, onToggle }: ChooseParametersStepProps) {
  const isFull = chosen.length >= maxChanges;
  return (
    <div className="space-y-6">
      <p className="max-w-3xl">
        Tick each rule you want to change (up to {maxChanges}). You set the new values in the next step. The
        values shown are the ones in force now.{" "}
        <span className="font-medium">
          {chosen.length === 0
            ? "Nothing chosen yet."
            : `${chosen.length} chosen${isFull ? ": that is the most one proposal can change." : "."}`}
        </span>
      </p>
      {catalogue.categories.map((category) => (
        <fieldset key={category.id} className="rounded-lg border border-border bg-surface p-4 sm:p-5">
          <legend className="px-1 text-lg font-semibold">{category.label}</legend>
          <p className="mb-3 text-sm text-muted-foreground">{category.description}</p>
          <ul className="space-y-2">
            {category.parameters.map((parameter) => {
              const id = `choose-${parameter.key}`;
              const isChosen = chosen.includes(parameter.key);
              const isDisabled = !isChosen && isFull;
              return (
                <li key={parameter.key}>
                  <div
                    className={cx(
                      "flex gap-3 rounded-md border p-3",
                      isChosen ? "border-accent bg-surface-muted" : "border-transparent",
                    )}
                  >
                    <input
                      id={id}
                      type="checkbox"
                      checked={isChosen}
                      disabled={isDisabled}
                      onChange={(event) => onToggle(parameter.key, event.currentTarget.checked)}
                      aria-describedby={`${id}-description`}
                      className="mt-1 size-5 shrink-0 accent-accent"
                    />
                    <div className="min-w-0">
                      <label htmlFor={id} className="font-medium">
                        {parameter.label}
                      </label>
                      <p id={`${id}-description`} className="text-sm text-muted-foreground">
                        {parameter.description} Now: {formatParameterValue(parameter.key, parameter.value)}.
                      </p>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
