import { type KeyObject } from "node:crypto";
import { nodeRequestHeaders } from "./node-request-signature";
import { fetchFromSourceAddress } from "./source-address";

/** HTTP client for the node protocol (node-protocol.md). Every non-2xx answer becomes a PlatformError. */

export interface ChallengeResponse {
  challengeId: string;
  message: string;
  expiresAt: string;
}

export interface RegisterRequest {
  challengeId: string;
  publicKey: string;
  signature: string;
  enrolmentToken: string;
  name: string;
  endpointUrl: string;
}

export interface RegisterResponse {
  nodeId: string;
  webhookSecret: string;
  platformPublicKey: string;
  keyId: string;
  networkId: string;
}

export interface NetworkResponse {
  networkId: string;
  name: string;
  platformPublicKey: string;
  keyId: string;
  latestVersion: number;
}

export interface TelemetryReport {
  at: string;
  windowSeconds: number;
  uptimeSeconds: number;
  bytesUp: number;
  bytesDown: number;
  peers: number;
  medianLatencyMs: number;
  activeConfigVersion: number | null;
  stagedConfigVersion: number | null;
  agent: string;
  /** The window's largest exchanges with other nodes (≤ 256, adding up to at most the totals); omitted without per-peer counters. */
  peerTraffic?: { peerNodeId: string; bytesUp: number; bytesDown: number }[];
}

export interface TelemetryResult {
  nextReportInSeconds: number;
  /** Bytes of the request body sent. */
  bytes: number;
}

export interface CurrentRound {
  roundId: string;
  opensAt: string;
  closesAt: string;
  proposals: {
    id: string;
    title: string;
    summary: string;
    changes: { key: string; from: number; to: number }[];
  }[];
}

export interface Ballot {
  roundId: string;
  /** Positive votes for a proposal, negative against; each proposal costs votes² voice credits. */
  allocations: { proposalId: string; votes: number }[];
}

export interface BallotReceipt {
  receipt: string;
  cost: number;
  budget: number;
}

/** The platform answered with an error status; `code` and `message` come from its error body. */
export class PlatformError extends Error {
  override name = "PlatformError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

/** The platform could not be reached (DNS, refused connection, reset, timeout). */
export class PlatformUnreachableError extends Error {
  override name = "PlatformUnreachableError";
}

const REQUEST_TIMEOUT_MS = 15_000;

function parseRetryAfter(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

async function errorFrom(response: Response): Promise<PlatformError> {
  const text = await response.text().catch(() => "");
  let code = "HTTP_" + response.status;
  let message = text.slice(0, 300) || response.statusText;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === "string") code = body.error.code;
    if (typeof body.error?.message === "string") message = body.error.message;
  } catch {
    // not JSON: keep the first characters of the text
  }
  return new PlatformError(
    response.status,
    code,
    message,
    parseRetryAfter(response.headers.get("retry-after")),
  );
}

export interface PlatformClient {
  readonly server: string;
  getNetwork(): Promise<NetworkResponse>;
  requestChallenge(publicKey: string): Promise<ChallengeResponse>;
  register(request: RegisterRequest): Promise<RegisterResponse>;
  sendTelemetry(options: {
    nodeId: string;
    privateKey: KeyObject;
    report: TelemetryReport;
    timestamp: number;
  }): Promise<TelemetryResult>;
  getCurrentRound(): Promise<CurrentRound>;
  castBallot(options: {
    nodeId: string;
    privateKey: KeyObject;
    ballot: Ballot;
    timestamp: number;
  }): Promise<BallotReceipt>;
}

/**
 * `server` is the platform's base URL, e.g. `https://plenum.example.org`. With `sourceAddress` every
 * request leaves from that local address (the platform sees it, and its network is the node's cluster);
 * without, the OS chooses. A `fetchImpl` (tests) replaces both.
 */
export function createPlatformClient({
  server,
  fetchImpl,
  sourceAddress,
}: {
  server: string;
  fetchImpl?: typeof fetch;
  sourceAddress?: string;
}): PlatformClient {
  const base = server.replace(/\/+$/, "");
  const fetchWith =
    fetchImpl ?? (sourceAddress === undefined ? fetch : fetchFromSourceAddress(sourceAddress));

  const send = async (
    method: "GET" | "POST",
    path: string,
    body: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchWith(base + path, {
        method,
        body,
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const from = sourceAddress === undefined || fetchImpl ? "" : ` from ${sourceAddress}`;
      throw new PlatformUnreachableError(
        `cannot reach ${base}${from} (${cause ?? (error as Error).message}); check --server${from ? " and --source-address" : ""} and that the platform is running`,
      );
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  };
  const postJson = async <T>(path: string, payload: unknown): Promise<T> =>
    (await (await send("POST", path, JSON.stringify(payload))).json()) as T;
  const getJson = async <T>(path: string): Promise<T> =>
    (await (await send("GET", path, undefined)).json()) as T;

  return {
    server: base,
    getNetwork: () => getJson<NetworkResponse>("/api/v1/network"),
    requestChallenge: (publicKey) => postJson<ChallengeResponse>("/api/v1/nodes/challenge", { publicKey }),
    register: (request) => postJson<RegisterResponse>("/api/v1/nodes/register", request),
    sendTelemetry: async ({ nodeId, privateKey, report, timestamp }) => {
      const path = `/api/v1/nodes/${encodeURIComponent(nodeId)}/telemetry`;
      const body = JSON.stringify(report);
      const headers = nodeRequestHeaders({ method: "POST", path, body, timestamp, nodeId, privateKey });
      const response = await send("POST", path, body, headers);
      const answer = (await response.json()) as { nextReportInSeconds?: unknown };
      const next = answer.nextReportInSeconds;
      if (typeof next !== "number" || !Number.isFinite(next) || next <= 0) {
        throw new PlatformError(
          response.status,
          "BAD_ANSWER",
          "the platform's answer had no nextReportInSeconds",
          null,
        );
      }
      return { nextReportInSeconds: next, bytes: Buffer.byteLength(body) };
    },
    getCurrentRound: () => getJson<CurrentRound>("/api/v1/rounds/current"),
    castBallot: async ({ nodeId, privateKey, ballot, timestamp }) => {
      const path = "/api/v1/ballots";
      const body = JSON.stringify(ballot);
      const headers = nodeRequestHeaders({ method: "POST", path, body, timestamp, nodeId, privateKey });
      return (await (await send("POST", path, body, headers)).json()) as BallotReceipt;
    },
  };
}
