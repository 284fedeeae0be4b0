import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer, isIP } from "node:net";

/**
 * A node's source address: the local address its requests to the platform leave from. The platform
 * records the network (IPv4 /24, IPv6 /48) each request arrives from, and nodes in one network share
 * their voice credits (node-protocol.md "Where a node's requests come from"). Unset, the OS chooses.
 */
export function isSourceAddress(text: string): boolean {
  return isIP(text) !== 0;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function responseHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, item);
    }
  }
  return headers;
}

function bodyText(body: RequestInit["body"]): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== "string") throw new TypeError("this fetch sends string bodies only");
  return body;
}

/**
 * A fetch (what the platform client needs of it) whose every connection leaves from `sourceAddress`:
 * node:http with `localAddress`, the destination looked up in the same address family. A new
 * connection per request, so no idle connection outlives the platform's keep-alive timeout. Errors
 * are thrown as fetch throws them: TypeError("fetch failed") with the cause.
 */
export function fetchFromSourceAddress(sourceAddress: string): typeof fetch {
  const family = isIP(sourceAddress);
  if (family === 0) throw new TypeError(`source address ${sourceAddress} is not an IP address`);
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const body = bodyText(init.body);
    const headers = Object.fromEntries(new Headers(init.headers));
    return new Promise<Response>((resolve, reject) => {
      const failed = (cause: unknown) => reject(new TypeError("fetch failed", { cause }));
      const outgoing = send(
        url,
        {
          method: init.method ?? "GET",
          headers,
          localAddress: sourceAddress,
          family,
          agent: false,
          signal: init.signal ?? undefined,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", failed);
          incoming.on("end", () => {
            const status = incoming.statusCode ?? 502;
            resolve(
              new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
                status,
                statusText: incoming.statusMessage,
                headers: responseHeaders(incoming),
              }),
            );
          });
        },
      );
      outgoing.on("error", failed);
      outgoing.end(body);
    });
  }) as typeof fetch;
}

/**
 * Whether this machine lets a socket bind `address` (Linux routes all of 127.0.0.0/8 to the loopback
 * interface; macOS, by default, only 127.0.0.1).
 */
export function canBindSourceAddress(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(0, address, () => probe.close(() => resolve(true)));
  });
}
