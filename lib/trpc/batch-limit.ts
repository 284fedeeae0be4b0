/**
 * The most procedure calls one tRPC HTTP request may batch. Pages fire at most a few queries at once;
 * the browser's httpBatchLink splits anything larger (maxItems), and the server refuses a bigger batch
 * before any procedure runs, so one anonymous request cannot ask for hundreds of heavy reads.
 */
export const TRPC_MAX_BATCH_SIZE = 10;

/**
 * How many procedure calls a tRPC request asks for: the comma-separated paths after `endpoint` when
 * it is a batch (`?batch=1`), else 1. Paths are percent-decoded first, as tRPC does; a path that does
 * not decode counts as 1 (tRPC refuses it without running anything).
 */
export function batchedCallCount(url: URL, endpoint: string): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  const path = url.pathname.slice(endpoint.length).replace(/^\/+|\/+$/g, "");
  try {
    return decodeURIComponent(path).split(",").length;
  } catch {
    return 1;
  }
}
