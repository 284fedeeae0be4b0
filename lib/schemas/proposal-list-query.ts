import { proposalListInputSchema, type ProposalListFilters } from "./proposals";
import { firstSearchParam, type SearchParams } from "./search-params";

/** The /proposals filters with every field settled to a value or its default. */
export type ProposalListQuery = ProposalListFilters;

/**
 * Reads the /proposals query string leniently: a field that does not parse falls back to its default,
 * so a hand-edited or stale link still shows a list instead of an error. The search box is `search`.
 */
export function proposalListQueryFromSearchParams(params: SearchParams): ProposalListQuery {
  const first = (name: string) => firstSearchParam(params[name]) || undefined;
  const number = (name: string) => {
    const value = first(name);
    return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  };
  const shape = proposalListInputSchema.shape;
  const pick = <K extends keyof ProposalListQuery>(key: K, candidate: unknown): ProposalListQuery[K] => {
    const parsed = shape[key].safeParse(candidate);
    return (parsed.success ? parsed.data : shape[key].parse(undefined)) as ProposalListQuery[K];
  };
  return {
    state: pick("state", first("state")),
    category: pick("category", first("category")),
    query: pick("query", first("search")),
    sort: pick("sort", first("sort")),
    page: pick("page", number("page")),
    pageSize: pick("pageSize", number("pageSize")),
  };
}
