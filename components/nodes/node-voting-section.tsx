import Link from "next/link";
import { DateTime } from "@/components/relative-time";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { NodeEligibilityNote } from "@/lib/schemas/eligibility";
import { loadWhenReady } from "@/lib/trpc/server";

/** "Present in 70 of the last 72 whole hours (97.2 %): missing 2 of 72 hours: …", unless the reason already names them. */
function presenceSentence(note: NodeEligibilityNote): string | null {
  if (note.windowHours === 0) return null;
  if (note.missingHours && note.reason?.includes(note.missingHours)) return null;
  const share = formatPercent(note.presentHours / note.windowHours);
  const present = `Present in ${formatNumber(note.presentHours)} of the last ${formatNumber(note.windowHours)} whole hours (${share})`;
  return note.missingHours ? `${present}, ${note.missingHours}.` : `${present}: none missing.`;
}

/**
 * On the node page, for the node's operator only: whether the node brings voice credits to the open
 * round and would to a round opening now, and which hours it was missing.
 */
export async function NodeVotingSection({ nodeId }: { nodeId: string }) {
  const result = await loadWhenReady((api) => api.myNodes.eligibility({ nodeId }));
  if (!result.ready) return null;
  const { openRound, current, minNodeAgeDays, minUptimeForVoting } = result.data;
  const presence = presenceSentence(current);
  return (
    <section
      aria-labelledby="node-voting"
      className="mt-8 max-w-3xl rounded-lg border border-border bg-surface px-5 py-4"
    >
      <h2 id="node-voting" className="text-lg font-semibold">
        Voting
      </h2>
      <p className="mt-1 mb-4 text-sm text-muted-foreground">
        Only you see this. A node brings you voice credits in a round when it has proved its key, has reported
        for at least {formatNumber(minNodeAgeDays)} days before the round opens and was present in at least{" "}
        {formatPercent(minUptimeForVoting)} of the {formatNumber(minNodeAgeDays * 24)} whole hours before it.
        An hour counts when the platform accepted at least one signed report or ballot from the node in it;
        the node software reports every minute, so a node that stays online is present in every hour.{" "}
        <Link href="/how-it-works">How voting works</Link>
      </p>
      {openRound ? (
        <p className="mb-3">
          <span className="font-medium">
            Round {openRound.number} (open until <DateTime at={openRound.closesAt} />
            ):
          </span>{" "}
          {openRound.counts
            ? "this node counts: it brings you voice credits."
            : `this node does not count. ${openRound.reason ?? ""}`}
        </p>
      ) : null}
      <p>
        <span className="font-medium">If a round opened now:</span>{" "}
        {current.isEligible ? "this node would count." : `this node would not count. ${current.reason ?? ""}`}
      </p>
      {presence ? <p className="mt-3 text-sm">{presence}</p> : null}
    </section>
  );
}
