"use client";

import { cx } from "@/components/ui/class-names";
import type { StepIndex } from "./wizard-reducer";

export const WIZARD_STEPS = [
  { title: "Choose what to change", short: "Choose" },
  { title: "Set the new values", short: "Values" },
  { title: "Explain your proposal", short: "Explain" },
  { title: "Check and save", short: "Check" },
] as const;

/** The four steps as buttons: the current one marked, those not reached yet disabled. */
export function WizardStepNav({
  step,
  furthest,
  onGoTo,
}: {
  step: StepIndex;
  furthest: StepIndex;
  onGoTo: (step: StepIndex) => void;
}) {
  return (
    <nav aria-label="Proposal steps" className="mb-8">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {WIZARD_STEPS.map((item, index) => {
          const isCurrent = index === step;
          const isReachable = index <= furthest;
          return (
            <li key={item.title}>
              <button
                type="button"
                onClick={() => onGoTo(index as StepIndex)}
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
  );
}
