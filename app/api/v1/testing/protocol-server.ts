/**
 * The node protocol on loopback for tests that need real HTTP and real source addresses: a node:http
 * server on 127.0.0.1 behind the front server's request guard (scripts/web-server/request-guard.ts),
 * which owns `x-forwarded-for` as scripts/web-server.ts does (the socket's address, unless a trusted
 * proxy sets it), and a client that sends signed node requests from a chosen address in 127.0.0.0/8 —
 * on Linux every one of them reaches the loopback server, so each test "network" is a /24 of it.
 *
 * The handlers are the app/api/v1 route functions themselves, given the test's database and clock: every
 * request is served at `clock.now()`, and the client signs with the same clock.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { TelemetryReport } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { errorResponse } from "@/lib/server/http/error-response";
import { toFetchRequest } from "@/lib/server/testing/fetch-request";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { getAuditResponse } from "@/app/api/v1/audit/get-audit";
import { postBallotResponse } from "@/app/api/v1/ballots/post-ballot";
import { getConfigVersionResponse } from "@/app/api/v1/config/[version]/get-config-version";
import { postTelemetryResponse } from "@/app/api/v1/nodes/[nodeId]/telemetry/post-telemetry";
import { getRoundBallotsResponse } from "@/app/api/v1/rounds/[roundId]/ballots/get-round-ballots";
import { getCurrentRoundResponse } from "@/app/api/v1/rounds/current/get-current-round";
import { pinForwardedFor } from "../../../../scripts/web-server/pin-forwarded-for";
import { serveGuarded } from "../../../../scripts/web-server/request-guard";

/** The platform's clock in a test: read at every request, moved only by the test. */
export interface ProtocolClock {
  now(): Date;
  set(at: Date): void;
}

export function createProtocolClock(start: Date): ProtocolClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
  };
}

export interface ProtocolServerOptions {
  clock: ProtocolClock;
  /** Where operators reach the web app: the ballot refusal links a node's page there. */
  publicUrl?: string;
  /** PLENUM_TRUST_PROXY: false (the default) pins x-forwarded-for to the socket's address. */
  trustProxy?: boolean;
}

export interface ProtocolServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  clock: ProtocolClock;
  close(): Promise<void>;
}

type Handler = (request: Request, match: RegExpExecArray, now: Date) => Promise<Response>;

const param = (match: RegExpExecArray) => decodeURIComponent(match[1]!);

/** The app/api/v1 route functions the node protocol tests need, each given the test's db and clock. */
function protocolRoutes(
  db: Db,
  { publicUrl, trustProxy }: { publicUrl: string; trustProxy: boolean },
): [method: string, path: RegExp, handler: Handler][] {
  return [
    [
      "POST",
      /^\/api\/v1\/nodes\/([^/]+)\/telemetry$/,
      (request, match, now) =>
        postTelemetryResponse(db, request, Promise.resolve({ nodeId: param(match) }), now, trustProxy),
    ],
    [
      "POST",
      /^\/api\/v1\/ballots$/,
      (request, _match, now) => postBallotResponse(db, request, now, publicUrl, trustProxy),
    ],
    ["GET", /^\/api\/v1\/rounds\/current$/, (_request, _match, now) => getCurrentRoundResponse(db, now)],
    [
      "GET",
      /^\/api\/v1\/rounds\/([^/]+)\/ballots$/,
      (request, match) => getRoundBallotsResponse(db, request, Promise.resolve({ roundId: param(match) })),
    ],
    [
      "GET",
      /^\/api\/v1\/config\/([^/]+)$/,
      (request, match) => getConfigVersionResponse(db, request, Promise.resolve({ version: param(match) })),
    ],
    ["GET", /^\/api\/v1\/audit$/, (request) => getAuditResponse(db, request)],
  ];
}

async function writeResponse(outgoing: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(body);
}

/** Serves the node protocol's telemetry, ballot, current-round, config and audit-export endpoints on 127.0.0.1. */
export async function startProtocolServer(
  db: Db,
  { clock, publicUrl = "https://plenum.example.org", trustProxy = false }: ProtocolServerOptions,
): Promise<ProtocolServer> {
  const routes = protocolRoutes(db, { publicUrl, trustProxy });
  const server = createServer({ keepAliveTimeout: 60_000 });
  serveGuarded(server, (incoming, outgoing) => {
    pinForwardedFor(incoming, { trustProxy });
    const now = clock.now();
    const pathname = (incoming.url ?? "/").split("?")[0]!;
    void toFetchRequest(incoming)
      .then((request) => {
        for (const [method, path, handler] of routes) {
          const match = path.exec(pathname);
          if (match && method === request.method) return handler(request, match, now);
        }
        return errorResponse(404, "NOT_FOUND", `No ${incoming.method} ${pathname} on this test server.`);
      })
      .then((response) => writeResponse(outgoing, response))
      .catch(() => {
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    clock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface ProtocolReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The JSON body, or null when there was none. */
  body: unknown;
}

export interface SignedRequest {
  node: Pick<TestNode, "nodeId" | "privateKey">;
  method: "GET" | "POST";
  /** Path and query, as signed and sent. */
  path: string;
  body: string;
  /** The address in 127.0.0.0/8 the connection comes from. */
  from: string;
  /** Unix seconds signed into the request; the server's clock by default. */
  timestamp?: number;
}

export interface TelemetryOptions {
  from: string;
  windowSeconds: number;
  /** The rest of the report; `at` is the clock's time, uptime the whole window. */
  report?: Partial<TelemetryReport>;
}

export interface BallotOptions {
  from: string;
  roundId: string;
  allocations: { proposalId: string; votes: number }[];
}

export interface ProtocolClient {
  /** One signed node request, its connection from `from`. */
  signed(request: SignedRequest): Promise<ProtocolReply>;
  /** An unsigned GET (the public endpoints), from `from` (127.0.0.1 by default). */
  get(path: string, options?: { from?: string }): Promise<ProtocolReply>;
  /** POST /api/v1/nodes/{nodeId}/telemetry: a report ending now, up the whole window. */
  telemetry(node: SignedRequest["node"], options: TelemetryOptions): Promise<ProtocolReply>;
  /** POST /api/v1/ballots. */
  ballot(node: SignedRequest["node"], options: BallotOptions): Promise<ProtocolReply>;
  /** Closes its kept-alive connections. */
  close(): void;
}

/**
 * A client of `server` that keeps one connection pool per source address (node:http's `localAddress`),
 * so the platform sees each request come from the address the test chose.
 */
export function createProtocolClient(server: ProtocolServer): ProtocolClient {
  const { hostname, port } = new URL(server.origin);
  const agents = new Map<string, Agent>();
  const agentFor = (from: string) => {
    let agent = agents.get(from);
    if (!agent) {
      agent = new Agent({ keepAlive: true, localAddress: from, maxSockets: 4 });
      agents.set(from, agent);
    }
    return agent;
  };
  const send = (
    method: string,
    path: string,
    { from, body, headers = {} }: { from: string; body?: string; headers?: Record<string, string> },
  ) =>
    new Promise<ProtocolReply>((resolve, reject) => {
      const bytes = body === undefined ? undefined : Buffer.from(body, "utf8");
      const request = httpRequest(
        {
          host: hostname,
          port: Number(port),
          method,
          path,
          agent: agentFor(from),
          headers: {
            ...headers,
            ...(bytes ? { "content-type": "application/json", "content-length": bytes.byteLength } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: text === "" ? null : (JSON.parse(text) as unknown),
            });
          });
        },
      );
      request.on("error", reject);
      request.end(bytes);
    });
  const signed: ProtocolClient["signed"] = ({ node, method, path, body, from, timestamp }) =>
    send(method, path, {
      from,
      body: method === "GET" ? undefined : body,
      headers: signNodeRequest({
        privateKey: node.privateKey,
        nodeId: node.nodeId,
        method,
        path,
        body,
        timestamp: timestamp ?? Math.floor(server.clock.now().getTime() / 1000),
      }),
    });
  return {
    signed,
    get: (path, { from = "127.0.0.1" } = {}) => send("GET", path, { from }),
    telemetry: (node, { from, windowSeconds, report = {} }) =>
      signed({
        node,
        method: "POST",
        path: `/api/v1/nodes/${node.nodeId}/telemetry`,
        from,
        body: JSON.stringify({
          at: server.clock.now().toISOString(),
          windowSeconds,
          uptimeSeconds: windowSeconds,
          bytesUp: 0,
          bytesDown: 0,
          peers: 8,
          medianLatencyMs: 40,
          activeConfigVersion: 1,
          stagedConfigVersion: null,
          agent: "protocol-server-test/1",
          ...report,
        } satisfies TelemetryReport),
      }),
    ballot: (node, { from, roundId, allocations }) =>
      signed({
        node,
        method: "POST",
        path: "/api/v1/ballots",
        from,
        body: JSON.stringify({ roundId, allocations }),
      }),
    close: () => {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
