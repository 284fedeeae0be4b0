import { needsBaseConfirmation } from "@/lib/domain/governance/proposal-changes";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import { isDiscussionOver, transitionProposal } from "@/lib/domain/governance/proposal-lifecycle";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { loadProposalForAction } from "@/lib/server/governance/proposal-queries";
import type { Db } from "@/lib/server/platform/db";

/**
 * Moves every proposal whose discussion time is over and whose base is current (in the newest issued
 * config version, which rounds build on) to Queued, each in its
 * own transaction with its event; proposals waiting for their author's confirmation stay in discussion.
 */
export async function queueReadyProposals(
  db: Db,
  now: Date,
): Promise<{ queued: number; waitingForConfirmation: number }> {
  const due = await db.proposal.findMany({
    where: { state: "Discussion", discussionEndsAt: { lte: now } },
    orderBy: [{ discussionEndsAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  let queued = 0;
  let waitingForConfirmation = 0;
  for (const { id } of due) {
    const outcome = await withGovernanceTransaction(db, async (tx) => {
      const row = await loadProposalForAction(tx, id, null);
      const stale = needsBaseConfirmation(row, await newestConfigVersion(tx));
      const result = transitionProposal(row.state, "queue", {
        actor: { kind: "system" },
        isDiscussionOver: isDiscussionOver(row, now),
        needsBaseConfirmation: stale,
      });
      if (!result.ok) return stale ? "waiting" : "skipped";
      await tx.proposal.update({
        where: { id },
        data: { state: result.next, queuedAt: now, updatedAt: now },
        select: { id: true },
      });
      await appendGovernanceEvent(
        tx,
        {
          type: PROPOSAL_EVENT_TYPES.queued,
          subject: proposalSubject(id),
          data: {
            proposalId: id,
            baseVersion: row.baseVersion,
            discussionEndsAt: row.discussionEndsAt?.toISOString() ?? null,
          },
        },
        now,
      );
      return "queued";
    });
    if (outcome === "queued") queued += 1;
    if (outcome === "waiting") waitingForConfirmation += 1;
  }
  return { queued, waitingForConfirmation };
}
