import Link from "next/link";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import type { OperatorStats } from "@/lib/schemas/operator-stats";

export function HowRewardsWork({ stats }: { stats: OperatorStats }) {
  const { rules, lastEpoch } = stats;
  const isCapped = lastEpoch !== null && lastEpoch.scale < 1;
  return (
    <section
      aria-labelledby="how-rewards"
      className="mt-10 max-w-3xl rounded-lg border border-border bg-surface p-5"
    >
      <h2 id="how-rewards" className="text-xl font-semibold">
        How rewards are worked out
      </h2>
      <ul className="mt-3 list-disc space-y-2 pl-6">
        <li>
          Rewards are counted once a day, for each full day (midnight to midnight UTC). That day is called an
          epoch.
        </li>
        <li>
          Each node earns {formatParameterValue("reward.perGbUploaded", rules.perGbUploaded)} for every GB it
          sends to other nodes that a node in a different network confirms receiving, and{" "}
          {formatParameterValue("reward.uncorroboratedWeight", rules.uncorroboratedWeight)} of that for data
          nobody confirms, plus {formatParameterValue("reward.uptimeBonusPerDay", rules.uptimeBonusPerDay)}{" "}
          when it was online for at least {formatPercent(rules.uptimeBonusMinShare)} of the day.
        </li>
        {rules.minShareRatio > 0 ? (
          <li>
            A node that sends less than {formatParameterValue("freeRider.minShareRatio", rules.minShareRatio)}{" "}
            times what it downloads takes more than it gives: it counts as a free-rider and is paid{" "}
            {formatParameterValue("freeRider.throttleFactor", rules.throttleFactor)} of its reward.
            {rules.graceDays > 0
              ? ` New nodes are exempt for their first ${formatParameterValue("freeRider.graceDays", rules.graceDays)}.`
              : null}
          </li>
        ) : (
          <li>The free-rider rule is off: every node that serves is paid in full.</li>
        )}
        <li>
          The whole network is paid at most{" "}
          {formatParameterValue("reward.epochEmissionCap", rules.epochEmissionCap)} a day. When all nodes
          together earn more, every payout is scaled down by the same share.
          {lastEpoch
            ? isCapped
              ? ` On ${formatDate(lastEpoch.day)} payouts were scaled to ${formatPercent(lastEpoch.scale)}.`
              : ` On ${formatDate(lastEpoch.day)} everyone was paid in full.`
            : null}
        </li>
        <li>
          A rating, from 0 to 1, follows how fast, reliable and generous a node has been lately; other nodes
          pick well-rated nodes more often.
        </li>
      </ul>
      <p className="mt-3 text-muted-foreground">
        These are the rules of config version {rules.configVersion}. Operators change them by vote: see{" "}
        <Link href="/parameters">Parameters</Link>.
      </p>
    </section>
  );
}
