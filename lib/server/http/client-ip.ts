import { parseIpAddress } from "@/lib/server/platform/ip-ranges";

/** What rate limits key on when a request carries no usable address. */
export const UNKNOWN_CLIENT_IP = "unknown";

function normalize(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (!parseIpAddress(address)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * The client's address for rate limits, from `x-forwarded-for`. The web server
 * (scripts/web-server.ts) replaces that header with the socket's address, so by default the LAST
 * entry is the peer the server saw and a client cannot choose it. Behind a load balancer that sets
 * the header (PLENUM_TRUST_PROXY=1) the FIRST entry is the client. Anything that is not an IP
 * address counts as "unknown".
 */
export function clientIpFrom(request: Request, { trustProxy }: { trustProxy: boolean }): string {
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const chosen = trustProxy ? entries[0] : entries.at(-1);
  return (chosen && normalize(chosen)) ?? UNKNOWN_CLIENT_IP;
}
