import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";
import { DomainError } from "@/lib/domain/errors";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  describeMissingHours,
  eligibilityWindow,
  hoursIn,
  nodeEligibility,
  presenceInWindow,
  type EligibilityRules,
  type HourRange,
  type NodeServiceRecord,
} from "@/lib/domain/voting/eligibility";
import type { NodeEligibilityNote, NodeVotingEligibility, UncountedNode } from "@/lib/schemas/eligibility";
import type { DbOrTransaction, Prisma } from "@/lib/server/platform/db";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";
import { rulesAtRoundOpen } from "@/lib/server/voting/round-state";

/** What a node's eligibility is judged on, besides its presence. */
export const SERVICE_NODE_SELECT = {
  id: true,
  name: true,
  operatorId: true,
  status: true,
  verifiedAt: true,
  firstReportedAt: true,
} as const satisfies Prisma.NodeSelect;

export type ServiceNode = Prisma.NodeGetPayload<{ select: typeof SERVICE_NODE_SELECT }>;

/** The proof-of-service rules of a config version. */
export function eligibilityRules(params: ParameterValues): EligibilityRules {
  return {
    minNodeAgeDays: params["gov.minNodeAgeDays"],
    minUptimeForVoting: params["gov.minUptimeForVoting"],
  };
}

/**
 * What every node has shown of its proof of service by `opensAt`: the eligibility snapshot's input. Two
 * grouped queries whatever the window's length: present hours per node, and hours per (node, prefix).
 */
export async function loadServiceRecords(
  db: DbOrTransaction,
  { opensAt, rules }: { opensAt: Date; rules: EligibilityRules },
): Promise<NodeServiceRecord[]> {
  const window = eligibilityWindow(opensAt, rules);
  const [nodes, presence, prefixHours] = await Promise.all([
    db.node.findMany({ orderBy: { id: "asc" }, select: SERVICE_NODE_SELECT }),
    db.nodeHourlyPresence.groupBy({
      by: ["nodeId"],
      where: { hourStart: { gte: window.from, lt: window.to } },
      _count: { _all: true },
    }),
    // Hours per (node, prefix): a node's cluster for the round is the prefix it reported from in most
    // hours. Rollups, not raw samples: raw telemetry is pruned after days, the window can span months;
    // the hour the round opens in counts too, so a round without a minimum age still sees clusters.
    db.nodeHourlyRollup.groupBy({
      by: ["nodeId", "clusterPrefix"],
      where: { hourStart: { gte: window.from, lt: opensAt }, clusterPrefix: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const presentHoursByNode = new Map(presence.map((row) => [row.nodeId, row._count._all]));
  const hoursByNode = new Map<string, [string, number][]>();
  for (const row of prefixHours) {
    const hours = hoursByNode.get(row.nodeId) ?? [];
    hours.push([row.clusterPrefix!, row._count._all]);
    hoursByNode.set(row.nodeId, hours);
  }
  return nodes.map((node) => ({
    nodeId: node.id,
    operatorId: node.operatorId,
    status: node.status,
    verifiedAt: node.verifiedAt,
    firstReportedAt: node.firstReportedAt,
    presentHours: presentHoursByNode.get(node.id) ?? 0,
    clusterPrefix: mostFrequentPrefix(hoursByNode.get(node.id) ?? []),
  }));
}

/** The start times of each node's present hours inside `span`: one query, at most nodes × span hours rows. */
async function loadPresentHours(
  db: DbOrTransaction,
  nodeIds: readonly string[],
  span: HourRange,
): Promise<Map<string, Date[]>> {
  const rows = await db.nodeHourlyPresence.findMany({
    where: { nodeId: { in: [...nodeIds] }, hourStart: { gte: span.from, lt: span.to } },
    select: { nodeId: true, hourStart: true },
  });
  const byNode = new Map<string, Date[]>(nodeIds.map((nodeId) => [nodeId, []]));
  for (const row of rows) byNode.get(row.nodeId)?.push(row.hourStart);
  return byNode;
}

function explain(
  node: ServiceNode,
  presentHours: readonly Date[],
  { opensAt, rules }: { opensAt: Date; rules: EligibilityRules },
): NodeEligibilityNote {
  const window = eligibilityWindow(opensAt, rules);
  const presence = presenceInWindow(presentHours, window);
  const verdict = nodeEligibility(
    { ...node, nodeId: node.id, ...presence, clusterPrefix: null },
    rules,
    opensAt,
  );
  return {
    nodeId: node.id,
    name: node.name,
    isEligible: verdict.isEligible,
    reason: verdict.isEligible ? null : verdict.reason,
    presentHours: presence.presentHours,
    windowHours: hoursIn(window),
    missingHours:
      presence.missingHours.length === 0 ? null : describeMissingHours(presence.missingHours, window),
  };
}

/**
 * Why each of `nodes` does or does not count in a round opening at `opensAt` under `rules`, naming the
 * hours of the window it was missing; one query for their presence.
 */
export async function explainNodeEligibility(
  db: DbOrTransaction,
  { nodes, opensAt, rules }: { nodes: readonly ServiceNode[]; opensAt: Date; rules: EligibilityRules },
): Promise<NodeEligibilityNote[]> {
  if (nodes.length === 0) return [];
  const present = await loadPresentHours(
    db,
    nodes.map((node) => node.id),
    eligibilityWindow(opensAt, rules),
  );
  return nodes.map((node) => explain(node, present.get(node.id) ?? [], { opensAt, rules }));
}

/** At most this many of an operator's uncounted nodes are explained with its ballot; the rest are counted. */
export const MAX_EXPLAINED_NODES = 10;

/**
 * The operator's nodes that do not count in a round, with why as of its opening: those it still runs
 * first, then by name, at most MAX_EXPLAINED_NODES. None once the round has closed: its explanation would
 * read hours of presence that may since have been pruned.
 */
export async function explainUncountedNodes(
  db: DbOrTransaction,
  {
    round,
    operatorId,
    rules,
  }: {
    round: { id: string; number: number; state: string; opensAt: Date };
    operatorId: string;
    rules: EligibilityRules;
  },
): Promise<{ uncountedNodes: UncountedNode[]; moreUncountedNodes: number }> {
  if (round.state !== "Open") return { uncountedNodes: [], moreUncountedNodes: 0 };
  const counted = await db.roundEligibleNode.findMany({
    where: { roundId: round.id, operatorId },
    select: { nodeId: true },
  });
  const where = { operatorId, id: { notIn: counted.map((row) => row.nodeId) } };
  const [nodes, uncounted] = await Promise.all([
    db.node.findMany({
      where,
      // "Active" sorts before "Gone".
      orderBy: [{ status: "asc" }, { name: "asc" }, { id: "asc" }],
      take: MAX_EXPLAINED_NODES,
      select: SERVICE_NODE_SELECT,
    }),
    db.node.count({ where }),
  ]);
  const notes = await explainNodeEligibility(db, { nodes, opensAt: round.opensAt, rules });
  return {
    uncountedNodes: notes.map(({ nodeId, name, reason }) => ({
      nodeId,
      name,
      reason: reason ?? notMetAtOpening(round.number),
    })),
    moreUncountedNodes: uncounted - nodes.length,
  };
}

/** For a node left out of a round's snapshot that meets the rules when asked again later. */
const notMetAtOpening = (roundNumber: number) =>
  `It did not meet these rules when round ${roundNumber} opened.`;

/**
 * One of the operator's nodes and voting, as its page explains it: whether it counts in the open round
 * (the snapshot taken when it opened, explained as of then) and whether it would count were a round to
 * open now. Someone else's node is reported as missing.
 */
export async function getNodeVotingEligibility(
  db: DbOrTransaction,
  { operatorId, nodeId, now }: { operatorId: string; nodeId: string; now: Date },
): Promise<NodeVotingEligibility> {
  const [node, active, round] = await Promise.all([
    db.node.findFirst({ where: { id: nodeId, operatorId }, select: SERVICE_NODE_SELECT }),
    getActiveConfigVersion(db),
    db.round.findFirst({
      where: { isOpen: true },
      select: { id: true, number: true, opensAt: true, closesAt: true, rulesVersion: true },
    }),
  ]);
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "You have no node with this id. Check the link, or open My nodes to see the nodes you run.",
    );
  }
  const rules = eligibilityRules(active.params);
  const [counted, roundRules] = round
    ? await Promise.all([
        db.roundEligibleNode.findUnique({
          where: { roundId_nodeId: { roundId: round.id, nodeId } },
          select: { nodeId: true },
        }),
        rulesAtRoundOpen(db, round).then(eligibilityRules),
      ])
    : [null, null];
  const currentWindow = eligibilityWindow(now, rules);
  const roundWindow = round && roundRules ? eligibilityWindow(round.opensAt, roundRules) : currentWindow;
  // Both windows from one query over the span that holds them.
  const span = {
    from: new Date(Math.min(currentWindow.from.getTime(), roundWindow.from.getTime())),
    to: new Date(Math.max(currentWindow.to.getTime(), roundWindow.to.getTime())),
  };
  const present = (await loadPresentHours(db, [nodeId], span)).get(nodeId) ?? [];
  const current = explain(node, present, { opensAt: now, rules });
  const openRound =
    round && roundRules
      ? {
          number: round.number,
          opensAt: round.opensAt,
          closesAt: round.closesAt,
          counts: counted !== null,
          reason:
            counted !== null
              ? null
              : (explain(node, present, { opensAt: round.opensAt, rules: roundRules }).reason ??
                notMetAtOpening(round.number)),
        }
      : null;
  return { openRound, current, ...rules };
}
