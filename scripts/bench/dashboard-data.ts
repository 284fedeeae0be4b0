import { performance } from "node:perf_hooks";
import { generateDemoNetwork, type DemoNetwork } from "../../demo/data/demo-network";
import { demoPresence, generateDemoTelemetry } from "../../demo/data/demo-telemetry";
import { recomputeRollups } from "../../lib/domain/metrics/telemetry-rollup";
import { createRandom } from "../../lib/domain/random";
import { insertRowsInBulk } from "../../lib/server/platform/bulk-insert";
import type { Db } from "../../lib/server/platform/db";
import { closeRound } from "../../lib/server/voting/close-round";
import { runDueEpochs } from "../../lib/server/rewards/compute-epochs";
import { openRound } from "../../lib/server/voting/open-round";
import { ensurePlatform } from "../../lib/server/platform/ensure-platform";
import { TELEMETRY_COLUMNS } from "../../demo/seed/seed-demo-network";
import { insertRollups } from "../../lib/server/telemetry/rollup-commands";
import { PRESENCE_COLUMNS } from "../../lib/server/telemetry/presence-commands";
import { insertQueuedProposal } from "../../lib/server/testing/voting-fixtures";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The demo network's nodes join over the last 90 days (demo-network.ts). */
const DEMO_JOIN_SPAN_DAYS = 90;
/** Here they join over the history's first week instead, so 300 nodes report for nearly all of it. */
const JOIN_SPAN_DAYS = 7;
const SAMPLE_CHUNK = 100_000;
const ROUND_SPACING_DAYS = 28;

const COVERAGE_COLUMNS = {
  at: "timestamp",
  latestVersion: "integer",
  nodes: "integer",
  synced: "integer",
  byStatus: "text",
} as const;

export interface DashboardHistory {
  nodes: number;
  operators: number;
  telemetrySamples: number;
  nodeHourlyRollups: number;
  nodeDailyRollups: number;
  networkHourlyRollups: number;
  coverageSamples: number;
  rounds: number;
  roundVoters: number;
  epochs: number;
  /** Time runDueEpochs took for the whole history. */
  epochSeconds: number;
}

/**
 * The demo network with its join times squeezed into the first week of a `days`-long history (same
 * nodes, operators, profiles and order of joining), so its telemetry reaches ~1M hourly samples.
 */
function benchNetwork({ seed, now, days }: { seed: number; now: Date; days: number }): DemoNetwork {
  const demo = generateDemoNetwork({ seed, now });
  const historyStart = now.getTime() - days * DAY_MS;
  const demoStart = now.getTime() - DEMO_JOIN_SPAN_DAYS * DAY_MS;
  const nodes = demo.nodes.map((node) => ({
    ...node,
    createdAt: new Date(
      historyStart + (node.createdAt.getTime() - demoStart) * (JOIN_SPAN_DAYS / DEMO_JOIN_SPAN_DAYS),
    ),
  }));
  const operators = demo.operators.map((operator) => {
    const firstNodeAt = Math.min(
      ...nodes.filter((node) => node.operatorId === operator.id).map((node) => node.createdAt.getTime()),
    );
    return { ...operator, createdAt: new Date(firstNodeAt - DAY_MS) };
  });
  return { ...demo, operators, nodes };
}

/** One coverage sample every `everyMinutes`: most nodes synced, a dip after each (pretend) release. */
function coverageSamples({
  seed,
  from,
  now,
  everyMinutes,
}: {
  seed: number;
  from: number;
  now: Date;
  everyMinutes: number;
}) {
  const random = createRandom(seed ^ 0x5c0_7e4a);
  const stepMs = everyMinutes * MINUTE_MS;
  const rows = [];
  for (let at = Math.ceil(from / stepMs) * stepMs; at <= now.getTime(); at += stepMs) {
    const nodes = random.int(230, 250);
    const hoursSinceRelease = ((at - from) / 3_600_000) % (14 * 24);
    const behind = Math.round(nodes * Math.max(0.02, 0.6 * Math.exp(-hoursSinceRelease / 6)));
    const synced = nodes - Math.min(nodes, behind + random.int(0, 3));
    rows.push({
      at: new Date(at),
      latestVersion: 1,
      nodes,
      synced,
      byStatus: JSON.stringify({ Synced: synced, Behind: nodes - synced }),
    });
  }
  return rows;
}

async function timedSeconds<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

/**
 * Fills a fresh bench database with `days` of history for the 300-node demo network: every hourly
 * telemetry sample (raw rows and their rollups), a coverage sample every `coverageEveryMinutes`,
 * `rounds` voting rounds 4 weeks apart (voters snapshotted, no ballots) and every day's epoch.
 */
export async function seedDashboardHistory(
  db: Db,
  {
    seed,
    now,
    days,
    coverageEveryMinutes,
    rounds,
    log,
  }: {
    seed: number;
    now: Date;
    days: number;
    coverageEveryMinutes: number;
    rounds: number;
    log: (line: string) => void;
  },
): Promise<DashboardHistory> {
  const network = benchNetwork({ seed, now, days });
  const historyStart = now.getTime() - days * DAY_MS;
  await ensurePlatform(db, { networkName: network.networkName, now: new Date(historyStart - 2 * DAY_MS) });
  const telemetry = generateDemoTelemetry({ seed, now, network, days });
  const { samples } = telemetry;
  log(`generated ${samples.length} telemetry samples for ${network.nodes.length} nodes over ${days} days`);

  await db.operator.createMany({ data: network.operators });
  await db.node.createMany({
    data: network.nodes.map((node) => ({
      ...node,
      verifiedAt: node.createdAt,
      firstReportedAt: telemetry.firstReportedAt.get(node.id) ?? null,
    })),
  });
  for (let start = 0; start < samples.length; start += SAMPLE_CHUNK) {
    await insertRowsInBulk(db, {
      table: "TelemetrySample",
      columns: TELEMETRY_COLUMNS,
      rows: samples.slice(start, start + SAMPLE_CHUNK),
      isPostgres: false,
    });
    log(`inserted ${Math.min(start + SAMPLE_CHUNK, samples.length)} / ${samples.length} raw samples`);
  }

  const rollups = recomputeRollups(samples);
  await insertRollups(db, rollups, { isPostgres: false });
  // Voting eligibility reads presence: the hours each node's reports arrived in.
  await insertRowsInBulk(db, {
    table: "NodeHourlyPresence",
    columns: PRESENCE_COLUMNS,
    rows: demoPresence(samples),
    isPostgres: false,
  });
  log(
    `inserted rollups: ${rollups.nodeHourly.length} node-hours, ${rollups.nodeDaily.length} node-days, ${rollups.networkHourly.length} network hours`,
  );

  const coverage = coverageSamples({ seed, from: historyStart, now, everyMinutes: coverageEveryMinutes });
  await insertRowsInBulk(db, {
    table: "SyncCoverageSample",
    columns: COVERAGE_COLUMNS,
    rows: coverage,
    isPostgres: false,
  });
  log(`inserted ${coverage.length} sync coverage samples (one per ${coverageEveryMinutes} min)`);

  const authorId = network.operators[0]!.id;
  for (let index = 0; index < rounds; index += 1) {
    const opensAt = new Date(now.getTime() - (rounds - index) * ROUND_SPACING_DAYS * DAY_MS + DAY_MS);
    await insertQueuedProposal(db, {
      authorId,
      now: opensAt,
      title: `Bench proposal ${index + 1}`,
      changes: [{ key: "reward.perGbUploaded", toValue: 1 + (index + 1) / 10 }],
    });
    const opened = await openRound(db, { now: opensAt });
    const isNewest = index === rounds - 1;
    if (!isNewest) await closeRound(db, { now: opened.closesAt, roundId: opened.roundId });
    log(`round ${opened.number}: ${opened.voters} voters, ${opened.eligibleNodes} eligible nodes`);
  }

  const epochs = await timedSeconds(() => runDueEpochs(db, { now, maxEpochs: days + 2 }));
  log(`computed ${epochs.result.computed} epochs in ${epochs.seconds.toFixed(1)} s`);

  return {
    nodes: network.nodes.length,
    operators: network.operators.length,
    telemetrySamples: samples.length,
    nodeHourlyRollups: rollups.nodeHourly.length,
    nodeDailyRollups: rollups.nodeDaily.length,
    networkHourlyRollups: rollups.networkHourly.length,
    coverageSamples: coverage.length,
    rounds,
    roundVoters: await db.roundVoter.count(),
    epochs: epochs.result.computed,
    epochSeconds: epochs.seconds,
  };
}
