import { setMaxListeners } from "node:events";
import type { NodeSyncState } from "@/lib/domain/sync/push-outcome";
import type { SyncStatus } from "@/lib/domain/sync/sync-status";
import type { Db } from "@/lib/server/platform/db";
import type { Logger } from "@/lib/server/platform/logger";
import { ensureNodeSyncRows } from "@/lib/server/config-sync/node-sync-commands";
import { createAttemptRecorder } from "./attempt-recorder";
import { claimDueNodeSyncs, releaseNodeSync, releaseSqliteLease, renewLeases } from "./claim-node-syncs";
import { deliverToNode, type DeliverableNode, type PassCounters } from "./deliver-to-node";
import { createDestinationLimiter, DEFAULT_PER_DESTINATION_LIMIT } from "./destination-limiter";
import { loadPlatformSnapshot } from "./platform-snapshot";

export const DEFAULT_MAX_IN_FLIGHT = 32;
export const DEFAULT_LEASE_MS = 30_000;
/** How long requests still running may finish after the worker was told to stop (the runtime waits 10 s). */
export const STOP_GRACE_MS = 8_000;

export interface SyncPassOptions {
  db: Db;
  workerId: string;
  now: () => Date;
  random: () => number;
  logger: Logger;
  signal: AbortSignal;
  /** PLENUM_ALLOW_PRIVATE_ENDPOINTS; without it only demo fleet nodes may have private endpoints. */
  allowPrivateEndpoints: boolean;
  maxInFlight: number;
  perDestinationLimit?: number;
  leaseMs?: number;
  /** Rows claimed per pass; default twice maxInFlight, so several workers share a fan-out. */
  batchSize?: number;
  timeouts?: { connectMs: number; totalMs: number };
}

export type SyncPassResult = {
  claimed: number;
  pushed: number;
  acknowledged: number;
  failed: number;
  readBacks: number;
};

const STATE_SELECT = {
  desiredVersion: true,
  acknowledgedVersion: true,
  acknowledgedSha256: true,
  observedVersion: true,
  observedSha256: true,
  status: true,
  failureCount: true,
  failingSince: true,
  nextAttemptAt: true,
  nextReadBackAt: true,
  lastAttemptAt: true,
  lastError: true,
  nackedVersion: true,
} as const;

/**
 * One pass of the sync worker: claims the due nodes with a lease, pushes to or reads back each of
 * them (at most `maxInFlight` requests at once, one per node, two per destination IP), records every
 * attempt and releases the leases. After `signal` aborts it claims nothing more and lets requests in
 * flight run for at most 8 s.
 */
export async function runSyncPass(options: SyncPassOptions): Promise<SyncPassResult> {
  const { db, workerId, logger, signal } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const counters: PassCounters = { pushed: 0, acknowledged: 0, failed: 0, readBacks: 0 };
  if (signal.aborted) {
    await releaseSqliteLease(db, workerId);
    return { claimed: 0, ...counters };
  }
  const passStart = options.now();
  await ensureNodeSyncRows(db, { now: passStart });
  const nodeIds = await claimDueNodeSyncs(db, {
    workerId,
    now: passStart,
    leaseMs,
    batchSize: options.batchSize ?? 2 * Math.max(1, options.maxInFlight),
  });
  if (nodeIds.length === 0) return { claimed: 0, ...counters };

  const pending = new Set(nodeIds);
  const requests = new AbortController();
  // Every in-flight request listens on this one signal: up to a whole batch at once, not a leak.
  setMaxListeners(0, requests.signal);
  const onStop = () => setTimeout(() => requests.abort(), STOP_GRACE_MS).unref();
  signal.addEventListener("abort", onStop, { once: true });
  const heartbeat = setInterval(
    () => {
      renewLeases(db, [...pending], { workerId, now: options.now(), leaseMs }).catch((error: unknown) =>
        logger.warn("could not renew sync leases", { error }),
      );
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();
  const recorder = createAttemptRecorder({ db, workerId, logger });
  const release = async (nodeId: string) => {
    try {
      await recorder.release(nodeId);
    } catch (error) {
      logger.warn("could not store a sync result; giving the lease back", { nodeId, error });
      await releaseNodeSync(db, nodeId, workerId);
    }
    pending.delete(nodeId);
  };

  try {
    const platform = await loadPlatformSnapshot(db, passStart);
    const nodes = await loadClaimedNodes(db, nodeIds);
    const context = {
      recorder,
      now: options.now,
      random: options.random,
      logger,
      platform,
      allowPrivateEndpoints: options.allowPrivateEndpoints,
      perDestination: createDestinationLimiter(options.perDestinationLimit ?? DEFAULT_PER_DESTINATION_LIMIT),
      inFlight: createDestinationLimiter(Math.max(1, options.maxInFlight)),
      timeouts: options.timeouts,
      stopSignal: signal,
      requestSignal: requests.signal,
      counters,
    };
    await Promise.all(
      nodes.map(async (node) => {
        try {
          if (!signal.aborted) await deliverToNode(context, node);
        } catch (error) {
          logger.error("sync attempt failed inside the worker; the node is retried when its lease expires", {
            nodeId: node.nodeId,
            error,
          });
        } finally {
          await release(node.nodeId);
        }
      }),
    );
  } finally {
    await recorder.close();
    clearInterval(heartbeat);
    signal.removeEventListener("abort", onStop);
    for (const nodeId of pending) await releaseNodeSync(db, nodeId, workerId);
    if (signal.aborted) await releaseSqliteLease(db, workerId);
  }
  return { claimed: nodeIds.length, ...counters };
}

async function loadClaimedNodes(db: Db, nodeIds: readonly string[]): Promise<DeliverableNode[]> {
  const rows = await db.nodeSync.findMany({
    where: { nodeId: { in: [...nodeIds] } },
    select: {
      nodeId: true,
      ...STATE_SELECT,
      node: { select: { endpointUrl: true, webhookSecret: true, allowsPrivateEndpoint: true } },
    },
  });
  return rows.flatMap(({ nodeId, node, ...state }) =>
    node.endpointUrl && node.webhookSecret
      ? [
          {
            nodeId,
            endpointUrl: node.endpointUrl,
            webhookSecret: node.webhookSecret,
            allowsPrivateEndpoint: node.allowsPrivateEndpoint,
            state: { ...state, status: state.status as SyncStatus } satisfies NodeSyncState,
          },
        ]
      : [],
  );
}
