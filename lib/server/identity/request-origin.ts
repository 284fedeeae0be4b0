/**
 * Whether a state-changing request from a signed-in operator's browser came from another site
 * (CSRF): `Sec-Fetch-Site: cross-site`, or an `Origin` that is neither the host the request was
 * addressed to nor one of `trustedOrigins`. Requests without either header (curl, the agent, server
 * code) are not browsers carrying someone's cookies on another site's behalf.
 */
export function isCrossSiteRequest(
  request: Request,
  { trustedOrigins = [] }: { trustedOrigins?: string[] } = {},
): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("host") ?? new URL(request.url).host;
  const hostOrigin = `${new URL(request.url).protocol}//${host}`;
  return origin !== hostOrigin && !trustedOrigins.includes(origin);
}
