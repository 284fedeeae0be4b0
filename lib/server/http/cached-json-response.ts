import { jsonResponse } from "./json-response";

function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/** 200 with an ETag, or 304 without a body when the request's If-None-Match already names it. */
export function cachedJsonResponse(
  request: Request,
  body: unknown,
  { etag, cacheControl }: { etag: string; cacheControl: string },
): Response {
  const headers = { etag: `"${etag}"`, "cache-control": cacheControl };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), headers.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return jsonResponse(200, body, headers);
}
