import type { ProposalDraftInput } from "@/lib/schemas/proposals";
import type { Db } from "@/lib/server/platform/db";
import type { ProposalWriter } from "../proposal-writer";

/** A new operator (role operator) who can write proposals. */
export async function insertProposalWriter(db: Db, name: string): Promise<ProposalWriter> {
  const { id } = await db.operator.create({
    data: { displayName: name, email: `${name.toLowerCase()}@example.test` },
    select: { id: true },
  });
  return { id, role: "operator" };
}

/** A valid draft with one change (reward.perGbUploaded to 1.5), titled `title`. */
export function proposalDraft(title: string): ProposalDraftInput {
  return {
    title,
    summary: "Nodes that serve data to others earn more per gigabyte.",
    rationale: "Serving data is what keeps the network useful to everyone.",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  };
}

/** What the lifecycle tests compare: a proposal's state and its discussion times. */
export function storedProposalLifecycle(db: Db, proposalId: string) {
  return db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { state: true, publishedAt: true, discussionEndsAt: true },
  });
}
