import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { formatDate } from "@/lib/domain/format-time";
import { describeRewardImpact, type ProposalRewardImpact } from "@/lib/schemas/reward-impact";

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
  const { sentences, capWarning } = describeRewardImpact(result.impact);
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
      {capWarning ? (
        <div
          role="note"
          className="mt-4 rounded-md border-2 border-warning-fg bg-warning-bg p-4 text-warning-fg"
        >
          <p className="font-semibold">Payouts would be scaled down</p>
          <p className="mt-1">{capWarning}</p>
          <p className="mt-1">This is a warning only: the proposal can still go ahead.</p>
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
