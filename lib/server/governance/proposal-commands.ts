import { type z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import {
  needsBaseConfirmation,
  validateProposalChanges,
  type ProposalChangeIssue,
} from "@/lib/domain/governance/proposal-changes";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import {
  isBeforeVoting,
  PROPOSAL_STATES,
  transitionProposal,
  type ProposalAction,
  type ProposalActor,
  type ProposalState,
} from "@/lib/domain/governance/proposal-lifecycle";
import {
  MAX_DRAFTS_PER_OPERATOR,
  MAX_PROPOSALS_IN_DISCUSSION,
} from "@/lib/domain/governance/proposal-limits";
import { PARAMETERS, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import { canModerate, type Role } from "@/lib/domain/roles";
import {
  cancelProposalInputSchema,
  proposalDraftInputSchema,
  updateProposalDraftInputSchema,
  type CancelProposalInput,
  type ProposalDraftInput,
  type UpdateProposalDraftInput,
} from "@/lib/schemas/proposals";
import type { Db, DbTransaction } from "@/lib/server/platform/db";
import { getActiveConfigVersion, newestConfigVersion } from "@/lib/server/governance/issue-config-version";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import {
  isUnpublishedFor,
  PROPOSAL_NOT_FOUND,
  storedProposalState,
} from "@/lib/server/governance/proposal-queries";

import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";

const HOUR_MS = 3_600_000;

/** Who acts: the signed-in operator's id and role. */
export type ProposalWriter = { id: string; role: Role };

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const violations = parsed.error.issues.map((issue) => ({
    keys: [],
    field: issue.path.join(".") || null,
    message: issue.message,
  }));
  throw new DomainError("BAD_INPUT", violations.map((violation) => violation.message).join("; "), {
    violations,
  });
}

function enforceWriteRate(db: Db, operatorId: string, now: Date): Promise<void> {
  return enforceRateLimit(db, RATE_LIMITS.proposalWrite, { subject: operatorId, now });
}

// The issue messages suggest changing the values, which only a draft allows.
const PUBLISHED_CANNOT_CHANGE =
  "A published proposal cannot be changed: withdraw it, and write a new one if a change is still needed.";

function changeProblems(
  code: "BAD_INPUT" | "UNPROCESSABLE",
  issues: ProposalChangeIssue[],
  nextStep: string | null,
): DomainError {
  const count = issues.length === 1 ? "a problem" : `${issues.length} problems`;
  const messages = [...issues.map((issue) => issue.message), ...(nextStep ? [nextStep] : [])];
  return new DomainError(code, `The proposed changes have ${count}: ${messages.join(" ")}`, {
    violations: issues,
  });
}

/** Checks the changes against the current values; returns the rows to store with each value at that version. */
function checkedChanges(
  code: "BAD_INPUT" | "UNPROCESSABLE",
  current: ParameterValues,
  changes: readonly { key: string; toValue: number }[],
  nextStep: string | null = null,
) {
  const validation = validateProposalChanges(current, changes);
  if (!validation.ok) throw changeProblems(code, validation.issues, nextStep);
  return validation.changes.map(({ key, toValue }) => ({
    key,
    category: PARAMETERS[key].category,
    fromValue: current[key],
    toValue,
  }));
}

const ACTION_SELECT = {
  id: true,
  authorId: true,
  title: true,
  state: true,
  baseVersion: true,
  discussionEndsAt: true,
  publishedAt: true,
  changes: { select: { key: true, fromValue: true, toValue: true } },
} as const;

/** Loads a proposal for a change; someone else's unpublished proposal does not exist as far as the caller knows. */
async function loadForAction(tx: DbTransaction, proposalId: string, operatorId: string | null) {
  const row = await tx.proposal.findUnique({ where: { id: proposalId }, select: ACTION_SELECT });
  if (!row || isUnpublishedFor(row, operatorId)) {
    throw new DomainError("NOT_FOUND", PROPOSAL_NOT_FOUND);
  }
  return { ...row, state: storedProposalState(row.state) };
}

function operatorActor(writer: ProposalWriter, authorId: string): ProposalActor {
  return { kind: "operator", isAuthor: writer.id === authorId, isModerator: canModerate(writer.role) };
}

/** The next state, or the lifecycle's reason as FORBIDDEN (who) or CONFLICT (when). */
function nextState(
  state: ProposalState,
  action: ProposalAction,
  context: Parameters<typeof transitionProposal>[2],
): ProposalState {
  const result = transitionProposal(state, action, context);
  if (result.ok) return result.next;
  throw new DomainError(result.kind === "not-allowed" ? "FORBIDDEN" : "CONFLICT", result.reason);
}

/** Saves a new draft against the newest config version (the one a passed proposal is applied to). Drafts are private, so the event names no title. */
export async function createProposalDraft(
  db: Db,
  { writer, now, input }: { writer: ProposalWriter; now: Date; input: ProposalDraftInput },
): Promise<{ proposalId: string }> {
  const draft = parseInput(proposalDraftInputSchema, input);
  await enforceWriteRate(db, writer.id, now);
  return withGovernanceTransaction(db, async (tx) => {
    const drafts = await tx.proposal.count({ where: { authorId: writer.id, state: "Draft" } });
    if (drafts >= MAX_DRAFTS_PER_OPERATOR) {
      throw new DomainError(
        "CONFLICT",
        `You already have ${drafts} drafts, the most allowed. Publish or withdraw a draft you no longer need, then save this one.`,
      );
    }
    const current = await newestConfigVersion(tx);
    const changes = checkedChanges("BAD_INPUT", current.params, draft.changes);
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
): Promise<{ proposalId: string }> {
  const { proposalId, ...draft } = parseInput(updateProposalDraftInputSchema, input);
  await enforceWriteRate(db, writer.id, now);
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadForAction(tx, proposalId, writer.id);
    if (row.authorId !== writer.id)
      throw new DomainError("FORBIDDEN", "Only the author can edit a proposal.");
    if (row.state !== "Draft") {
      throw new DomainError(
        "CONFLICT",
        `Only a draft can be edited; this proposal is ${PROPOSAL_STATES[row.state].label.toLowerCase()}. To propose something different, withdraw it and write a new proposal.`,
      );
    }
    const current = await newestConfigVersion(tx);
    const changes = checkedChanges("BAD_INPUT", current.params, draft.changes);
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

/**
 * Opens a draft for discussion until publication + gov.discussionPeriodHours (active config). The chain
 * lock is taken first so two publications by one operator cannot both pass the limit of 3.
 */
export async function publishProposal(
  db: Db,
  { writer, now, proposalId }: { writer: ProposalWriter; now: Date; proposalId: string },
): Promise<{ proposalId: string; discussionEndsAt: Date }> {
  await enforceWriteRate(db, writer.id, now);
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadForAction(tx, proposalId, writer.id);
    const next = nextState(row.state, "publish", { actor: operatorActor(writer, row.authorId) });
    const current = await newestConfigVersion(tx);
    if (needsBaseConfirmation(row, current)) {
      throw new DomainError(
        "CONFLICT",
        `A parameter this draft changes has a new current value since config version ${row.baseVersion}. Review the changes and confirm them against the current values, then publish.`,
      );
    }
    checkedChanges("UNPROCESSABLE", current.params, row.changes);
    const open = await tx.proposal.count({ where: { authorId: writer.id, state: "Discussion" } });
    if (open >= MAX_PROPOSALS_IN_DISCUSSION) {
      throw new DomainError(
        "CONFLICT",
        `You already have ${open} proposals in discussion, the most allowed at once. Publish this draft when one of them has been queued for voting, or withdraw one first.`,
      );
    }
    const { params: rules } = await getActiveConfigVersion(tx);
    const discussionEndsAt = new Date(now.getTime() + rules["gov.discussionPeriodHours"] * HOUR_MS);
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
): Promise<{ proposalId: string }> {
  await enforceWriteRate(db, writer.id, now);
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadForAction(tx, proposalId, writer.id);
    const next = nextState(row.state, "withdraw", { actor: operatorActor(writer, row.authorId) });
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
): Promise<{ proposalId: string }> {
  const { proposalId, reason } = parseInput(cancelProposalInputSchema, input);
  await enforceWriteRate(db, writer.id, now);
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadForAction(tx, proposalId, writer.id);
    const next = nextState(row.state, "cancel", { actor: operatorActor(writer, row.authorId) });
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
): Promise<{ proposalId: string; baseVersion: number }> {
  await enforceWriteRate(db, writer.id, now);
  return withGovernanceTransaction(db, async (tx) => {
    const row = await loadForAction(tx, proposalId, writer.id);
    if (row.authorId !== writer.id) {
      throw new DomainError("FORBIDDEN", "Only the author can confirm a proposal's changes.");
    }
    if (!isBeforeVoting(row.state)) {
      throw new DomainError(
        "CONFLICT",
        `This proposal is ${PROPOSAL_STATES[row.state].label.toLowerCase()}, so its changes can no longer be confirmed.`,
      );
    }
    const newest = await newestConfigVersion(tx);
    if (newest.version <= row.baseVersion) {
      throw new DomainError(
        "CONFLICT",
        `This proposal is already written against the current config version ${newest.version}; there is nothing to confirm.`,
      );
    }
    const changes = checkedChanges(
      "UNPROCESSABLE",
      newest.params,
      row.changes,
      row.state === "Draft" ? null : PUBLISHED_CANNOT_CHANGE,
    );
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
      const row = await loadForAction(tx, id, null);
      const stale = needsBaseConfirmation(row, await newestConfigVersion(tx));
      const result = transitionProposal(row.state, "queue", {
        actor: { kind: "system" },
        isDiscussionOver: row.discussionEndsAt !== null && row.discussionEndsAt <= now,
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
