import { z } from "zod";
import { pageSchema } from "./page";
import { firstSearchParam, type SearchParams } from "./search-params";

export const NODE_STATUSES = ["Active", "Gone"] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export const NODE_PAGE_SIZES = [10, 25, 50] as const;
export const DEFAULT_NODE_PAGE_SIZE = 25;
export const NODE_SEARCH_MAX_LENGTH = 80;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} is at most ${max} characters` })
    .optional()
    .transform((value) => (value ? value : undefined));

/** The node list's filters and paging, shared by `nodes.list` and the /nodes page's query string. */
export const nodeListQuerySchema = z.object({
  search: optionalText(NODE_SEARCH_MAX_LENGTH, "Search"),
  status: z.enum(NODE_STATUSES, { error: `Status is one of ${NODE_STATUSES.join(", ")}` }).optional(),
  region: optionalText(64, "Region"),
  page: z.number().int({ error: "Page is a whole number" }).min(1, { error: "Page starts at 1" }).default(1),
  pageSize: z
    .literal(NODE_PAGE_SIZES, { error: `Page size is one of ${NODE_PAGE_SIZES.join(", ")}` })
    .default(DEFAULT_NODE_PAGE_SIZE),
});

export type NodeListQuery = z.infer<typeof nodeListQuerySchema>;

const nodeFacts = {
  id: z.string(),
  name: z.string(),
  region: z.string(),
  status: z.string(),
  lastSeenAt: z.date().nullable(),
  reportedConfigVersion: z.number().int().nullable(),
  operatorName: z.string(),
};

/** One page of the public node list, and every region for its filter. */
export const nodeListSchema = pageSchema(z.object(nodeFacts)).extend({ regions: z.array(z.string()) });
export type NodeList = z.infer<typeof nodeListSchema>;

/** What anyone may see about a node: never its endpoint URL, webhook secret, key or telemetry. */
export const publicNodeSchema = z.object({
  ...nodeFacts,
  createdAt: z.date(),
  keyFingerprint: z.string(),
});
export type PublicNode = z.infer<typeof publicNodeSchema>;

/**
 * Reads the /nodes query string leniently: a field that does not parse falls back to its default, so a
 * hand-edited or stale link still shows a list instead of an error.
 */
export function nodeListQueryFromSearchParams(params: SearchParams): NodeListQuery {
  const first = (name: string) => firstSearchParam(params[name]);
  const number = (name: string) => {
    const value = first(name);
    return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  };
  const candidates: Record<keyof NodeListQuery, unknown> = {
    search: first("search")?.slice(0, NODE_SEARCH_MAX_LENGTH),
    status: first("status") || undefined,
    region: first("region"),
    page: number("page"),
    pageSize: number("pageSize"),
  };
  const shape = nodeListQuerySchema.shape;
  const pick = <K extends keyof NodeListQuery>(key: K): NodeListQuery[K] => {
    const parsed = shape[key].safeParse(candidates[key]);
    return (parsed.success ? parsed.data : shape[key].parse(undefined)) as NodeListQuery[K];
  };
  return {
    search: pick("search"),
    status: pick("status"),
    region: pick("region"),
    page: pick("page"),
    pageSize: pick("pageSize"),
  };
}
