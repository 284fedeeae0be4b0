import { DomainError } from "@/lib/domain/errors";
import { creditedWindow } from "@/lib/domain/node-protocol/credited-uptime";
import { reportingIntervalSeconds } from "@/lib/domain/node-protocol/reporting-interval";
import { rollupDay, rollupHourStart } from "@/lib/domain/metrics/telemetry-rollup";
import {
  creditedBytes,
  creditPeerTraffic,
  trafficBreach,
} from "@/lib/domain/node-protocol/telemetry-plausibility";
import {
  MAX_TELEMETRY_CLOCK_LAG_MS,
  MAX_TELEMETRY_CLOCK_LEAD_MS,
  telemetryClockBreach,
} from "@/lib/domain/node-protocol/telemetry-clock";
import { telemetryReportSchema, type TelemetryAccepted } from "@/lib/schemas/node-protocol";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/platform/db";
import { parseJsonBytes } from "@/lib/server/http/read-json-body";
import { verifyNodeRequest } from "@/lib/server/nodes/verify-node-request";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { noteReportedVersion } from "@/lib/server/config-sync/node-sync-commands";
import { activeRequestRules, clusterPrefixOf } from "@/lib/server/nodes/request-source";
import { addPeerDayTraffic } from "@/lib/server/telemetry/peer-traffic-commands";
import { addNodePresence } from "@/lib/server/telemetry/presence-commands";
import { addSampleToRollups } from "@/lib/server/telemetry/rollup-commands";

export interface RecordTelemetryOptions {
  /** `{nodeId}` from the URL. */
  nodeId: string;
  headers: Headers;
  method: string;
  /** Path and query as received. */
  path: string;
  bodyBytes: Uint8Array;
  now: Date;
  /** The address the request came from, as rate limits see it (clientIpFrom). */
  sourceAddress: string;
}

export interface RecordedTelemetry extends TelemetryAccepted {
  nodeId: string;
  /** The config version the node says it applies: the seam for "a node that is behind gets a push". */
  reportedConfigVersion: number | null;
}

/**
 * POST /api/v1/nodes/{nodeId}/telemetry: checks the node's signature, its rate limit (4/min) and the
 * report (its clock, and its bytes against service.maxMbps: node-protocol.md "Telemetry"), then stores
 * the sample (its window credited no longer than the time since the node's previous report:
 * creditedWindow; its bytes no more than that window carries: creditedBytes) with the network cluster it
 * came from, adds it to the rollups, adds its per-peer exchanges to the node's day, counts the node
 * present in the hour the report arrived, and stores its last-seen time and reported version, all together.
 * A rate-limited request throws RATE_LIMITED with `details.retryAfterSeconds`.
 */
export async function recordTelemetry(
  db: Db,
  { nodeId, headers, method, path, bodyBytes, now, sourceAddress }: RecordTelemetryOptions,
): Promise<RecordedTelemetry> {
  await verifyNodeRequest(db, { headers, method, path, bodyBytes, now, expectedNodeId: nodeId });

  await enforceRateLimit(db, RATE_LIMITS.nodeTelemetry, { subject: nodeId, now });

  const report = await parseJsonBytes(bodyBytes, telemetryReportSchema);
  const at = new Date(report.at);
  const clockBreach = telemetryClockBreach({ at, windowSeconds: report.windowSeconds }, now);
  if (clockBreach === "ahead") {
    throw new DomainError(
      "BAD_INPUT",
      `at: ${report.at} is more than ${MAX_TELEMETRY_CLOCK_LEAD_MS / 60_000} minutes after the platform clock (${now.toISOString()}). Sync the node's clock (NTP) and report the end of the window that just passed.`,
    );
  }
  if (clockBreach === "behind") {
    throw new DomainError(
      "BAD_INPUT",
      `at: ${report.at} is more than ${MAX_TELEMETRY_CLOCK_LAG_MS / 3_600_000} hours plus windowSeconds before the platform clock (${now.toISOString()}). Sync the node's clock (NTP) before reporting; telemetry that old is not accepted.`,
    );
  }

  const rules = await activeRequestRules(db);
  const breach = trafficBreach(report, rules.maxMbps);
  if (breach) throw new DomainError("BAD_INPUT", breach.message);
  if (report.peerTraffic?.some((entry) => entry.peerNodeId === nodeId)) {
    throw new DomainError(
      "BAD_INPUT",
      `peerTraffic: names this node itself (${nodeId}); list only exchanges with other nodes`,
    );
  }

  const clusterPrefix = clusterPrefixOf(sourceAddress, rules);
  await db.$transaction(async (tx) => {
    // A write first takes the node's row (PostgreSQL) or the database (SQLite), so concurrent reports from
    // one node are credited one after another, each against the contact before it.
    await tx.$executeRaw(Prisma.sql`UPDATE "Node" SET "lastSeenAt" = "lastSeenAt" WHERE "id" = ${nodeId}`);
    const node = await tx.node.findUniqueOrThrow({ where: { id: nodeId }, select: { lastSeenAt: true } });
    // A first report is credited only the jitter slack: the node proves nothing before it reports.
    const credited = creditedWindow(report, { previousContactAt: node.lastSeenAt ?? now, receivedAt: now });
    const bytes = {
      bytesUp: creditedBytes(report.bytesUp, credited.windowSeconds, rules.maxMbps),
      bytesDown: creditedBytes(report.bytesDown, credited.windowSeconds, rules.maxMbps),
    };
    const sample = {
      nodeId,
      at,
      windowSeconds: credited.windowSeconds,
      uptimeSeconds: credited.uptimeSeconds,
      ...bytes,
      peers: report.peers,
      medianLatencyMs: report.medianLatencyMs,
      clusterPrefix,
    };
    await tx.telemetrySample.create({
      data: {
        ...sample,
        receivedAt: now,
        activeConfigVersion: report.activeConfigVersion,
        stagedConfigVersion: report.stagedConfigVersion,
        agent: report.agent,
        sourceAddress,
      },
      select: { id: true },
    });
    await addSampleToRollups(tx, sample);
    await addPeerDayTraffic(tx, {
      nodeId,
      day: rollupDay(rollupHourStart(sample)),
      entries: creditPeerTraffic(report.peerTraffic ?? [], { claimed: report, credited: bytes }),
    });
    await addNodePresence(tx, { nodeId, receivedAt: now });
    // A report that arrives after a later one (clock order) leaves the newer contact in place.
    if (!node.lastSeenAt || node.lastSeenAt <= now) {
      await tx.node.update({
        where: { id: nodeId },
        data: { lastSeenAt: now, reportedConfigVersion: report.activeConfigVersion },
        select: { id: true },
      });
    }
    // The first accepted report starts the node's proof of service (voting eligibility).
    await tx.node.updateMany({
      where: { id: nodeId, firstReportedAt: null },
      data: { firstReportedAt: now, firstReportedPrefix: clusterPrefix },
    });
  });
  await noteReportedVersion(db, {
    nodeId,
    activeVersion: report.activeConfigVersion,
    stagedVersion: report.stagedConfigVersion,
    now,
  });

  const nodeCount = await db.node.count({ where: { status: { not: "Gone" } } });
  return {
    nodeId,
    reportedConfigVersion: report.activeConfigVersion,
    nextReportInSeconds: reportingIntervalSeconds(nodeCount),
  };
}
