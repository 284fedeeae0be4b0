import {
  recomputeRollups,
  type NetworkBucketRollup,
  type NodeBucketRollup,
  type RecomputedRollups,
  type RollupSample,
} from "../../domain/metrics/telemetry-rollup";
import type { DbOrTransaction } from "../platform/db";
import { ROLLUP_SAMPLE_SELECT } from "../telemetry/rollup-commands";

const TOTALS = {
  samples: true,
  windowSeconds: true,
  uptimeSeconds: true,
  bytesUp: true,
  bytesDown: true,
  latencyMsSeconds: true,
  peerSeconds: true,
} as const;

// In JS, not ORDER BY: PostgreSQL's collation orders ids differently from recomputeRollups.
const byStartThenNode = (a: NodeBucketRollup, b: NodeBucketRollup) =>
  a.start.getTime() - b.start.getTime() || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);
const byStart = (a: NetworkBucketRollup, b: NetworkBucketRollup) => a.start.getTime() - b.start.getTime();

const withNumberSeconds = <T extends { windowSeconds: bigint; uptimeSeconds: bigint }>(row: T) => ({
  ...row,
  windowSeconds: Number(row.windowSeconds),
  uptimeSeconds: Number(row.uptimeSeconds),
});

/** Every stored rollup row in the shape and order recomputeRollups gives, to compare the two. */
export async function readStoredRollups(db: DbOrTransaction): Promise<RecomputedRollups> {
  const [nodeHourly, nodeDaily, networkHourly, networkDaily] = await Promise.all([
    db.nodeHourlyRollup.findMany({
      select: { nodeId: true, hourStart: true, clusterPrefix: true, ...TOTALS },
    }),
    db.nodeDailyRollup.findMany({ select: { nodeId: true, day: true, ...TOTALS } }),
    db.networkHourlyRollup.findMany({ select: { hourStart: true, nodes: true, ...TOTALS } }),
    db.networkDailyRollup.findMany({ select: { day: true, nodes: true, ...TOTALS } }),
  ]);
  return {
    nodeHourly: nodeHourly
      .map(({ hourStart, ...row }) => ({ ...row, start: hourStart }))
      .sort(byStartThenNode),
    nodeDaily: nodeDaily.map(({ day, ...row }) => ({ ...row, start: day })).sort(byStartThenNode),
    networkHourly: networkHourly
      .map(({ hourStart, ...row }) => ({ ...withNumberSeconds(row), start: hourStart }))
      .sort(byStart),
    networkDaily: networkDaily
      .map(({ day, ...row }) => ({ ...withNumberSeconds(row), start: day }))
      .sort(byStart),
  };
}

/** Every raw telemetry sample still stored, as rollups read them. */
async function readRollupSamples(db: DbOrTransaction): Promise<RollupSample[]> {
  return db.telemetrySample.findMany({ select: ROLLUP_SAMPLE_SELECT });
}

/** The rollups the stored raw samples make from scratch. */
export async function recomputeStoredRollups(db: DbOrTransaction): Promise<RecomputedRollups> {
  return recomputeRollups(await readRollupSamples(db));
}
