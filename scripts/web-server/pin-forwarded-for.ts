import type { IncomingMessage } from "node:http";

/**
 * Replaces `x-forwarded-for` with the socket's address unless a trusted proxy in front sets it
 * (PLENUM_TRUST_PROXY=1): `next start` keeps a client-supplied header, so a client could otherwise pick
 * the address that rate limits and network clusters see.
 */
export function pinForwardedFor(request: IncomingMessage, { trustProxy }: { trustProxy: boolean }): void {
  if (trustProxy) return;
  request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
}
