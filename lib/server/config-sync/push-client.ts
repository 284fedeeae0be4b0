import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { isIPv6, type LookupFunction } from "node:net";
import { performance } from "node:perf_hooks";
import type { NodeReply } from "@/lib/domain/sync/push-reply";

export const CONNECT_TIMEOUT_MS = 5_000;
export const TOTAL_TIMEOUT_MS = 15_000;
/** The most of a node's reply that is read; the socket is destroyed beyond it. */
export const MAX_REPLY_BYTES = 20 * 1024;
/** How much of a reply each SyncAttempt keeps. */
export const REPLY_EXCERPT_BYTES = 2 * 1024;

export interface NodeRequest {
  /** The URL vetted just before this request. */
  url: string;
  /** The address it was vetted for: the only one the connection may use (no DNS rebinding). */
  address: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeouts?: { connectMs: number; totalMs: number };
  signal?: AbortSignal;
}

export interface NodeExchange {
  reply: NodeReply;
  durationMs: number;
  /** Reply body bytes received before the cap (at most the cap plus one chunk). */
  bytesRead: number;
  /** The first 2 KiB of the reply body, as text. */
  replyExcerpt: string | null;
}

/** A DNS lookup that always answers the one vetted address. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIPv6(address) ? 6 : 4;
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * One HTTP exchange with a node: connects only to `address`, gives up connecting after 5 s and on the
 * whole exchange after 15 s, never follows a redirect, reads at most 20 KiB of the reply.
 */
export function requestNode(request: NodeRequest): Promise<NodeExchange> {
  const { connectMs, totalMs } = request.timeouts ?? {
    connectMs: CONNECT_TIMEOUT_MS,
    totalMs: TOTAL_TIMEOUT_MS,
  };
  const started = performance.now();
  const target = new URL(request.url);
  const client = target.protocol === "https:" ? https : http;
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");

  return new Promise((resolve) => {
    let isSettled = false;
    let bytesRead = 0;
    const chunks: Buffer[] = [];

    const finish = (reply: NodeReply) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      request.signal?.removeEventListener("abort", onAbort);
      const received = Buffer.concat(chunks);
      resolve({
        reply,
        durationMs: Math.round(performance.now() - started),
        bytesRead,
        replyExcerpt: chunks.length === 0 ? null : received.subarray(0, REPLY_EXCERPT_BYTES).toString("utf8"),
      });
    };
    const giveUp = (transportError: "timeout" | "network", message: string) => {
      finish({ transportError, message });
      req.destroy();
    };

    let connectTimer: NodeJS.Timeout | undefined;
    const totalTimer = setTimeout(
      () => giveUp("timeout", `The node did not answer within ${totalMs / 1000} s.`),
      totalMs,
    );
    const onAbort = () => giveUp("network", "The push was interrupted because the worker is stopping.");

    const req: ClientRequest = client.request(
      target,
      {
        method: request.method,
        headers: {
          accept: "application/json",
          ...(body ? { "content-type": "application/json", "content-length": String(body.length) } : {}),
          ...request.headers,
        },
        lookup: pinnedLookup(request.address),
        agent: false,
      },
      (response: IncomingMessage) => {
        response.on("data", (chunk: Buffer) => {
          bytesRead += chunk.length;
          chunks.push(chunk);
          if (bytesRead > MAX_REPLY_BYTES) {
            response.destroy();
            req.destroy();
            finish(toReply(response, Buffer.concat(chunks).subarray(0, MAX_REPLY_BYTES), true));
          }
        });
        response.on("end", () => finish(toReply(response, Buffer.concat(chunks), false)));
        response.on("error", (error) => giveUp("network", describeNetworkError(error)));
      },
    );
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => giveUp("timeout", `Could not connect to the node within ${connectMs / 1000} s.`),
        connectMs,
      );
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (error) => giveUp("network", describeNetworkError(error)));
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.end(body);
  });
}

function toReply(response: IncomingMessage, bytes: Buffer, isTruncated: boolean): NodeReply {
  const retryAfter = response.headers["retry-after"];
  return {
    httpStatus: response.statusCode ?? 0,
    body: bytes.toString("utf8"),
    retryAfter: typeof retryAfter === "string" ? retryAfter : null,
    isTruncated,
  };
}

function describeNetworkError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "The node refused the connection (nothing listens at its endpoint).",
    ECONNRESET: "The node reset the connection.",
    EHOSTUNREACH: "The node's address is unreachable.",
    ENETUNREACH: "The node's network is unreachable.",
    ETIMEDOUT: "The connection to the node timed out.",
  };
  return (code && reasons[code]) ?? `The request to the node failed: ${error.message}`;
}
