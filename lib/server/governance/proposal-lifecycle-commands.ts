import { DomainError } from "@/lib/domain/errors";
import { baseConfirmationRefusal, proposalRelation } from "@/lib/domain/governance/proposal-access";
import { checkedProposalChanges, needsBaseConfirmation } from "@/lib/domain/governance/proposal-changes";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import {
  endOfDiscussion,
  transitionProposal,
  type ProposalAction,
  type ProposalState,
} from "@/lib/domain/governance/proposal-lifecycle";
import { discussionLimitRefusal } from "@/lib/domain/governance/proposal-limits";
import {
  cancelProposalInputSchema,
  type CancelProposalInput,
  type ConfirmedProposalBase,
  type ProposalWrite,
  type PublishedProposal,
} from "@/lib/schemas/proposals";
import { getActiveConfigVersion, newestConfigVersion } from "@/lib/server/governance/config-version-queries";
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

// The issue messages suggest changing the values, which only a draft allows.
const PUBLISHED_CANNOT_CHANGE =
  "A published proposal cannot be changed: withdraw it, and write a new one if a change is still needed.";

/** The state `writer` moves the proposal to, or the lifecycle's refusal as the error they see. */
function nextState(
  writer: ProposalWriter,
  proposal: { state: ProposalState; authorId: string },
  action: ProposalAction,
): ProposalState {
  const actor = { kind: "operator", ...proposalRelation(writer, proposal.authorId) } as const;
  const result = transitionProposal(proposal.state, action, { actor });
  if (result.ok) return result.next;
  throw refusalError(result);
}

/**
 * Opens a draft for discussion until publication + gov.discussionPeriodHours (active config). The chain
 * lock is taken first so two publications by one operator cannot both pass the limit of 3.
 */
export async function publishProposal(
  db: Db,
  { writer, now, proposalId }: { writer: ProposalWriter; now: Date; proposalId: string },
): Promise<PublishedProposal> {
  await enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: writer.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadProposalForAction(tx, proposalId, writer.id);
    const next = nextState(writer, row, "publish");
    const current = await newestConfigVersion(tx);
    if (needsBaseConfirmation(row, current)) {
      throw new DomainError(
        "CONFLICT",
        `A parameter this draft changes has a new current value since config version ${row.baseVersion}. Review the changes and confirm them against the current values, then publish.`,
      );
    }
    checkedProposalChanges(current.params, row.changes, { code: "UNPROCESSABLE" });
    const open = await tx.proposal.count({ where: { authorId: writer.id, state: "Discussion" } });
    const overLimit = discussionLimitRefusal(open);
    if (overLimit) throw new DomainError("CONFLICT", overLimit);
    const { params: rules } = await getActiveConfigVersion(tx);
    const discussionEndsAt = endOfDiscussion(now, rules["gov.discussionPeriodHours"]);
    await tx.proposal.update({
      where: { id: proposalId },
      data: { state: next, publishedAt: now, discussionEndsAt, updatedAt: now },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.published,
        subject: proposalSubject(proposalId),
        data: {
          proposalId,
          authorId: row.authorId,
          title: row.title,
          baseVersion: row.baseVersion,
          discussionEndsAt: discussionEndsAt.toISOString(),
          changes: row.changes.map(({ key, fromValue, toValue }) => ({ key, fromValue, toValue })),
        },
      },
      now,
    );
    return { proposalId, discussionEndsAt };
  });
}

/** The author takes a proposal back before voting (a draft, or one in discussion or queued). */
export async function withdrawProposal(
  db: Db,
  { writer, now, proposalId }: { writer: ProposalWriter; now: Date; proposalId: string },
): Promise<ProposalWrite> {
  await enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: writer.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadProposalForAction(tx, proposalId, writer.id);
    const next = nextState(writer, row, "withdraw");
    await tx.proposal.update({
      where: { id: proposalId },
      data: { state: next, closedAt: now, closedById: writer.id, updatedAt: now },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.withdrawn,
        subject: proposalSubject(proposalId),
        data: { proposalId, authorId: row.authorId, fromState: row.state },
      },
      now,
    );
    return { proposalId };
  });
}

/** A steward or admin stops a proposal (spam, abuse) with a reason everyone can read. */
export async function cancelProposal(
  db: Db,
  { writer, now, input }: { writer: ProposalWriter; now: Date; input: CancelProposalInput },
): Promise<ProposalWrite> {
  const { proposalId, reason } = parseProposalInput(cancelProposalInputSchema, input);
  await enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: writer.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadProposalForAction(tx, proposalId, writer.id);
    const next = nextState(writer, row, "cancel");
    await tx.proposal.update({
      where: { id: proposalId },
      data: { state: next, closedAt: now, closeReason: reason, closedById: writer.id, updatedAt: now },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.cancelled,
        subject: proposalSubject(proposalId),
        data: { proposalId, stewardId: writer.id, reason, fromState: row.state },
      },
      now,
    );
    return { proposalId };
  });
}

/**
 * The author accepts the newest issued values (which rounds build on, even before they take effect) as
 * the new base: fromValue becomes each parameter's value there. Refused (UNPROCESSABLE, naming the parameter) when a change now equals the current value or
 * breaks a cross-parameter rule.
 */
export async function confirmProposalBase(
  db: Db,
  { writer, now, proposalId }: { writer: ProposalWriter; now: Date; proposalId: string },
): Promise<ConfirmedProposalBase> {
  await enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: writer.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadProposalForAction(tx, proposalId, writer.id);
    const refusal = baseConfirmationRefusal(row.state, proposalRelation(writer, row.authorId));
    if (refusal) throw refusalError(refusal);
    const newest = await newestConfigVersion(tx);
    if (newest.version <= row.baseVersion) {
      throw new DomainError(
        "CONFLICT",
        `This proposal is already written against the current config version ${newest.version}; there is nothing to confirm.`,
      );
    }
    const changes = checkedProposalChanges(newest.params, row.changes, {
      code: "UNPROCESSABLE",
      nextStep: row.state === "Draft" ? null : PUBLISHED_CANNOT_CHANGE,
    });
    for (const change of changes) {
      await tx.proposalChange.update({
        where: { proposalId_key: { proposalId, key: change.key } },
        data: { fromValue: change.fromValue },
        select: { key: true },
      });
    }
    await tx.proposal.update({
      where: { id: proposalId },
      data: { baseVersion: newest.version, updatedAt: now },
      select: { id: true },
    });
    const previous = new Map(row.changes.map((change) => [change.key, change.fromValue]));
    await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.baseConfirmed,
        subject: proposalSubject(proposalId),
        data: {
          proposalId,
          authorId: row.authorId,
          baseVersion: newest.version,
          previousBaseVersion: row.baseVersion,
          // A draft is private: its event records that it was rebased, not what it proposes.
          ...(row.state !== "Draft" && {
            changes: changes.map(({ key, fromValue, toValue }) => ({
              key,
              fromValue,
              previousFromValue: previous.get(key) ?? null,
              toValue,
            })),
          }),
        },
      },
      now,
    );
    return { proposalId, baseVersion: newest.version };
  });
}
