import { DomainError } from "@/lib/domain/errors";
import {
  isRetryableSyncStatus,
  mayRetryNodeSync,
  RETRYABLE_SYNC_STATUSES,
  type SyncViewer,
} from "@/lib/domain/sync/retry-now";
import { type SyncStatus } from "@/lib/domain/sync/sync-status";
import type { RetriedNodeSync } from "@/lib/schemas/sync";
import type { Db } from "../platform/db";
import { enforceRateLimit } from "../platform/rate-limit";
import { RATE_LIMITS } from "../platform/rate-limit-policies";

/** Why "retry now" does nothing useful for a node in this status, and what to do instead. */
function refusal(name: string, status: string): string {
  const reasons: Partial<Record<SyncStatus, string>> = {
    Synced: `Node ${name} already holds and runs the latest config, so there is nothing to retry.`,
    Pending: `Node ${name} is already waiting for its next delivery; the sync worker sends it without being asked.`,
    Quarantined: `Node ${name} claims a config version the platform never issued. Its operator should check the node's stored config; a retry would not change that.`,
    Gone: `Node ${name} has left the network, so nothing is sent to it any more.`,
  };
  const reason = reasons[status as SyncStatus] ?? `Node ${name} has sync status ${status}.`;
  return `${reason} Retry now is for nodes that are Degraded, OutOfSync or Unreachable.`;
}

/**
 * "Retry now": makes the node due at once, lifts the hold on a version it refused (NACK) and starts the
 * retry schedule from its first step. Only for Degraded, OutOfSync and Unreachable nodes with an
 * endpoint, asked by the node's operator, a steward or an admin. The status itself is left to the worker.
 */
export async function retryNodeSync(
  db: Db,
  { nodeId, actor, now }: { nodeId: string; actor: SyncViewer; now: Date },
): Promise<RetriedNodeSync> {
  await enforceRateLimit(db, RATE_LIMITS.syncRetry, { subject: actor.id, now });
  const node = await db.node.findUnique({
    where: { id: nodeId },
    select: { name: true, operatorId: true, endpointUrl: true, sync: { select: { status: true } } },
  });
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "There is no node with this id. Find the node in the table on the Sync page and retry from there.",
    );
  }
  if (!mayRetryNodeSync(actor, node.operatorId)) {
    throw new DomainError(
      "FORBIDDEN",
      `Only the operator of node ${node.name}, a steward or an admin can ask for a new delivery. Ask its operator, or a steward.`,
    );
  }
  if (!node.endpointUrl) {
    throw new DomainError(
      "CONFLICT",
      `Node ${node.name} has no config endpoint, so the platform cannot send it configs. Its operator can add one under My nodes.`,
    );
  }
  if (!node.sync) {
    throw new DomainError(
      "CONFLICT",
      `Node ${node.name} has no delivery state yet; the sync worker creates it with the node's first delivery. Try again in a minute.`,
    );
  }
  if (!isRetryableSyncStatus(node.sync.status)) {
    throw new DomainError("CONFLICT", refusal(node.name, node.sync.status));
  }
  const { count } = await db.nodeSync.updateMany({
    where: { nodeId, status: { in: [...RETRYABLE_SYNC_STATUSES] } },
    data: { nextAttemptAt: now, nackedVersion: null, failureCount: 0 },
  });
  if (count === 0) {
    const current = await db.nodeSync.findUnique({ where: { nodeId }, select: { status: true } });
    throw new DomainError("CONFLICT", refusal(node.name, current?.status ?? "unknown"));
  }
  return { nodeId, status: node.sync.status, nextAttemptAt: now };
}
