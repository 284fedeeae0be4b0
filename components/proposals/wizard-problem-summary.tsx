"use client";

import type { RefObject } from "react";
import { cx } from "@/components/ui/class-names";
import type { Problem } from "./wizard-reducer";

/** What to fix before going on, each problem a link that focuses its field; a refused "Next" moves focus here. */
export function WizardProblemSummary({
  ref,
  problems,
}: {
  ref: RefObject<HTMLDivElement | null>;
  problems: readonly Problem[];
}) {
  return (
    <div
      ref={ref}
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
  );
}
