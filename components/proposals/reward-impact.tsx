import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { formatDate } from "@/lib/domain/format-time";
import {
  describeRewardImpact,
  payoutLimitNote,
  type ProposalRewardImpact,
} from "@/lib/schemas/reward-impact";

/** "failed": the simulation could not be loaded; the card says so instead of breaking its page. */
type RewardImpactResult = ProposalRewardImpact | { status: "failed" };

type RewardImpactCardProps = {
  result: RewardImpactResult;
  headingLevel: "h2" | "h3";
};

const HEADING_ID = "reward-impact-heading";

function ImpactBody({ result }: { result: RewardImpactResult }) {
  if (result.status === "failed") {
    return (
      <p className="mt-2">
        The simulated impact on rewards could not be worked out just now. Reload the page to try again.
      </p>
    );
  }
  if (result.status === "no-epoch") {
    return <p className="mt-2">Impact appears once a day of telemetry has been turned into rewards.</p>;
  }
  if (result.status === "no-reward-change") {
    return (
      <p className="mt-2">
        These changes only touch governance rules, so they would not change what nodes earn or how they are
        rated.
      </p>
    );
  }
  if (result.status === "same-as-current") {
    return (
      <p className="mt-2">
        The reward values in these changes are the same as in config version {result.configVersion}, the
        newest, so nodes would earn and be rated exactly as they are now.
      </p>
    );
  }
  const { sentences } = describeRewardImpact(result.impact);
  const limitNote = payoutLimitNote(result.impact);
  return (
    <>
      <CardDescription>
        The telemetry of {formatDate(result.impact.day)} (UTC), the last day turned into rewards, replayed
        under config version {result.configVersion}, the newest, and under the proposed values.
      </CardDescription>
      <ul className="mt-3 list-disc space-y-2 pl-5">
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      {limitNote ? (
        <div
          role="note"
          aria-label={limitNote.title}
          data-testid="payout-limit-today"
          className={cx(
            "mt-4 rounded-md p-4",
            limitNote.tone === "warning"
              ? "border-2 border-warning-fg bg-warning-bg text-warning-fg"
              : "border border-info-fg bg-info-bg text-info-fg",
          )}
        >
          <p className="font-semibold">{limitNote.title}</p>
          <p className="mt-1">{limitNote.text}</p>
          {limitNote.tone === "warning" ? (
            <p className="mt-1">This is a warning only: the proposal can still go ahead.</p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The simulated effect of a proposal's values on the last epoch's rewards, ratings and guard nodes. */
export function RewardImpactCard({ result, headingLevel }: RewardImpactCardProps) {
  return (
    <Card aria-labelledby={HEADING_ID} role="region" data-testid="reward-impact">
      <CardTitle as={headingLevel} id={HEADING_ID}>
        {result.status === "simulated"
          ? `What this would have changed on ${formatDate(result.impact.day)}`
          : "What this would change for rewards"}
      </CardTitle>
      <ImpactBody result={result} />
    </Card>
  );
}
