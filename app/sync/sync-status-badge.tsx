import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SyncStatus } from "@/lib/domain/sync/sync-status";

const TONES: Record<SyncStatus, BadgeTone> = {
  Synced: "success",
  Pending: "info",
  OutOfSync: "warning",
  Degraded: "danger",
  Unreachable: "danger",
  Quarantined: "danger",
  Gone: "neutral",
};

/** "OutOfSync" reads as "Out of sync". */
export function syncStatusLabel(status: SyncStatus): string {
  return status === "OutOfSync" ? "Out of sync" : status;
}

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  return <Badge tone={TONES[status]}>{syncStatusLabel(status)}</Badge>;
}
