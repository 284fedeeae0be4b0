import {
  addRollupTotals,
  recomputeRollups,
  rollupDay,
  rollupHourStart,
  sampleTotals,
  type NetworkBucketRollup,
  type RecomputedRollups,
  type RollupSample,
  type RollupTotals,
} from "@/lib/domain/metrics/telemetry-rollup";
import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";
import { STORED_SUM_CEILING } from "@/lib/domain/node-protocol/telemetry-plausibility";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertRowsInBulk, type BulkColumnType } from "@/lib/server/platform/bulk-insert";
import { databaseKind, type Db, type DbOrTransaction, type DbTransaction } from "@/lib/server/platform/db";

type RollupTable = "NodeHourlyRollup" | "NodeDailyRollup" | "NetworkHourlyRollup" | "NetworkDailyRollup";

const quote = (identifier: string) => Prisma.raw(`"${identifier}"`);

/**
 * Adds `sums` (column → amount) and `capped` sums to one rollup row, creating it when missing, and sets
 * the `set` columns, in one statement that is atomic under concurrent writers on both databases; returns
 * the row's sample count after the addition. A `capped` sum saturates at STORED_SUM_CEILING (a CASE both
 * databases read alike, MIN/LEAST in effect); the addition before the cap cannot overflow, as every
 * increment is far below 2^63 − 1 − the ceiling.
 */
async function addToRollupRow(
  tx: DbTransaction,
  table: RollupTable,
  key: Record<string, string | Date>,
  {
    sums,
    capped = {},
    set = {},
  }: {
    sums: Record<string, number | bigint>;
    capped?: Record<string, number | bigint>;
    set?: Record<string, string | null>;
  },
): Promise<number> {
  const keyColumns = Object.keys(key);
  const sumColumns = Object.keys(sums);
  const cappedColumns = Object.keys(capped);
  const setColumns = Object.keys(set);
  const added = (column: string) => `"${table}"."${column}" + excluded."${column}"`;
  const rows = await tx.$queryRaw<{ samples: number }[]>(Prisma.sql`
    INSERT INTO ${quote(table)} (${Prisma.join(
      [...keyColumns, ...sumColumns, ...cappedColumns, ...setColumns].map(quote),
    )})
    VALUES (${Prisma.join([
      ...Object.values(key),
      ...Object.values(sums),
      ...Object.values(capped),
      ...Object.values(set),
    ])})
    ON CONFLICT (${Prisma.join(keyColumns.map(quote))}) DO UPDATE SET ${Prisma.join([
      ...sumColumns.map((column) => Prisma.raw(`"${column}" = ${added(column)}`)),
      ...cappedColumns.map((column) =>
        Prisma.raw(
          `"${column}" = CASE WHEN ${added(column)} > ${STORED_SUM_CEILING} THEN ${STORED_SUM_CEILING} ELSE ${added(column)} END`,
        ),
      ),
      ...setColumns.map((column) => Prisma.raw(`"${column}" = excluded."${column}"`)),
    ])}
    RETURNING "samples"`);
  return Number(rows[0]!.samples);
}

/**
 * Counts one more report of the node's hour from `clusterPrefix` and returns the hour's cluster: the
 * prefix most of its reports came from, ties to the smallest (as recomputeRollups decides it).
 */
async function countHourlyPrefix(
  tx: DbTransaction,
  { nodeId, hourStart, clusterPrefix }: { nodeId: string; hourStart: Date; clusterPrefix: string },
): Promise<string | null> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "NodeHourlyPrefixCount" ("nodeId", "hourStart", "clusterPrefix", "reports")
    VALUES (${nodeId}, ${hourStart}, ${clusterPrefix}, 1)
    ON CONFLICT ("nodeId", "hourStart", "clusterPrefix")
    DO UPDATE SET "reports" = "NodeHourlyPrefixCount"."reports" + 1`);
  const counts = await tx.nodeHourlyPrefixCount.findMany({
    where: { nodeId, hourStart },
    select: { clusterPrefix: true, reports: true },
  });
  return mostFrequentPrefix(counts.map((row) => [row.clusterPrefix, row.reports]));
}

/**
 * Adds one stored sample (its credited window and credited bytes) to the node's hourly and daily rollups
 * and to the network's; the network counts the node once per bucket, when the sample created the node's row.
 *
 * Why no stored sum can overflow: a node's credited windows add up to at most the wall-clock time its
 * reports span plus 5 s of slack per report (creditedWindow), and its credited bytes to at most that
 * time × service.maxMbps (≤ 100,000) × 125,000 B/s (creditedBytes). Reports into one day's rows arrive
 * within about three and a half days (`at` may lie a day plus its window back), at most 4 a minute: under
 * 500,000 credited seconds, so a node's daily bytes stay below 10^16, far inside a 64-bit integer, and its
 * seconds inside a 32-bit one. Network rows add every node, so their sums saturate at STORED_SUM_CEILING.
 */
export async function addSampleToRollups(tx: DbTransaction, sample: RollupSample): Promise<void> {
  const totals = sampleTotals(sample);
  const hourStart = rollupHourStart(sample);
  const day = rollupDay(hourStart);
  const { nodeId, clusterPrefix } = sample;
  const hourCluster: Record<string, string | null> = clusterPrefix
    ? { clusterPrefix: await countHourlyPrefix(tx, { nodeId, hourStart, clusterPrefix }) }
    : {};
  // Node rows first, then the network's hour before its day: every writer takes the shared rows in one order.
  const hourlySamples = await addToRollupRow(
    tx,
    "NodeHourlyRollup",
    { nodeId, hourStart },
    { sums: { ...totals }, set: hourCluster },
  );
  const dailySamples = await addToRollupRow(tx, "NodeDailyRollup", { nodeId, day }, { sums: { ...totals } });
  const { samples, ...capped } = totals;
  await addToRollupRow(
    tx,
    "NetworkHourlyRollup",
    { hourStart },
    { sums: { samples, nodes: hourlySamples === 1 ? 1 : 0 }, capped },
  );
  await addToRollupRow(
    tx,
    "NetworkDailyRollup",
    { day },
    { sums: { samples, nodes: dailySamples === 1 ? 1 : 0 }, capped },
  );
}

const TOTAL_COLUMNS = {
  samples: "integer",
  windowSeconds: "integer",
  uptimeSeconds: "integer",
  bytesUp: "bigint",
  bytesDown: "bigint",
  latencyMsSeconds: "bigint",
  peerSeconds: "bigint",
} as const satisfies Record<keyof RollupTotals, BulkColumnType>;
const NETWORK_COLUMNS = { ...TOTAL_COLUMNS, nodes: "integer" } as const;

/**
 * Writes recomputed rollups into empty rollup tables in bulk (the demo history, benchmarks: hundreds of
 * thousands of rows). `isPostgres` is databaseKind(db) === "postgres", asked of the client.
 */
export async function insertRollups(
  db: DbOrTransaction,
  rollups: RecomputedRollups,
  { isPostgres }: { isPostgres: boolean },
): Promise<void> {
  await insertRowsInBulk(db, {
    table: "NodeHourlyRollup",
    columns: { nodeId: "text", hourStart: "timestamp", ...TOTAL_COLUMNS, clusterPrefix: "text" },
    rows: rollups.nodeHourly.map(({ start, clusterPrefix = null, ...row }) => ({
      ...row,
      clusterPrefix,
      hourStart: start,
    })),
    isPostgres,
  });
  await insertRowsInBulk(db, {
    table: "NodeDailyRollup",
    columns: { nodeId: "text", day: "timestamp", ...TOTAL_COLUMNS },
    rows: rollups.nodeDaily.map(({ start, clusterPrefix: _hourlyOnly, ...row }) => ({ ...row, day: start })),
    isPostgres,
  });
  await insertRowsInBulk(db, {
    table: "NetworkHourlyRollup",
    columns: { hourStart: "timestamp", ...NETWORK_COLUMNS },
    rows: rollups.networkHourly.map(({ start, ...row }) => ({ ...row, hourStart: start })),
    isPostgres,
  });
  await insertRowsInBulk(db, {
    table: "NetworkDailyRollup",
    columns: { day: "timestamp", ...NETWORK_COLUMNS },
    rows: rollups.networkDaily.map(({ start, ...row }) => ({ ...row, day: start })),
    isPostgres,
  });
}

/** Raw samples read per query while rebuilding: memory stays bounded whatever the table holds. */
const REBUILD_PAGE_SIZE = 5_000;
const REBUILD_TRANSACTION = { maxWait: 10_000, timeout: 30 * 60_000 } as const;

/** What rollups read of a stored sample (and its id, for paging). */
export const ROLLUP_SAMPLE_SELECT = {
  id: true,
  nodeId: true,
  at: true,
  windowSeconds: true,
  uptimeSeconds: true,
  bytesUp: true,
  bytesDown: true,
  peers: true,
  medianLatencyMs: true,
  clusterPrefix: true,
} as const;

export type RollupRebuild =
  | { isRebuilt: false; reason: string }
  | { isRebuilt: true; samples: number; nodes: number; networkHours: number; networkDays: number };

/** Every raw sample ordered by node then time, a page at a time (keyset on the id breaks ties). */
async function* readSamplesByNode(
  tx: DbTransaction,
  pageSize: number,
): AsyncGenerator<RollupSample & { id: string }> {
  let afterId: string | undefined;
  for (;;) {
    const page = await tx.telemetrySample.findMany({
      orderBy: [{ nodeId: "asc" }, { at: "asc" }, { id: "asc" }],
      take: pageSize,
      ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
      select: ROLLUP_SAMPLE_SELECT,
    });
    yield* page;
    if (page.length < pageSize) return;
    afterId = page.at(-1)!.id;
  }
}

function addNetworkRows(into: Map<number, NetworkBucketRollup>, rows: readonly NetworkBucketRollup[]): void {
  for (const row of rows) {
    const key = row.start.getTime();
    const existing = into.get(key);
    into.set(key, existing ? { ...addRollupTotals(existing, row), nodes: existing.nodes + row.nodes } : row);
  }
}

const byStart = (a: NetworkBucketRollup, b: NetworkBucketRollup) => a.start.getTime() - b.start.getTime();

/**
 * Builds the rollups from the raw samples when all four rollup tables are empty but samples exist (a
 * database from before rollups): eligibility and the dashboards read only rollups. Does nothing otherwise.
 */
export async function rebuildRollupsIfMissing(
  db: Db,
  { pageSize = REBUILD_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<RollupRebuild> {
  const isPostgres = databaseKind(db) === "postgres";
  return db.$transaction(async (tx) => {
    const [nodeHour, nodeDay, networkHour, networkDay, sample] = await Promise.all([
      tx.nodeHourlyRollup.findFirst({ select: { nodeId: true } }),
      tx.nodeDailyRollup.findFirst({ select: { nodeId: true } }),
      tx.networkHourlyRollup.findFirst({ select: { hourStart: true } }),
      tx.networkDailyRollup.findFirst({ select: { day: true } }),
      tx.telemetrySample.findFirst({ select: { id: true } }),
    ]);
    if (nodeHour || nodeDay || networkHour || networkDay) {
      return { isRebuilt: false, reason: "rollups already exist" };
    }
    if (!sample) return { isRebuilt: false, reason: "there is no raw telemetry to build them from" };

    const networkHourly = new Map<number, NetworkBucketRollup>();
    const networkDaily = new Map<number, NetworkBucketRollup>();
    let samples = 0;
    let nodes = 0;
    // One node's samples at a time: its rows are complete once the next node starts.
    let nodeSamples: RollupSample[] = [];
    const flushNode = async () => {
      if (nodeSamples.length === 0) return;
      const rollups = recomputeRollups(nodeSamples);
      await insertRollups(tx, { ...rollups, networkHourly: [], networkDaily: [] }, { isPostgres });
      addNetworkRows(networkHourly, rollups.networkHourly);
      addNetworkRows(networkDaily, rollups.networkDaily);
      nodes += 1;
      nodeSamples = [];
    };
    for await (const { id: _id, ...row } of readSamplesByNode(tx, pageSize)) {
      if (nodeSamples.length > 0 && nodeSamples[0]!.nodeId !== row.nodeId) await flushNode();
      nodeSamples.push(row);
      samples += 1;
    }
    await flushNode();
    await insertRollups(
      tx,
      {
        nodeHourly: [],
        nodeDaily: [],
        networkHourly: [...networkHourly.values()].sort(byStart),
        networkDaily: [...networkDaily.values()].sort(byStart),
      },
      { isPostgres },
    );
    return {
      isRebuilt: true,
      samples,
      nodes,
      networkHours: networkHourly.size,
      networkDays: networkDaily.size,
    };
  }, REBUILD_TRANSACTION);
}
