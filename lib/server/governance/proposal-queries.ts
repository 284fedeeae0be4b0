import { DomainError } from "@/lib/domain/errors";
import {
  categoriesOfChanges,
  describeProposalChange,
  needsBaseConfirmation,
  validateProposalChanges,
} from "@/lib/domain/governance/proposal-changes";
import { describeProposalEvent, proposalSubject } from "@/lib/domain/governance/proposal-events";
import {
  isUnpublishedFor,
  proposalPermissions,
  proposalRelation,
} from "@/lib/domain/governance/proposal-access";
import { isProposalState, type ProposalState } from "@/lib/domain/governance/proposal-lifecycle";
import {
  PARAMETER_KEYS,
  PARAMETERS,
  isParameterKey,
  type ParameterKey,
} from "@/lib/domain/parameters/catalogue";
import { toPage } from "@/lib/schemas/page";
import {
  OPEN_PROPOSAL_STATES,
  type OwnProposals,
  type PreviewProposalInput,
  type ProposalDetail,
  type ProposalList,
  type ProposalListFilters,
  type ProposalPreview,
  type ProposalSummary,
} from "@/lib/schemas/proposals";
import type { SessionOperator } from "@/lib/schemas/session-operator";
import type { DbOrTransaction, DbTransaction } from "@/lib/server/platform/db";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import { listGovernanceEventsForSubject } from "@/lib/server/governance/governance-chain";
import type { Prisma } from "@/lib/generated/prisma/client";

export const PROPOSAL_NOT_FOUND =
  "There is no proposal with this id, or it is a draft only its author can see. Check the link, or find the proposal in the proposals list.";

const SUMMARY_SELECT = {
  id: true,
  title: true,
  summary: true,
  state: true,
  createdAt: true,
  publishedAt: true,
  discussionEndsAt: true,
  updatedAt: true,
  author: { select: { id: true, displayName: true } },
  changes: { select: { key: true, fromValue: true, toValue: true } },
} as const satisfies Prisma.ProposalSelect;

type SummaryRow = Prisma.ProposalGetPayload<{ select: typeof SUMMARY_SELECT }>;

const CATALOGUE_ORDER = new Map<string, number>(PARAMETER_KEYS.map((key, index) => [key, index]));

/** Stored changes in catalogue order; a key the catalogue no longer has is skipped. */
function knownChanges<T extends { key: string }>(changes: readonly T[]): (T & { key: ParameterKey })[] {
  return changes
    .filter((change): change is T & { key: ParameterKey } => isParameterKey(change.key))
    .sort((a, b) => CATALOGUE_ORDER.get(a.key)! - CATALOGUE_ORDER.get(b.key)!);
}

export function storedProposalState(state: string): ProposalState {
  if (!isProposalState(state)) throw new Error(`Proposal has an unknown state ${JSON.stringify(state)}`);
  return state;
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
} as const satisfies Prisma.ProposalSelect;

/** Loads a proposal for a change; someone else's unpublished proposal does not exist as far as the caller knows. */
export async function loadProposalForAction(
  tx: DbTransaction,
  proposalId: string,
  operatorId: string | null,
) {
  const row = await tx.proposal.findUnique({ where: { id: proposalId }, select: ACTION_SELECT });
  if (!row || isUnpublishedFor(row, operatorId)) {
    throw new DomainError("NOT_FOUND", PROPOSAL_NOT_FOUND);
  }
  return { ...row, state: storedProposalState(row.state) };
}

function toSummary(row: SummaryRow, commentCount: number): ProposalSummary {
  const changes = knownChanges(row.changes);
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    state: storedProposalState(row.state),
    author: row.author,
    categories: categoriesOfChanges(changes.map((change) => change.key)),
    changes: changes.map(({ key, fromValue, toValue }) => ({
      key,
      label: PARAMETERS[key].label,
      fromValue,
      toValue,
    })),
    commentCount,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    discussionEndsAt: row.discussionEndsAt,
    updatedAt: row.updatedAt,
  };
}

/** Visible (not hidden) comments per proposal. */
async function countComments(
  db: DbOrTransaction,
  proposalIds: readonly string[],
): Promise<Map<string, number>> {
  if (proposalIds.length === 0) return new Map();
  const groups = await db.comment.groupBy({
    by: ["threadKey"],
    where: { threadKey: { in: proposalIds.map(proposalSubject) }, hiddenAt: null },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.threadKey.slice("proposal:".length), group._count._all]));
}

async function toSummaries(db: DbOrTransaction, rows: SummaryRow[]): Promise<ProposalSummary[]> {
  const counts = await countComments(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toSummary(row, counts.get(row.id) ?? 0));
}

const ORDER_BY: Record<ProposalListFilters["sort"], Prisma.ProposalOrderByWithRelationInput[]> = {
  newest: [{ publishedAt: "desc" }, { id: "asc" }],
  updated: [{ updatedAt: "desc" }, { id: "asc" }],
  title: [{ titleSearch: "asc" }, { id: "asc" }],
  "discussion-ends": [{ discussionEndsAt: "asc" }, { id: "asc" }],
};

/** Published proposals (never drafts, not even the viewer's own), filtered, sorted and one page at a time. */
export async function listProposals(
  db: DbOrTransaction,
  filters: ProposalListFilters,
): Promise<ProposalList> {
  const { state, category, query, sort, page, pageSize } = filters;
  const where: Prisma.ProposalWhereInput = {
    publishedAt: { not: null },
    state:
      state === "open" ? { in: [...OPEN_PROPOSAL_STATES] } : state === undefined ? { not: "Draft" } : state,
    ...(category ? { changes: { some: { category } } } : {}),
    // titleSearch is stored lower-cased, so `contains` is case-insensitive on both databases.
    ...(query ? { titleSearch: { contains: query.toLowerCase() } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.proposal.count({ where }),
    db.proposal.findMany({
      where,
      orderBy: ORDER_BY[sort],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: SUMMARY_SELECT,
    }),
  ]);
  return toPage(await toSummaries(db, rows), { total, page, pageSize });
}

/** Every proposal of one operator, drafts included, newest first. */
export async function listOwnProposals(
  db: DbOrTransaction,
  { operatorId }: { operatorId: string },
): Promise<OwnProposals> {
  const rows = await db.proposal.findMany({
    where: { authorId: operatorId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: SUMMARY_SELECT,
  });
  return { items: await toSummaries(db, rows) };
}

/** One proposal with its changes against the current values, its timeline and what the viewer may do. */
export async function getProposal(
  db: DbOrTransaction,
  { proposalId, viewer }: { proposalId: string; viewer: SessionOperator | null },
): Promise<ProposalDetail> {
  const row = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { ...SUMMARY_SELECT, authorId: true, rationale: true, baseVersion: true, closeReason: true },
  });
  if (!row || isUnpublishedFor(row, viewer?.id ?? null)) {
    throw new DomainError("NOT_FOUND", PROPOSAL_NOT_FOUND);
  }
  const [current, events, counts] = await Promise.all([
    newestConfigVersion(db),
    listGovernanceEventsForSubject(db, proposalSubject(proposalId)),
    countComments(db, [proposalId]),
  ]);
  const described = events.map((event) => ({ event, ...describeProposalEvent(event.type, event.data) }));
  const actorIds = [...new Set(described.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
  const actors = await db.operator.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, displayName: true },
  });
  const actorName = new Map(actors.map((actor) => [actor.id, actor.displayName]));
  const state = storedProposalState(row.state);
  const stale = needsBaseConfirmation(row, current);
  const changes = knownChanges(row.changes).map(({ key, fromValue, toValue }) => {
    const currentValue = current.params[key];
    return {
      key,
      category: PARAMETERS[key].category,
      unit: PARAMETERS[key].unit,
      fromValue,
      currentValue,
      toValue,
      ...describeProposalChange(key, currentValue, toValue),
      changedSinceBase: currentValue !== fromValue,
    };
  });
  return {
    ...toSummary(row, counts.get(proposalId) ?? 0),
    rationale: row.rationale,
    baseVersion: row.baseVersion,
    currentVersion: current.version,
    needsBaseConfirmation: stale,
    closeReason: row.closeReason,
    changes,
    timeline: described.map(({ event, label, actorId }) => ({
      at: event.at,
      type: event.type,
      label,
      actorName: actorId ? (actorName.get(actorId) ?? null) : null,
    })),
    viewer: proposalPermissions(state, viewer ? proposalRelation(viewer, row.authorId) : null, stale),
  };
}

/** What a set of changes would do against the current values (newest version); problems are reported, never thrown. */
export async function previewProposalChanges(
  db: DbOrTransaction,
  { changes }: PreviewProposalInput,
): Promise<ProposalPreview> {
  const { version, params } = await newestConfigVersion(db);
  const validation = validateProposalChanges(params, changes);
  return {
    activeVersion: version,
    changes: changes.flatMap(({ key, toValue }) =>
      isParameterKey(key)
        ? [{ key, fromValue: params[key], toValue, ...describeProposalChange(key, params[key], toValue) }]
        : [],
    ),
    violations: validation.ok ? [] : validation.issues.map(({ keys, message }) => ({ keys, message })),
  };
}
