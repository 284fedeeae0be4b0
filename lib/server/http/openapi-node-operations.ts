import {
  configVersionParamSchema,
  nodeChallengeRequestSchema,
  nodeIdParamSchema,
  nodeRegistrationRequestSchema,
  telemetryReportSchema,
} from "@/lib/schemas/node-protocol";
import { NODE_SIGNATURE_HEADERS, type HeaderSpec, type OperationSpec } from "./openapi-spec";

const CACHE_HEADERS: Record<string, HeaderSpec> = {
  "Cache-Control": { description: "How long the answer may be cached" },
  ETag: { description: "Quoted sha256 of the envelope; send it back as If-None-Match" },
};

const NOT_READY = "The platform has not been set up yet (no network, key or config version)";

/** The network, its signed configs, telemetry and enrolment: what every node calls. */
export const NODE_OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/api/v1/network",
    operationId: "getNetwork",
    summary: "The network and the platform key that signs its configs",
    success: { status: 200, description: "Network information", body: "NetworkInfo" },
    errors: { 503: NOT_READY },
  },
  {
    method: "get",
    path: "/api/v1/config/latest",
    operationId: "getLatestConfigVersion",
    summary: "The newest signed config version",
    description:
      "The newest version issued, which may activate later (see the envelope's activateAt). The envelope schema is components.schemas.ConfigEnvelope.",
    success: {
      status: 200,
      description: "Signed config version",
      body: "ConfigVersion",
      headers: CACHE_HEADERS,
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: { 503: NOT_READY },
  },
  {
    method: "get",
    path: "/api/v1/config/{version}",
    operationId: "getConfigVersion",
    summary: "One signed config version (immutable, cacheable for a year)",
    pathParams: configVersionParamSchema,
    success: {
      status: 200,
      description: "Signed config version",
      body: "ConfigVersion",
      headers: CACHE_HEADERS,
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: { 400: "The version is not a positive whole number", 404: "No such version yet" },
  },
  {
    method: "post",
    path: "/api/v1/nodes/{nodeId}/telemetry",
    operationId: "postTelemetry",
    summary: "A node reports its telemetry for the last window (signed by the node)",
    description:
      "Signed with the plenum-node-* headers over the exact body bytes. The reply says when to report next; follow it. Unknown body fields are ignored. At most 4 reports a minute per node. Plausibility: bytesUp and bytesDown at most windowSeconds × service.maxMbps × 125,000 (service.maxMbps of the active config, default 1,000 Mbit/s), uptimeSeconds at most windowSeconds, peerTraffic at most 256 entries, each peer once and never the node itself, adding up to at most bytesUp and bytesDown. The platform credits a window no longer than the time since the node's previous report, and bytes no more than that window carries at service.maxMbps.",
    pathParams: nodeIdParamSchema,
    headerParams: NODE_SIGNATURE_HEADERS,
    requestBody: telemetryReportSchema,
    success: { status: 202, description: "Report stored", body: "TelemetryAccepted" },
    errors: {
      400: "A plenum-node-* header is missing or malformed, or a body field is invalid or implausible (the message names it and the bound: bytes over windowSeconds × service.maxMbps × 125,000, peerTraffic over the totals, a duplicate or the node itself), or `at` is more than 10 minutes ahead of, or more than 24 hours plus windowSeconds behind, the platform clock",
      401: "Timestamp more than 300 s from the platform clock (sync the clock with NTP), unknown or retired node, or a signature that does not verify",
      403: "The signature is valid but the URL names another node",
      409: "Replay: this exact signature was already received",
      413: "Body larger than 64 KiB",
      429: "More than 4 reports in a minute from this node; wait Retry-After seconds",
    },
  },
  {
    method: "post",
    path: "/api/v1/nodes/challenge",
    operationId: "createNodeChallenge",
    summary: "Step 1 of enrolment: get a single-use challenge to sign with the node key",
    description:
      "Sign the UTF-8 bytes of `message` with the node's Ed25519 key and send the signature to /api/v1/nodes/register within 5 minutes. At most 30 requests a minute per client address.",
    requestBody: nodeChallengeRequestSchema,
    success: { status: 200, description: "A challenge valid for 5 minutes", body: "NodeChallenge" },
    errors: {
      400: "Malformed body, or publicKey is not base64url of a 32-byte Ed25519 key",
      413: "Body larger than 64 KiB",
      429: "More than 30 challenge requests in a minute from this address; wait Retry-After seconds",
      503: NOT_READY,
    },
  },
  {
    method: "post",
    path: "/api/v1/nodes/register",
    operationId: "registerNode",
    summary: "Step 2 of enrolment: prove the node holds its key and register it for an operator",
    description:
      "Checks, in order: the challenge (410), publicKey equals the challenge's key (400), the signature (401), the enrolment token (403), the endpoint URL (422), then atomically consumes the challenge, counts one use of the token and refuses a key that is already registered (409). Only a successful registration consumes the challenge, so after a refusal the node may fix the request and retry with the same challenge until it expires. The webhookSecret is returned only in this answer. At most 30 requests a minute per client address.",
    requestBody: nodeRegistrationRequestSchema,
    success: { status: 201, description: "Node registered", body: "NodeRegistration" },
    errors: {
      400: "Malformed body (the message names the field), an invalid node name, or publicKey differs from the challenge's key",
      401: "The signature does not verify against publicKey over the challenge message",
      403: "The enrolment token is unknown, revoked, expired or used up",
      409: "A node with this public key is already registered",
      410: "The challenge is unknown, expired (5 minutes) or already used; ask for a new one",
      413: "Body larger than 64 KiB",
      422: "endpointUrl refused: not https, contains a user name or password, does not resolve, or resolves to a non-public address (node-protocol.md, Endpoint URL safety)",
      429: "More than 30 register requests in a minute from this address; wait Retry-After seconds",
      503: NOT_READY,
    },
  },
];
