import type { ProposalListQuery } from "@/lib/schemas/proposal-list-query";

export const DEFAULT_PROPOSAL_PAGE_SIZE = 20;

/** The /proposals URL for a query, leaving defaults out so links stay short and shareable. */
export function proposalsHref(query: ProposalListQuery, changes: Partial<ProposalListQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.query) params.set("search", next.query);
  if (next.state) params.set("state", next.state);
  if (next.category) params.set("category", next.category);
  if (next.sort !== "newest") params.set("sort", next.sort);
  if (next.pageSize !== DEFAULT_PROPOSAL_PAGE_SIZE) params.set("pageSize", String(next.pageSize));
  if (next.page !== 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `/proposals?${text}` : "/proposals";
}
