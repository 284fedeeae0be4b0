import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

/** The config a node holds, as `GET <endpointUrl>` reports it (0 and null before any push). */
export interface HeldConfig {
  activeVersion: number;
  stagedVersion: number;
  sha256: string | null;
}

export const NOTHING_HELD: HeldConfig = { activeVersion: 0, stagedVersion: 0, sha256: null };

function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function error(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * The node's config endpoint, minimal for now: `GET` reports what the node holds, `POST` (a config
 * push) answers 503 NOT_READY with Retry-After: the push receiver comes with config sync. One server
 * can serve many nodes, one path each.
 */
export function createEndpointServer(heldAt: (path: string) => HeldConfig | undefined): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://endpoint").pathname;
    const held = heldAt(path);
    request.resume();
    if (!held) return answer(response, 404, error("NOT_FOUND", `no node is served at ${path}`));
    if (request.method === "GET") return answer(response, 200, held);
    if (request.method === "POST") {
      return answer(
        response,
        503,
        error("NOT_READY", "config push is not implemented by this agent version"),
        { "retry-after": "60" },
      );
    }
    return answer(response, 405, error("BAD_INPUT", "use GET or POST"), { allow: "GET, POST" });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
