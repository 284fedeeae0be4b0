import { hashPassword } from "better-auth/crypto";
import { DEMO_PASSWORD, demoRoleFor } from "@/demo/data/demo-accounts";
import { DEMO_GENESIS_DAYS_AGO, demoConfigHistory } from "@/demo/data/demo-config-history";
import { generateDemoNetwork } from "@/demo/data/demo-network";
import { generateDemoPeerTraffic, type DemoPeerDayTraffic } from "@/demo/data/demo-peer-traffic";
import { demoPresence, generateDemoTelemetry, type DemoTelemetrySample } from "@/demo/data/demo-telemetry";
import { recomputeRollups } from "@/lib/domain/metrics/telemetry-rollup";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type { NodeStatus } from "@/lib/schemas/nodes";
import { displayNameSchema } from "@/lib/schemas/operator-account";
import { insertRowsInBulk, type BulkColumnType } from "@/lib/server/platform/bulk-insert";
import { databaseKind, type Db } from "@/lib/server/platform/db";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { credentialAccountRow } from "@/lib/server/identity/create-operator-account";
import { freezeDueForecasts } from "@/lib/server/network-model/freeze-forecasts";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { DEFAULT_TELEMETRY_RETENTION_DAYS } from "@/lib/server/nodes/prune-node-request-replays";
import { seedDemoProposals } from "@/demo/seed/seed-demo-proposals";
import { insertRollups } from "@/lib/server/telemetry/rollup-commands";
import { PRESENCE_COLUMNS } from "@/lib/server/telemetry/presence-commands";

const DAY_MS = 86_400_000;
/** The history goes in as one transaction of about half a million rows: slow on a busy machine. */
const SEED_TRANSACTION_TIMEOUT_MS = 120_000;

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Fills an EMPTY database with the "Demo Swarm": the platform (genesis 30 days ago), its operators
 * (accounts that sign in with DEMO_PASSWORD; one steward, one admin), 300 nodes with 30 days of hourly
 * telemetry from plausible networks (demo/data/demo-addresses.ts: voting budgets follow network
 * clusters) as rollups, raw samples with the addresses they came from only for the retention period (as
 * the worker would have pruned the rest), the hours each node's reports arrived in (its presence), the
 * per-peer exchanges each node reported every day (both sides agree, but for a few inflating nodes and a
 * colluding pair: demo/data/demo-peer-traffic.ts), config versions 2 and 3 activated in the past,
 * proposals with their discussions, a closed round that made version 4 (its passed proposal's forecast
 * frozen, the version in force for 9 days), an open round with ballots, and the rewards of every past day,
 * corroborated by those exchanges. Any existing network or operator
 * leaves the database untouched.
 */
export async function seedDemoNetwork(
  db: Db,
  {
    seed,
    now,
    telemetryRetentionDays = DEFAULT_TELEMETRY_RETENTION_DAYS,
  }: { seed: number; now: Date; telemetryRetentionDays?: number },
): Promise<{
  seeded: boolean;
  reason?: string;
  summary?: {
    operators: number;
    nodes: number;
    telemetrySamples: number;
    hourlyRollups: number;
    epochs: number;
    configVersions: number;
    proposals: number;
    comments: number;
    rounds: number;
    ballots: number;
  };
}> {
  const [network, operatorCount] = await Promise.all([
    db.network.findUnique({ where: { singleton: true }, select: { name: true } }),
    db.operator.count(),
  ]);
  if (network) {
    return {
      seeded: false,
      reason: `the database already holds the network "${network.name}"; demo data only goes into an empty database (point DATABASE_URL at a new one to see the demo)`,
    };
  }
  if (operatorCount > 0) {
    return {
      seeded: false,
      reason: `the database already holds ${operatorCount} operator(s); demo data only goes into an empty database`,
    };
  }

  const demo = generateDemoNetwork({ seed, now });
  const { created } = await ensurePlatform(db, {
    networkName: demo.networkName,
    now: daysBefore(now, DEMO_GENESIS_DAYS_AGO),
  });
  if (!created) {
    return { seeded: false, reason: "another process created the network at the same moment" };
  }
  const telemetry = generateDemoTelemetry({ seed, now, network: demo });
  const rollups = recomputeRollups(telemetry.samples);
  const peerTraffic = generateDemoPeerTraffic({ seed, telemetry, rollups });
  const retainedFrom = now.getTime() - telemetryRetentionDays * DAY_MS;
  const rawSamples = telemetry.samples.filter((sample) => sample.at.getTime() >= retainedFrom);
  const isPostgres = databaseKind(db) === "postgres";
  const history = demoConfigHistory(defaultParameterValues());
  // scrypt is deliberately slow: one hash serves every demo account (they share the demo password).
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      await tx.operator.createMany({
        data: demo.operators.map((operator) => ({
          ...operator,
          // The demo's names enter like anyone's: through the one display-name rule.
          displayName: displayNameSchema.parse(operator.displayName),
          role: demoRoleFor(operator.email),
        })),
      });
      await tx.account.createMany({
        data: demo.operators.map((operator) =>
          credentialAccountRow(operator.id, demoPasswordHash, operator.createdAt),
        ),
      });
      await tx.node.createMany({
        data: demo.nodes.map((node) => {
          const status: NodeStatus = node.status;
          // Demo nodes proved their key when they enrolled.
          const firstReportedAt = telemetry.firstReportedAt.get(node.id) ?? null;
          const firstReportedPrefix = telemetry.firstReportedPrefix.get(node.id) ?? null;
          return { ...node, status, verifiedAt: node.createdAt, firstReportedAt, firstReportedPrefix };
        }),
      });
      await insertRowsInBulk(tx, {
        table: "TelemetrySample",
        columns: TELEMETRY_COLUMNS,
        rows: rawSamples,
        isPostgres,
      });
      await insertRollups(tx, rollups, { isPostgres });
      // Before the rounds and epochs below: eligibility reads presence, epochs the peer exchanges.
      await insertRowsInBulk(tx, {
        table: "NodeHourlyPresence",
        columns: PRESENCE_COLUMNS,
        rows: demoPresence(telemetry.samples),
        isPostgres,
      });
      await insertRowsInBulk(tx, {
        table: "NodePeerDayTraffic",
        columns: PEER_DAY_TRAFFIC_COLUMNS,
        rows: peerTraffic,
        isPostgres,
      });
      for (const step of history) {
        const activateAt = daysBefore(now, step.activateDaysAgo);
        await issueConfigVersion(tx, {
          params: step.params,
          activateAt,
          proposals: [],
          now: daysBefore(now, step.issuedDaysAgo),
        });
        // Activated when it was due, as the worker would have done, so the history shows real dates.
        await activateDueConfigVersions(tx, { now: activateAt });
      }
    },
    { timeout: SEED_TRANSACTION_TIMEOUT_MS },
  );
  const governance = await seedDemoProposals(db, { operators: demo.operators, now, seed });
  const versions = await stampReportedVersions(db);
  await runDueEpochs(db, { now });
  // A forecast whose close came too early in its day for that day's epoch waited for it: frozen now.
  await freezeDueForecasts(db, { now });
  const epochs = await db.epoch.count({ where: { status: "Computed" } });
  return {
    seeded: true,
    summary: {
      operators: demo.operators.length,
      nodes: demo.nodes.length,
      telemetrySamples: rawSamples.length,
      hourlyRollups: rollups.nodeHourly.length,
      epochs,
      configVersions: versions,
      ...governance,
    },
  };
}

/**
 * Each demo report, and each node's last contact, names the config version that was active then; returns how
 * many versions exist.
 */
async function stampReportedVersions(db: Db): Promise<number> {
  const versions = await db.configVersion.findMany({
    where: { activatedAt: { not: null } },
    orderBy: { version: "asc" },
    select: { version: true, activatedAt: true },
  });
  for (const [i, { version, activatedAt }] of versions.entries()) {
    const next = versions[i + 1]?.activatedAt;
    const span = { gte: activatedAt!, ...(next && { lt: next }) };
    await db.telemetrySample.updateMany({ where: { at: span }, data: { activeConfigVersion: version } });
    await db.node.updateMany({ where: { lastSeenAt: span }, data: { reportedConfigVersion: version } });
  }
  return db.configVersion.count();
}

/** How each demo telemetry column is written in bulk (the benchmarks write the same rows). */
export const TELEMETRY_COLUMNS: { readonly [column in keyof DemoTelemetrySample]: BulkColumnType } = {
  id: "text",
  nodeId: "text",
  at: "timestamp",
  receivedAt: "timestamp",
  windowSeconds: "integer",
  uptimeSeconds: "integer",
  bytesUp: "bigint",
  bytesDown: "bigint",
  peers: "integer",
  medianLatencyMs: "double",
  activeConfigVersion: "integer",
  stagedConfigVersion: "integer",
  agent: "text",
  sourceAddress: "text",
  clusterPrefix: "text",
};

const PEER_DAY_TRAFFIC_COLUMNS: { readonly [column in keyof DemoPeerDayTraffic]: BulkColumnType } = {
  nodeId: "text",
  day: "timestamp",
  peerNodeId: "text",
  bytesUp: "bigint",
  bytesDown: "bigint",
};
