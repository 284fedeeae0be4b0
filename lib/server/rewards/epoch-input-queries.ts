import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";
import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { type EpochNodeInput, type EpochStatus } from "@/lib/domain/rewards/compute-epoch";
import { corroborateDay } from "@/lib/domain/rewards/peer-corroboration";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { latestLedgerEntries } from "./reward-ledger-queries";

const DAY_MS = 86_400_000;
const COMPUTED = "Computed" satisfies EpochStatus;

const USAGE_FIELDS = {
  nodeId: true,
  uptimeSeconds: true,
  windowSeconds: true,
  bytesUp: true,
  bytesDown: true,
  latencyMsSeconds: true,
} as const;

/** The config version in force when `day` began: the newest activated by then, else the first one. */
export async function configInForce(
  db: DbOrTransaction,
  day: Date,
): Promise<{ version: number; envelope: string }> {
  const row =
    (await db.configVersion.findFirst({
      where: { activatedAt: { lte: day } },
      orderBy: { version: "desc" },
      select: { version: true, envelope: true },
    })) ??
    (await db.configVersion.findFirst({
      orderBy: { version: "asc" },
      select: { version: true, envelope: true },
    }));
  if (!row) {
    throw new DomainError(
      "NOT_READY",
      "No config version exists yet, so epochs cannot be computed: run `npm start` so the platform creates config version 1.",
    );
  }
  return row;
}

/** Each node's rating from its latest ledger entry before `day` (absent for nodes never rated); blocked epochs have none. */
async function previousRatings(
  db: DbOrTransaction,
  day: Date,
  nodeIds: readonly string[],
): Promise<Map<string, number>> {
  const previous = await db.epoch.findFirst({
    where: { day: { lt: day }, status: COMPUTED },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  if (!previous) return new Map();
  const latest = await db.rewardLedgerEntry.findMany({
    where: { day: previous.day },
    select: { nodeId: true, rating: true },
  });
  const ratings = new Map(latest.map((entry) => [entry.nodeId, entry.rating]));
  const missing = nodeIds.filter((nodeId) => !ratings.has(nodeId));
  // Nodes absent from the previous epoch (new, or back after a silent spell) keep their newest rating, if any.
  for (const entry of await latestLedgerEntries(db, { nodeIds: missing, before: previous.day })) {
    ratings.set(entry.nodeId, entry.rating);
  }
  return ratings;
}

/** Each node's network cluster on `day`: the prefix most of its hours had (ties: the smallest prefix). */
async function dayClusters(db: DbOrTransaction, day: Date): Promise<Map<string, string>> {
  const hours = await db.nodeHourlyRollup.groupBy({
    by: ["nodeId", "clusterPrefix"],
    where: { hourStart: { gte: day, lt: new Date(day.getTime() + DAY_MS) }, clusterPrefix: { not: null } },
    _count: { _all: true },
  });
  const countsByNode = new Map<string, [string, number][]>();
  for (const { nodeId, clusterPrefix, _count } of hours) {
    const counts = countsByNode.get(nodeId) ?? [];
    counts.push([clusterPrefix!, _count._all]);
    countsByNode.set(nodeId, counts);
  }
  return new Map(
    [...countsByNode].flatMap(([nodeId, counts]) => {
      const prefix = mostFrequentPrefix(counts);
      return prefix === null ? [] : [[nodeId, prefix] as const];
    }),
  );
}

/** An epoch's inputs with each node's cluster that day, which its ledger line records. */
export interface EpochInputs {
  nodes: EpochNodeInput[];
  clusters: Map<string, string>;
}

/**
 * Every node that had reported by the end of `day` and is not gone, or is gone but served that day (has
 * its rollup), with its usage that day (bytes served as claimed, and as peers in other clusters
 * corroborated them) and its rating.
 */
export async function loadEpochInputs(db: DbOrTransaction, day: Date): Promise<EpochInputs> {
  const [nodes, rollups, clusters, reports] = await Promise.all([
    db.node.findMany({
      where: {
        firstReportedAt: { lt: new Date(day.getTime() + DAY_MS) },
        OR: [{ status: { not: "Gone" } }, { dailyRollups: { some: { day } } }],
      },
      orderBy: { id: "asc" },
      select: { id: true, operatorId: true, firstReportedAt: true },
    }),
    db.nodeDailyRollup.findMany({ where: { day }, select: USAGE_FIELDS }),
    dayClusters(db, day),
    db.nodePeerDayTraffic.findMany({
      where: { day },
      select: { nodeId: true, peerNodeId: true, bytesUp: true, bytesDown: true },
    }),
  ]);
  const ratings = await previousRatings(
    db,
    day,
    nodes.map((node) => node.id),
  );
  const usage = new Map(rollups.map(({ nodeId, ...row }) => [nodeId, row]));
  const corroboration = corroborateDay({
    claims: nodes.map((node) => ({
      nodeId: node.id,
      clusterPrefix: clusters.get(node.id) ?? null,
      claimedBytesUp: usage.get(node.id)?.bytesUp ?? 0n,
    })),
    reports,
  });
  const corroborated = new Map(corroboration.nodes.map((node) => [node.nodeId, node.corroboratedBytesUp]));
  return {
    clusters,
    nodes: nodes.map((node) => {
      const nodeUsage = usage.get(node.id);
      return {
        nodeId: node.id,
        operatorId: node.operatorId,
        firstReportedAt: node.firstReportedAt,
        previousRating: ratings.get(node.id) ?? 0,
        usage: nodeUsage ? { ...nodeUsage, corroboratedBytesUp: corroborated.get(node.id) ?? 0n } : null,
      };
    }),
  };
}

/**
 * The inputs of the newest computed epoch, rebuilt from its ledger alone (usage as the epoch read it:
 * claimed and corroborated bytes, previous rating = ratingBefore) with its config version's params; null
 * before the first computed epoch. Computing them under those params gives the stored epoch again.
 */
export async function loadLatestEpochInputs(
  db: DbOrTransaction,
): Promise<{ day: Date; nodes: EpochNodeInput[]; params: ParameterValues } | null> {
  const epoch = await db.epoch.findFirst({
    where: { status: COMPUTED },
    orderBy: { day: "desc" },
    select: { day: true, configVersion: true },
  });
  if (!epoch) return null;
  const [entries, config] = await Promise.all([
    db.rewardLedgerEntry.findMany({
      where: { day: epoch.day },
      orderBy: { nodeId: "asc" },
      select: {
        nodeId: true,
        operatorId: true,
        ratingBefore: true,
        uptimeSeconds: true,
        windowSeconds: true,
        bytesUp: true,
        corroboratedBytesUp: true,
        bytesDown: true,
        latencyMsSeconds: true,
        node: { select: { firstReportedAt: true } },
      },
    }),
    db.configVersion.findUniqueOrThrow({
      where: { version: epoch.configVersion },
      select: { envelope: true },
    }),
  ]);
  return {
    day: epoch.day,
    params: parseConfigEnvelope(config.envelope).params,
    nodes: entries.map(({ nodeId, operatorId, ratingBefore, node, ...usage }) => ({
      nodeId,
      operatorId,
      firstReportedAt: node.firstReportedAt,
      previousRating: ratingBefore,
      // A node without a rollup that day was stored with an empty window; replaying it as such is the same.
      usage: usage.windowSeconds === 0 ? null : usage,
    })),
  };
}
