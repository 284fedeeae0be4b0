import { generateKeyPairSync } from "node:crypto";
import { recomputeRollups } from "../../domain/metrics/telemetry-rollup";
import { maxBytes, STORED_SUM_CEILING } from "../../domain/node-protocol/telemetry-plausibility";
import { PARAMETERS, type ParameterValues } from "../../domain/parameters/catalogue";
import { MAX_MEDIAN_LATENCY_MS, MAX_TELEMETRY_WINDOW_SECONDS } from "../../schemas/node-protocol";
import { newestConfigVersion } from "../governance/config-version-queries";
import { activateDueConfigVersions } from "../governance/activate-config-versions";
import { issueConfigVersion } from "../governance/issue-config-version";
import { databaseKind, type Db } from "../platform/db";
import { exportEd25519PublicKey } from "../platform/ed25519";
import { insertRollups } from "../telemetry/rollup-commands";
import { presenceHourStart } from "../telemetry/presence-commands";
import type { TestNode } from "./create-test-node";
import { sendSignedTelemetry } from "./telemetry-fixtures";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const INT32_MAX = 2_147_483_647;
/** The highest service.maxMbps governance can set: the largest reports a node may ever send. */
const HIGHEST_MAX_MBPS = PARAMETERS["service.maxMbps"].max;
/** The bytesUp (and bytesDown) of every flood report: the most a day-long window carries at HIGHEST_MAX_MBPS. */
const BYTES_PER_REPORT = maxBytes(MAX_TELEMETRY_WINDOW_SECONDS, HIGHEST_MAX_MBPS);
/** Each node reports twice, a day apart, both credited in full. */
const REPORTS_PER_NODE = 2;
/** Reports in flight at once (PostgreSQL serves them in parallel; SQLite one after another). */
const CONCURRENCY = 8;

export interface TelemetryFlood {
  nodes: TestNode[];
  /** Every report's `at`: its day-long window's middle falls in the flooded hour. */
  at: Date;
  /** When the platform received each node's first and second report. */
  receivedAt: [Date, Date];
  /** The bytesUp (and bytesDown) every report claims and is credited. */
  bytesPerReport: bigint;
  /** Reports seeded in bulk (as the platform stores accepted ones), then those sent signed. */
  seededReports: number;
  signedReports: number;
}

/** `run` over `items`, at most CONCURRENCY at once. */
async function inParallel<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await run(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/** One operator's `count` nodes with fresh keys, inserted in bulk; `lastSeenAt(index)` is each one's previous contact. */
async function insertNodes(
  db: Db,
  { count, lastSeenAt }: { count: number; lastSeenAt: (index: number) => Date },
) {
  const operator = await db.operator.create({
    data: { displayName: "Flood operator", email: `flood-${Date.now()}@attack.example` },
    select: { id: true },
  });
  const keys = Array.from({ length: count }, () => generateKeyPairSync("ed25519"));
  const rows = await db.node.createManyAndReturn({
    data: keys.map(({ publicKey }, index) => {
      const name = `flood-${index + 1}`;
      return {
        operatorId: operator.id,
        name,
        nameSearch: name,
        publicKey: exportEd25519PublicKey(publicKey),
        region: "eu-west",
        status: "Active" as const,
        verifiedAt: lastSeenAt(0),
        lastSeenAt: lastSeenAt(index),
      };
    }),
    select: { id: true, publicKey: true },
  });
  const idByKey = new Map(rows.map((row) => [row.publicKey, row.id]));
  return keys.map(({ privateKey, publicKey }) => ({
    nodeId: idByKey.get(exportEd25519PublicKey(publicKey))!,
    operatorId: operator.id,
    privateKey,
  }));
}

const sourceAddress = (index: number) => `198.51.100.${index % 250}`;
const clusterPrefix = "198.51.100.0/24";

/**
 * The reports of `nodes` written as recordTelemetry stores accepted ones (samples credited in full, their
 * rollups, peer rows, presence), in bulk: the part of the flood the network's sums can hold below the
 * ceiling, so the signed reports after it are the ones that cross it.
 */
async function seedAcceptedReports(
  db: Db,
  {
    nodes,
    peerOf,
    at,
    receivedAt,
  }: { nodes: TestNode[]; peerOf: (index: number) => string; at: Date; receivedAt: Date[] },
): Promise<void> {
  const samples = nodes.flatMap(({ nodeId }, index) =>
    receivedAt.map((received) => ({
      nodeId,
      at,
      receivedAt: received,
      windowSeconds: MAX_TELEMETRY_WINDOW_SECONDS,
      uptimeSeconds: MAX_TELEMETRY_WINDOW_SECONDS,
      bytesUp: BYTES_PER_REPORT,
      bytesDown: BYTES_PER_REPORT,
      peers: INT32_MAX,
      medianLatencyMs: MAX_MEDIAN_LATENCY_MS,
      clusterPrefix,
      sourceAddress: sourceAddress(index),
      activeConfigVersion: null,
      stagedConfigVersion: null,
      agent: "flood/1",
    })),
  );
  for (let start = 0; start < samples.length; start += 1_000) {
    await db.telemetrySample.createMany({ data: samples.slice(start, start + 1_000) });
  }
  const rollups = recomputeRollups(samples);
  await insertRollups(db, rollups, { isPostgres: databaseKind(db) === "postgres" });
  const [day] = rollups.nodeDaily.map((row) => row.start);
  await db.nodePeerDayTraffic.createMany({
    data: nodes.map(({ nodeId }, index) => ({
      nodeId,
      day: day!,
      peerNodeId: peerOf(index),
      bytesUp: BigInt(receivedAt.length) * BYTES_PER_REPORT,
      bytesDown: BigInt(receivedAt.length) * BYTES_PER_REPORT,
    })),
  });
  await db.nodeHourlyPresence.createMany({
    data: nodes.flatMap(({ nodeId }) =>
      receivedAt.map((received) => ({ nodeId, hourStart: presenceHourStart(received), requests: 1 })),
    ),
  });
}

/**
 * Issue #15's "10,000 maximum-size reports into one hour": governance raises service.maxMbps to its
 * highest value (a config issued and activated a day before), then `nodeCount` nodes, each last seen a
 * day before, send two reports each claiming a whole day at that rate, both aimed at `hourStart` (the
 * window's middle falls in it) and each received a day after the node's previous contact, so every
 * report is credited in full. Each report names the next node as the peer it exchanged all its bytes with.
 * The first nodes' reports are seeded in bulk, as many as the network's sums hold below
 * STORED_SUM_CEILING (8,332 reports, 8.999 × 10^18 bytes); every later node's reports go signed
 * through recordTelemetry, so those cross the ceiling and 2^63 − 1. 5,000 nodes make 10,000 reports,
 * 1.08 × 10^19 bytes: more than a 64-bit integer holds.
 */
export async function floodOneHour(
  db: Db,
  { hourStart, nodeCount }: { hourStart: Date; nodeCount: number },
): Promise<TelemetryFlood> {
  // The window's middle, 12 hours before its end, lands half past the flooded hour.
  const at = new Date(hourStart.getTime() + 12.5 * HOUR_MS);
  const receivedAt: [Date, Date] = [at, new Date(at.getTime() + DAY_MS)];
  const raisedAt = new Date(at.getTime() - DAY_MS);
  const { params } = await newestConfigVersion(db);
  const raised: ParameterValues = { ...params, "service.maxMbps": HIGHEST_MAX_MBPS };
  await issueConfigVersion(db, { params: raised, activateAt: raisedAt, proposals: [], now: raisedAt });
  await activateDueConfigVersions(db, { now: raisedAt });

  const seededNodes = Math.min(
    nodeCount,
    Number(STORED_SUM_CEILING / (BYTES_PER_REPORT * BigInt(REPORTS_PER_NODE))),
  );
  const nodes = await insertNodes(db, {
    count: nodeCount,
    lastSeenAt: (index) => (index < seededNodes ? receivedAt[1] : raisedAt),
  });
  const peerOf = (index: number) => nodes[(index + 1) % nodes.length]!.nodeId;
  await seedAcceptedReports(db, { nodes: nodes.slice(0, seededNodes), peerOf, at, receivedAt });

  const bytes = Number(BYTES_PER_REPORT);
  const signed = [...nodes.entries()].slice(seededNodes);
  for (const now of receivedAt) {
    await inParallel(signed, async ([index, node]) => {
      await sendSignedTelemetry(db, {
        node,
        now,
        report: {
          at: at.toISOString(),
          windowSeconds: MAX_TELEMETRY_WINDOW_SECONDS,
          uptimeSeconds: MAX_TELEMETRY_WINDOW_SECONDS,
          bytesUp: bytes,
          bytesDown: bytes,
          peers: INT32_MAX,
          medianLatencyMs: MAX_MEDIAN_LATENCY_MS,
          activeConfigVersion: null,
          stagedConfigVersion: null,
          agent: "flood/1",
          peerTraffic: [{ peerNodeId: peerOf(index), bytesUp: bytes, bytesDown: bytes }],
        },
        sourceAddress: sourceAddress(index),
      });
    });
  }
  return {
    nodes,
    at,
    receivedAt,
    bytesPerReport: BYTES_PER_REPORT,
    seededReports: seededNodes * REPORTS_PER_NODE,
    signedReports: (nodeCount - seededNodes) * REPORTS_PER_NODE,
  };
}
