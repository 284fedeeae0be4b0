import { DomainError } from "@/lib/domain/errors";
import { creditedWindow } from "@/lib/domain/node-protocol/credited-uptime";
import { reportingIntervalSeconds } from "@/lib/domain/node-protocol/reporting-interval";
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
import { requestClusterPrefix } from "@/lib/server/nodes/request-source";
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
 * report, then stores the sample (its window credited no longer than the time since the node's previous
 * report: creditedWindow) with the network cluster it came from, adds it to the rollups, and stores the
 * node's last-seen time and reported version, all together.
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

  const clusterPrefix = await requestClusterPrefix(db, sourceAddress);
  await db.$transaction(async (tx) => {
    // A write first takes the node's row (PostgreSQL) or the database (SQLite), so concurrent reports from
    // one node are credited one after another, each against the contact before it.
    await tx.$executeRaw(Prisma.sql`UPDATE "Node" SET "lastSeenAt" = "lastSeenAt" WHERE "id" = ${nodeId}`);
    const node = await tx.node.findUniqueOrThrow({ where: { id: nodeId }, select: { lastSeenAt: true } });
    // A first report is credited only the jitter slack: the node proves nothing before it reports.
    const credited = creditedWindow(report, { previousContactAt: node.lastSeenAt ?? now, receivedAt: now });
    const sample = {
      nodeId,
      at,
      windowSeconds: credited.windowSeconds,
      uptimeSeconds: credited.uptimeSeconds,
      bytesUp: BigInt(report.bytesUp),
      bytesDown: BigInt(report.bytesDown),
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
