import Link from "next/link";
import { formatNumber } from "@/lib/domain/format-number";
import { SYNC_STATUSES } from "@/lib/domain/sync/sync-status";
import { SYNC_STATUS_EXPLANATIONS } from "@/lib/schemas/sync";
import type { RouterOutputs } from "@/lib/trpc/server";
import { syncHref, type SyncPageQuery } from "./sync-href";
import { syncStatusLabel } from "./sync-status-badge";

export function NodesByStatusSection({
  overview,
  query,
}: {
  overview: RouterOutputs["sync"]["overview"];
  query: SyncPageQuery;
}) {
  const { withoutEndpoint } = overview;
  return (
    <section aria-labelledby="by-status" className="mb-10">
      <h2 id="by-status" className="mb-4 text-2xl font-semibold">
        Nodes by sync status
      </h2>
      <p className="mb-4 max-w-3xl text-muted-foreground">
        Nodes with a config endpoint, which the platform delivers to.
        {withoutEndpoint.nodes > 0
          ? ` The ${formatNumber(withoutEndpoint.nodes)} without one fetch configs themselves; the table below lists them too.`
          : null}
      </p>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {SYNC_STATUSES.map((status) => (
          <li key={status} className="rounded-lg border border-border bg-surface p-4">
            <p className="flex items-center justify-between gap-3">
              <Link href={syncHref(query, { status, page: 1 }, "#nodes")} className="font-semibold">
                {syncStatusLabel(status)}
                <span className="sr-only">: show these nodes</span>
              </Link>
              <span className="text-2xl font-bold tabular-nums">{formatNumber(overview.counts[status])}</span>
            </p>
            <p className="mt-1 text-sm text-muted-foreground">{SYNC_STATUS_EXPLANATIONS[status]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
