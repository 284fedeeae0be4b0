import { canModerate, type Role } from "@/lib/domain/roles";
import type { SyncStatus } from "./sync-status";

/** Statuses from which someone may ask for an immediate new attempt. */
export const RETRYABLE_SYNC_STATUSES = [
  "Degraded",
  "OutOfSync",
  "Unreachable",
] as const satisfies readonly SyncStatus[];

/** Who looks at or acts on a node's sync state (null: an anonymous visitor). */
export interface SyncViewer {
  id: string;
  role: Role;
}

/** A failing delivery can be retried; Synced, Pending, Quarantined and Gone nodes have nothing to retry. */
export function isRetryableSyncStatus(status: string): boolean {
  return (RETRYABLE_SYNC_STATUSES as readonly string[]).includes(status);
}

/** Who may ask for an immediate new attempt: the node's operator, a steward or an admin. */
export function mayRetryNodeSync(viewer: SyncViewer | null, operatorId: string): boolean {
  return viewer !== null && (viewer.id === operatorId || canModerate(viewer.role));
}

/** "Retry now" is offered for a node with an endpoint in a retryable status, to those who may ask. */
export function canRetryNodeSyncNow(
  viewer: SyncViewer | null,
  node: { operatorId: string; status: string; hasEndpoint: boolean },
): boolean {
  return node.hasEndpoint && isRetryableSyncStatus(node.status) && mayRetryNodeSync(viewer, node.operatorId);
}
