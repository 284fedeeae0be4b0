/**
 * A small network with a reward ledger written directly, for the network model's integration tests:
 * Ada's two home nodes, Bob's home node and his free-rider, and LargeCorp's six nodes in one data-centre
 * cluster. Each day added writes an Epoch row and every node's ledger line, as the epoch job would.
 */
import type { Db } from "@/lib/server/platform/db";

const DAY_MS = 86_400_000;
const GB = 1_000_000_000;
const MICRO = 1_000_000;

export interface HistoryNode {
  name: string;
  operator: "ada" | "bob" | "large";
  cluster: string;
  /** GB served and downloaded on a day the node is up. */
  gbUp: number;
  gbDown: number;
  /** Down every n-th day (uptime 0, Silent); 0 = never down. */
  downEvery: number;
  isFreeRider: boolean;
}

export const HISTORY_NODES: readonly HistoryNode[] = [
  {
    name: "ada-1",
    operator: "ada",
    cluster: "198.51.100.0/24",
    gbUp: 20,
    gbDown: 10,
    downEvery: 0,
    isFreeRider: false,
  },
  {
    name: "ada-2",
    operator: "ada",
    cluster: "203.0.113.0/24",
    gbUp: 6,
    gbDown: 5,
    downEvery: 3,
    isFreeRider: false,
  },
  {
    name: "bob-1",
    operator: "bob",
    cluster: "100.64.1.0/24",
    gbUp: 9,
    gbDown: 4,
    downEvery: 0,
    isFreeRider: false,
  },
  {
    name: "bob-rider",
    operator: "bob",
    cluster: "100.64.2.0/24",
    gbUp: 0.2,
    gbDown: 20,
    downEvery: 0,
    isFreeRider: true,
  },
  ...Array.from({ length: 6 }, (_, index) => ({
    name: `large-${index + 1}`,
    operator: "large" as const,
    cluster: "192.0.2.0/24",
    gbUp: 60,
    gbDown: 2,
    downEvery: 0,
    isFreeRider: false,
  })),
];

export interface ModelHistory {
  operatorIds: Record<HistoryNode["operator"], string>;
  /** Node ids by name. */
  nodeIds: Record<string, string>;
}

/** The operators and nodes of HISTORY_NODES (first reported `firstReportedAt`), no ledger yet. */
export async function insertHistoryNetwork(
  db: Db,
  { firstReportedAt }: { firstReportedAt: Date },
): Promise<ModelHistory> {
  const operatorIds = {} as ModelHistory["operatorIds"];
  for (const operator of ["ada", "bob", "large"] as const) {
    const { id } = await db.operator.create({
      data: { displayName: `Model ${operator}`, email: `model-${operator}-${process.pid}@example.test` },
      select: { id: true },
    });
    operatorIds[operator] = id;
  }
  const nodeIds: Record<string, string> = {};
  for (const node of HISTORY_NODES) {
    const { id } = await db.node.create({
      data: {
        operatorId: operatorIds[node.operator],
        name: node.name,
        nameSearch: node.name,
        publicKey: `model-key-${node.name}-${process.pid}`,
        region: "eu-west",
        firstReportedAt,
      },
      select: { id: true },
    });
    nodeIds[node.name] = id;
  }
  return { operatorIds, nodeIds };
}

/**
 * Computed epochs for `days` (UTC midnights) under `configVersion`, each with every node's ledger line:
 * paid = 75 % of what it served, 1 credit per paid GB + 2 for the day, free-riders paid half; the daily
 * payout limit scales payouts by `scale`. Ratings climb 0.05 a day served from 0.3.
 */
export async function insertHistoryDays(
  db: Db,
  history: ModelHistory,
  { days, configVersion, scale = 1 }: { days: readonly Date[]; configVersion: number; scale?: number },
): Promise<void> {
  for (const day of days) {
    const dayIndex = Math.round(day.getTime() / DAY_MS);
    const lines = HISTORY_NODES.map((node) => {
      const isUp = node.downEvery === 0 || dayIndex % node.downEvery !== 0;
      const bytesUp = isUp ? Math.round(node.gbUp * GB) : 0;
      const paidBytesUp = Math.round(bytesUp * 0.75);
      const credits = isUp ? (paidBytesUp / GB + 2) * (node.isFreeRider ? 0.5 : 1) : 0;
      const unscaledMicro = Math.round(credits * MICRO);
      return {
        day,
        nodeId: history.nodeIds[node.name]!,
        operatorId: history.operatorIds[node.operator],
        uptimeSeconds: isUp ? 86_400 : 0,
        windowSeconds: isUp ? 86_400 : 0,
        bytesUp: BigInt(bytesUp),
        bytesDown: BigInt(isUp ? Math.round(node.gbDown * GB) : 0),
        latencyMsSeconds: BigInt(isUp ? 40 * 86_400 : 0),
        corroboratedBytesUp: BigInt(Math.round(bytesUp * 0.5)),
        paidBytesUp: BigInt(paidBytesUp),
        clusterPrefix: isUp ? node.cluster : null,
        classification: !isUp ? "Silent" : node.isFreeRider ? "FreeRider" : "Contributor",
        unscaledMicro: BigInt(unscaledMicro),
        rewardMicro: BigInt(Math.floor(unscaledMicro * scale)),
        speed: 0.5,
        reliability: isUp ? 1 : 0,
        contribution: 0.5,
        score: 0.65,
        ratingBefore: 0.3,
        rating: Math.min(1, 0.3 + 0.05 * ((dayIndex % 20) + 1)),
      };
    });
    const sum = (figure: (line: (typeof lines)[number]) => bigint) =>
      lines.reduce((total, line) => total + figure(line), 0n);
    await db.epoch.create({
      data: {
        day,
        configVersion,
        computedAt: new Date(day.getTime() + DAY_MS + 60_000),
        nodes: lines.length,
        paidNodes: lines.filter((line) => line.rewardMicro > 0n).length,
        freeRiders: lines.filter((line) => line.classification === "FreeRider").length,
        freeRidersInGrace: 0,
        emissionCapMicro: 50_000n * BigInt(MICRO),
        unscaledMicro: sum((line) => line.unscaledMicro),
        paidMicro: sum((line) => line.rewardMicro),
        scale,
        bytesUp: sum((line) => line.bytesUp),
        corroboratedBytesUp: sum((line) => line.corroboratedBytesUp),
        paidBytesUp: sum((line) => line.paidBytesUp),
        status: "Computed",
      },
    });
    await db.rewardLedgerEntry.createMany({ data: lines });
  }
}

/** `count` consecutive UTC midnights starting at `first`. */
export function consecutiveDays(first: Date, count: number): Date[] {
  return Array.from({ length: count }, (_, index) => new Date(first.getTime() + index * DAY_MS));
}
