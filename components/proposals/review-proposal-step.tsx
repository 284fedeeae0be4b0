"use client";

import { useQuery } from "@tanstack/react-query";
import { DraftForecastPanel } from "@/components/forecast/forecast-panel";
import { Markdown } from "@/components/markdown";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";
import { ChangesTable } from "./changes-table";
import type { TextValues } from "./describe-proposal-step";
import { RewardImpactCard } from "./reward-impact";

type ReviewProposalStepProps = {
  changes: { key: string; toValue: number }[];
  text: TextValues;
};

/** Step 4: the proposal as readers will see it, with the plain-language diff worked out by the server. */
export function ReviewProposalStep({ changes, text }: ReviewProposalStepProps) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.proposals.preview.queryOptions({ changes }));
  const isValid = preview.isSuccess && preview.data.violations.length === 0;
  const impact = useQuery(trpc.proposals.impact.queryOptions({ changes }, { enabled: isValid }));

  return (
    <div className="max-w-4xl space-y-8">
      <section aria-labelledby="review-changes-heading">
        <h3 id="review-changes-heading" className="text-lg font-semibold">
          What would change
        </h3>
        {preview.isPending ? (
          <div className="mt-3 space-y-2" aria-busy="true">
            <p role="status" className="sr-only">
              Working out the plain-language summary of your changes…
            </p>
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : preview.isError ? (
          <p role="alert" className="mt-3 font-medium text-danger-fg">
            The summary of your changes could not be loaded: {preview.error.message} Go back a step and come
            here again to retry.
          </p>
        ) : (
          <>
            {preview.data.violations.length > 0 ? (
              <div
                role="alert"
                className="mt-3 rounded-md border border-danger-fg bg-danger-bg p-4 text-danger-fg"
              >
                <p className="font-semibold">Fix these before saving (go back to “Set the new values”):</p>
                <ul className="mt-2 list-disc space-y-1 pl-5">
                  {preview.data.violations.map((violation) => (
                    <li key={violation.message}>{violation.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="mt-3">
              <ChangesTable
                currentVersion={preview.data.activeVersion}
                rows={preview.data.changes.map((change) => ({
                  key: change.key,
                  label: change.label,
                  nowValue: change.fromValue,
                  toValue: change.toValue,
                  changeText: change.changeText,
                }))}
              />
            </div>
            <h3 className="mt-6 text-lg font-semibold">In plain words</h3>
            <ul className="mt-2 list-disc space-y-2 pl-5" data-testid="plain-language-diff">
              {preview.data.changes.map((change) => (
                <li key={change.key}>{change.sentence}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {!isValid ? null : impact.isPending ? (
        <div className="space-y-2" aria-busy="true">
          <p role="status" className="sr-only">
            Replaying the last day of telemetry under your values…
          </p>
          <Skeleton className="h-32 w-full" />
        </div>
      ) : impact.isError ? (
        <p role="alert" className="font-medium text-danger-fg">
          The simulated impact could not be worked out: {impact.error.message} Go back a step and come here
          again to retry.
        </p>
      ) : (
        <RewardImpactCard result={impact.data} headingLevel="h3" />
      )}

      {isValid ? <DraftForecastPanel changes={changes} /> : null}

      <section
        aria-labelledby="review-text-heading"
        className="rounded-lg border border-border bg-surface p-5"
      >
        <h3 id="review-text-heading" className="text-sm font-medium text-muted-foreground">
          How your proposal will read
        </h3>
        <p className="mt-2 text-xl font-semibold">{text.title.trim() || "(no title yet)"}</p>
        <p className="mt-2 text-lg">{text.summary.trim() || "(no summary yet)"}</p>
        <div className="mt-4 border-t border-border pt-4">
          {text.rationale.trim() ? (
            <Markdown>{text.rationale}</Markdown>
          ) : (
            <p className="text-muted-foreground">(no reasons written yet)</p>
          )}
        </div>
      </section>
    </div>
  );
}
