import { DomainError } from "@/lib/domain/errors";
import { draftEditRefusal, proposalRelation } from "@/lib/domain/governance/proposal-access";
import { checkedProposalChanges } from "@/lib/domain/governance/proposal-changes";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import { draftLimitRefusal } from "@/lib/domain/governance/proposal-limits";
import {
  proposalDraftInputSchema,
  updateProposalDraftInputSchema,
  type ProposalDraftInput,
  type ProposalWrite,
  type UpdateProposalDraftInput,
} from "@/lib/schemas/proposals";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { loadProposalForAction } from "@/lib/server/governance/proposal-queries";
import {
  parseProposalInput,
  refusalError,
  type ProposalWriter,
} from "@/lib/server/governance/proposal-writer";
import type { Db } from "@/lib/server/platform/db";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";

/** Saves a new draft against the newest config version (the one a passed proposal is applied to). Drafts are private, so the event names no title. */
export async function createProposalDraft(
  db: Db,
  { writer, now, input }: { writer: ProposalWriter; now: Date; input: ProposalDraftInput },
): Promise<ProposalWrite> {
  const draft = parseProposalInput(proposalDraftInputSchema, input);
  await enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: writer.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const drafts = await tx.proposal.count({ where: { authorId: writer.id, state: "Draft" } });
    const overLimit = draftLimitRefusal(drafts);
    if (overLimit) throw new DomainError("CONFLICT", overLimit);
    const current = await newestConfigVersion(tx);
    const changes = checkedProposalChanges(current.params, draft.changes, { code: "BAD_INPUT" });
    const { id } = await tx.proposal.create({
      data: {
        authorId: writer.id,
        title: draft.title,
        titleSearch: draft.title.toLowerCase(),
        summary: draft.summary,
        rationale: draft.rationale,
        state: "Draft",
        baseVersion: current.version,
        createdAt: now,
        updatedAt: now,
        changes: { create: changes },
      },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.created,
        subject: proposalSubject(id),
        data: { proposalId: id, authorId: writer.id, baseVersion: current.version },
      },
      now,
    );
    return { proposalId: id };
  });
}

/**
 * Replaces a draft's text and changes and rebases it on the newest version. No event: a draft's
 * content is private until it is published, and the published event carries the final content, which
 * is why the chain lock is taken first: a publication in progress must not have its content rewritten.
 */
export async function updateProposalDraft(
  db: Db,
  { writer, now, input }: { writer: ProposalWriter; now: Date; input: UpdateProposalDraftInput },
): Promise<ProposalWrite> {
  const { proposalId, ...draft } = parseProposalInput(updateProposalDraftInputSchema, input);
  await enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: writer.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadProposalForAction(tx, proposalId, writer.id);
    const refusal = draftEditRefusal(row.state, proposalRelation(writer, row.authorId));
    if (refusal) throw refusalError(refusal);
    const current = await newestConfigVersion(tx);
    const changes = checkedProposalChanges(current.params, draft.changes, { code: "BAD_INPUT" });
    await tx.proposalChange.deleteMany({ where: { proposalId } });
    await tx.proposal.update({
      where: { id: proposalId },
      data: {
        title: draft.title,
        titleSearch: draft.title.toLowerCase(),
        summary: draft.summary,
        rationale: draft.rationale,
        baseVersion: current.version,
        updatedAt: now,
        changes: { create: changes },
      },
      select: { id: true },
    });
    return { proposalId };
  });
}
