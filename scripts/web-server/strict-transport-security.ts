import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

/** Two years, subdomains included: the length browsers' preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Whether the client reached us over https: the socket itself is TLS, or — only when
 * PLENUM_TRUST_PROXY=1 says a load balancer in front sets it — `x-forwarded-proto` says so. Without
 * trust a client could send the header over plain http and pin a host it does not own to https.
 */
export function isServedOverHttps(
  request: IncomingMessage,
  { trustProxy }: { trustProxy: boolean },
): boolean {
  if ((request.socket as Partial<TLSSocket>).encrypted === true) return true;
  if (!trustProxy) return false;
  const forwarded = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}
