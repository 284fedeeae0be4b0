import { hashPassword } from "better-auth/crypto";
import { DEMO_PASSWORD, demoRoleFor } from "@/lib/domain/demo/demo-accounts";
import { DEMO_GENESIS_DAYS_AGO, demoConfigHistory } from "@/lib/domain/demo/demo-config-history";
import { generateDemoNetwork } from "@/lib/domain/demo/demo-network";
import { generateDemoTelemetry, type DemoTelemetrySample } from "@/lib/domain/demo/demo-telemetry";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type { NodeStatus } from "@/lib/schemas/nodes";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db, type DbTransaction } from "@/lib/server/db";
import { activateDueConfigVersions } from "@/lib/server/services/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/services/config-versions";
import { credentialAccountRow } from "@/lib/server/services/operator-accounts";
import { ensurePlatform } from "@/lib/server/services/platform-bootstrap";
import { seedDemoProposals } from "@/lib/server/services/seed-demo-proposals";

const DAY_MS = 86_400_000;
const SEED_TRANSACTION_TIMEOUT_MS = 30_000;
/** Telemetry rows per INSERT: at 5 bind parameters a row (numbers go in as literals), under SQLite's 32,766. */
const TELEMETRY_CHUNK = 5_000;

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Fills an EMPTY database with the "Demo Swarm": the platform (genesis 30 days ago), its operators
 * (accounts that sign in with DEMO_PASSWORD; one steward, one admin), 300 nodes with their recent
 * telemetry, config versions 2 and 3 activated in the past, proposals with their discussions, a closed
 * round that made version 4 and an open round with ballots. Any existing network or operator leaves
 * the database untouched.
 */
export async function seedDemoNetwork(
  db: Db,
  { seed, now }: { seed: number; now: Date },
): Promise<{
  seeded: boolean;
  reason?: string;
  summary?: {
    operators: number;
    nodes: number;
    telemetrySamples: number;
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
  const isPostgres = databaseKind(db) === "postgres";
  const history = demoConfigHistory(defaultParameterValues());
  // scrypt is deliberately slow: one hash serves every demo account (they share the demo password).
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      await tx.operator.createMany({
        data: demo.operators.map((operator) => ({ ...operator, role: demoRoleFor(operator.email) })),
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
          return { ...node, status, verifiedAt: node.createdAt, firstReportedAt };
        }),
      });
      for (let start = 0; start < telemetry.samples.length; start += TELEMETRY_CHUNK) {
        await insertTelemetry(tx, telemetry.samples.slice(start, start + TELEMETRY_CHUNK), isPostgres);
      }
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
  return {
    seeded: true,
    summary: {
      operators: demo.operators.length,
      nodes: demo.nodes.length,
      telemetrySamples: telemetry.samples.length,
      configVersions: versions,
      ...governance,
    },
  };
}

/** Each demo report names the config version that was active when it was sent; returns how many versions exist. */
async function stampReportedVersions(db: Db): Promise<number> {
  const versions = await db.configVersion.findMany({
    where: { activatedAt: { not: null } },
    orderBy: { version: "asc" },
    select: { version: true, activatedAt: true },
  });
  for (const [i, { version, activatedAt }] of versions.entries()) {
    const next = versions[i + 1]?.activatedAt;
    await db.telemetrySample.updateMany({
      where: { at: { gte: activatedAt!, ...(next && { lt: next }) } },
      data: { activeConfigVersion: version },
    });
  }
  return db.configVersion.count();
}

/** Each TelemetrySample column with its PostgreSQL type (parameters in VALUES need a cast there). */
const TELEMETRY_COLUMNS: { [column in keyof DemoTelemetrySample]: string } = {
  id: "text",
  nodeId: "text",
  at: "timestamp(3)",
  receivedAt: "timestamp(3)",
  windowSeconds: "integer",
  uptimeSeconds: "integer",
  bytesUp: "bigint",
  bytesDown: "bigint",
  peers: "integer",
  medianLatencyMs: "double precision",
  activeConfigVersion: "integer",
  stagedConfigVersion: "integer",
  agent: "text",
};
const TELEMETRY_ENTRIES = Object.entries(TELEMETRY_COLUMNS) as [keyof DemoTelemetrySample, string][];

/**
 * One multi-row INSERT: createMany took 20 s for the demo's ~65,000 rows on SQLite, this ~2 s. Numbers
 * go in as literals (always a JS number or bigint here, nothing to escape), so 5,000 rows fit in one
 * statement's parameters.
 */
function insertTelemetry(tx: DbTransaction, samples: readonly DemoTelemetrySample[], isPostgres: boolean) {
  const value = (cell: DemoTelemetrySample[keyof DemoTelemetrySample], type: string) => {
    if (typeof cell === "number" || typeof cell === "bigint") return Prisma.raw(String(cell));
    if (cell === null) return Prisma.raw("NULL");
    return isPostgres ? Prisma.sql`CAST(${cell} AS ${Prisma.raw(type)})` : Prisma.sql`${cell}`;
  };
  const values = samples.map(
    (sample) =>
      Prisma.sql`(${Prisma.join(TELEMETRY_ENTRIES.map(([column, type]) => value(sample[column], type)))})`,
  );
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "TelemetrySample" (${Prisma.raw(TELEMETRY_ENTRIES.map(([column]) => `"${column}"`).join(", "))})
    VALUES ${Prisma.join(values)}`);
}
