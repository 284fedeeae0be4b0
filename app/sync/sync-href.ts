import { DEFAULT_SYNC_NODE_PAGE_SIZE, type syncPageQueryFromSearchParams } from "@/lib/schemas/sync";

export type SyncPageQuery = ReturnType<typeof syncPageQueryFromSearchParams>;

/** The /sync URL for a query, leaving defaults out so links stay short. */
export function syncHref(query: SyncPageQuery, changes: Partial<SyncPageQuery> = {}, hash = ""): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.range !== "24h") params.set("range", next.range);
  if (next.status) params.set("status", next.status);
  if (next.search) params.set("search", next.search);
  if (next.pageSize !== DEFAULT_SYNC_NODE_PAGE_SIZE) params.set("pageSize", String(next.pageSize));
  if (next.page !== 1) params.set("page", String(next.page));
  const text = params.toString();
  return `/sync${text ? `?${text}` : ""}${hash}`;
}
