/** A page's query string as Next.js hands it over: a repeated key arrives as an array. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query-string key; later repeats are ignored. */
export function firstSearchParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
