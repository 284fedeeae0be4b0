import { z } from "zod";
import { configEnvelopeSchema } from "@/lib/domain/config/envelope";
import { ackSchema, conflictSchema, nackSchema, stateSchema } from "@/lib/domain/sync/push-reply";
import {
  configBundleSchema,
  configVersionParamSchema,
  configVersionResponseSchema,
  errorBodySchema,
  networkInfoSchema,
  nodeChallengeRequestSchema,
  nodeChallengeSchema,
  nodeIdParamSchema,
  nodeRegistrationRequestSchema,
  nodeRegistrationSchema,
  telemetryAcceptedSchema,
  telemetryReportSchema,
} from "@/lib/schemas/node-protocol";
import {
  auditExportSchema,
  auditQuerySchema,
  ballotInputSchema,
  ballotReceiptSchema,
  currentRoundSchema,
  roundBallotsExportSchema,
  roundBallotsQuerySchema,
  roundIdSchema,
} from "@/lib/schemas/voting";

/** Schemas published under components/schemas; operations refer to them by name. */
const COMPONENTS = {
  NetworkInfo: networkInfoSchema,
  ConfigVersion: configVersionResponseSchema,
  ConfigEnvelope: configEnvelopeSchema,
  ErrorBody: errorBodySchema,
  TelemetryAccepted: telemetryAcceptedSchema,
  NodeChallenge: nodeChallengeSchema,
  NodeRegistration: nodeRegistrationSchema,
  ConfigBundle: configBundleSchema,
  NodeConfigState: stateSchema,
  PushAck: ackSchema,
  PushConflict: conflictSchema,
  PushNack: nackSchema,
  CurrentRound: currentRoundSchema,
  BallotReceipt: ballotReceiptSchema,
  RoundBallotsExport: roundBallotsExportSchema,
  AuditExport: auditExportSchema,
} satisfies Record<string, z.ZodType>;

type ComponentName = keyof typeof COMPONENTS;

interface HeaderSpec {
  description: string;
}

interface OperationSpec {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path template, e.g. /api/v1/config/{version}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Object schema whose keys are the path's `{…}` segments. */
  pathParams?: z.ZodObject;
  /** Object schema whose keys are the query parameters. */
  queryParams?: z.ZodObject;
  /** Required request headers, e.g. the plenum-node-* signature headers. */
  headerParams?: Record<string, HeaderSpec>;
  requestBody?: z.ZodType;
  success: { status: number; description: string; body: ComponentName; headers?: Record<string, HeaderSpec> };
  /** Extra answers without a body, e.g. 304. */
  emptyResponses?: Record<number, string>;
  /** Error statuses this operation answers with, and when; 500 is added to every operation. */
  errors: Record<number, string>;
}

const CACHE_HEADERS: Record<string, HeaderSpec> = {
  "Cache-Control": { description: "How long the answer may be cached" },
  ETag: { description: "Quoted sha256 of the envelope; send it back as If-None-Match" },
};

const NODE_SIGNATURE_HEADERS: Record<string, HeaderSpec> = {
  "plenum-node-id": { description: "Id of the node sending the request (returned at registration)" },
  "plenum-timestamp": {
    description: "Current time in whole Unix seconds; refused when more than 300 s from the platform clock",
  },
  "plenum-signature": {
    description:
      'b64url(ed25519(node key, "plenum-node-req-v1\\n" + METHOD + "\\n" + PATH + "\\n" + timestamp + "\\n" + hex(sha256(body)))). PATH is the path as sent, plus "?" and the query string when there is one, without scheme or host. Each signature is accepted once.',
  },
};

const EXPORT_CACHE_HEADERS: Record<string, HeaderSpec> = {
  "Cache-Control": { description: "A closed round never changes: cacheable for a year" },
  ETag: { description: "Quoted sha256 of the body; send it back as If-None-Match" },
};

const NOT_READY = "The platform has not been set up yet (no network, key or config version)";

/** Every REST endpoint of the node protocol. Adding an endpoint = adding an entry here. */
const OPERATIONS: OperationSpec[] = [
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
      "Signed with the plenum-node-* headers over the exact body bytes. The reply says when to report next; follow it. Unknown body fields are ignored. At most 4 reports a minute per node.",
    pathParams: nodeIdParamSchema,
    headerParams: NODE_SIGNATURE_HEADERS,
    requestBody: telemetryReportSchema,
    success: { status: 202, description: "Report stored", body: "TelemetryAccepted" },
    errors: {
      400: "A plenum-node-* header is missing or malformed, or a body field is invalid (the message names it), or `at` is more than 10 minutes ahead of, or more than 24 hours plus windowSeconds behind, the platform clock",
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
  {
    method: "get",
    path: "/api/v1/rounds/current",
    operationId: "getCurrentRound",
    summary: "The voting round open now, with every proposal on its ballot and what it would change",
    description:
      "Public. `from` is the value the proposal was written against, `to` the value it proposes. Vote with POST /api/v1/ballots before closesAt.",
    success: { status: 200, description: "The open round", body: "CurrentRound" },
    errors: { 404: "No round is open; the message says when the next one may open" },
  },
  {
    method: "post",
    path: "/api/v1/ballots",
    operationId: "castBallot",
    summary: "A node casts its operator's ballot in the open round (signed by the node)",
    description:
      "Signed with the plenum-node-* headers over the exact body bytes. Counts as the ballot of the node's operator and replaces any earlier one in the round. Each proposal costs votes² voice credits; the sum must not exceed the operator's budget (creditsPerNode × eligible nodes at open). Keep the receipt: it is listed in the round's export after close. At most 30 ballots in 10 minutes per operator.",
    headerParams: NODE_SIGNATURE_HEADERS,
    requestBody: ballotInputSchema,
    success: { status: 200, description: "Ballot stored", body: "BallotReceipt" },
    errors: {
      400: "A plenum-node-* header is missing or malformed, or a body field is invalid (the message names it)",
      401: "Timestamp more than 300 s from the platform clock (sync the clock with NTP), unknown or retired node, or a signature that does not verify",
      403: "The node's operator had no eligible node when the round opened, so has no budget in it",
      404: "No round with this roundId",
      409: "Replay: this exact signature was already received",
      413: "Body larger than 64 KiB",
      422: "The round is not open (closed, or not the open round), a proposal is not in the round, or the cost exceeds the budget",
      429: "More than 30 ballots in 10 minutes from this operator; wait Retry-After seconds",
    },
  },
  {
    method: "get",
    path: "/api/v1/rounds/{roundId}/ballots",
    operationId: "getRoundBallots",
    summary: "Public export of a closed round: eligibility, ballots with receipts, tallies and outcomes",
    description:
      "Everything needed to recompute the round (node-protocol.md, Public audit exports). Lists the ballot that counts per operator in storage order; with all=1 every stored ballot in storage order, replaced ones included, so the receipt chain can be walked.",
    pathParams: z.object({ roundId: roundIdSchema }),
    queryParams: roundBallotsQuerySchema,
    success: {
      status: 200,
      description: "The round's export",
      body: "RoundBallotsExport",
      headers: EXPORT_CACHE_HEADERS,
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: {
      400: "The round id or the all parameter is malformed",
      404: "No round with this id",
      409: "The round has not closed yet; its ballots are published after close",
    },
  },
  {
    method: "get",
    path: "/api/v1/audit",
    operationId: "getAuditEvents",
    summary: "The governance audit chain, page by page, and its current head",
    description:
      'Events with seq > after, oldest first, at most limit. hash = sha256(prevHash + "\\n" + canonical({ seq, at, type, subject, data })) with RFC 8785 canonical JSON; the first event\'s prevHash is "". Page on with after = the last seq received until it reaches head.seq.',
    queryParams: auditQuerySchema,
    success: { status: 200, description: "A page of events and the chain head", body: "AuditExport" },
    errors: { 400: "after or limit is not a whole number in range (the message names it)" },
  },
];

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });

const WEBHOOK_HEADERS = [
  ["webhook-id", "cfg_<nodeId>_<highest version in the bundle>; the same on every retry of that content"],
  ["webhook-timestamp", "Unix seconds; refuse a push more than 5 minutes off your clock"],
  [
    "webhook-signature",
    'Standard Webhooks: "v1,<b64 HMAC-SHA256(secret bytes, id.timestamp.body)> v1a,<b64 Ed25519(platform key, same content)>"; secret bytes = base64-decoded part after whsec_. Both must verify.',
  ],
].map(([name, description]) => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
}));

/** What the platform sends to each node's endpoint URL, and the answers it understands. */
const CONFIG_PUSH_WEBHOOKS = {
  configPush: {
    post: {
      operationId: "pushConfigBundle",
      summary:
        "The platform pushes every config version above the node's acknowledged one (at most 16), ascending",
      description:
        "Sent to POST <endpointUrl>. Verify the transport signatures, then each envelope's signature against the platform key, then the node-side rules (network, rollback, prev hash, fast-forward) of node-protocol.md. The platform retries 5xx, timeouts, resets and redirects on its schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then every 12 h, ±20 %).",
      parameters: WEBHOOK_HEADERS,
      requestBody: { required: true, content: jsonContent(ref("ConfigBundle")) },
      responses: {
        200: { description: "ACK: verified and stored", content: jsonContent(ref("PushAck")) },
        409: {
          description:
            "STALE: the node already holds this or a newer version; GAP: it misses predecessors (the platform resends from currentVersion + 1)",
          content: jsonContent(ref("PushConflict")),
        },
        422: {
          description: "NACK: refused; the node keeps its version. Not retried until a newer version exists",
          content: jsonContent(ref("PushNack")),
        },
        401: { description: "A transport signature does not verify" },
        410: { description: "The node left the network; the platform stops pushing" },
        429: { description: "Overloaded: send Retry-After; the platform waits at least 60 s" },
        503: { description: "Overloaded: send Retry-After; the platform waits at least 60 s" },
      },
    },
    get: {
      operationId: "readNodeConfigState",
      summary:
        "Drift read-back: what the node holds (every 6 h, after a reconnect, 5 min after each activation)",
      responses: {
        200: {
          description: "stagedVersion is the highest version held; sha256 is its envelope's hash",
          content: jsonContent(ref("NodeConfigState")),
        },
      },
    },
  },
};

function queryParameters(schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = toJsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    ...(property.description !== undefined && { description: property.description }),
    schema: property,
  }));
}

function operationObject(operation: OperationSpec): JsonSchema {
  const parameters = [
    ...Object.entries(operation.pathParams?.shape ?? {}).map(([name, schema]) => {
      const jsonSchema = toJsonSchema(schema as z.ZodType, "input");
      return { name, in: "path", required: true, description: jsonSchema.description, schema: jsonSchema };
    }),
    ...queryParameters(operation.queryParams),
    ...Object.entries(operation.headerParams ?? {}).map(([name, header]) => ({
      name,
      in: "header",
      required: true,
      description: header.description,
      schema: { type: "string" },
    })),
  ];
  const errors = { ...operation.errors, 500: "Unexpected failure on the platform; retry later" };
  const responses: Record<string, unknown> = {
    [operation.success.status]: {
      description: operation.success.description,
      ...(operation.success.headers && {
        headers: Object.fromEntries(
          Object.entries(operation.success.headers).map(([name, header]) => [
            name,
            { description: header.description, schema: { type: "string" } },
          ]),
        ),
      }),
      content: jsonContent(ref(operation.success.body)),
    },
  };
  for (const [status, description] of Object.entries(operation.emptyResponses ?? {})) {
    responses[status] = { description };
  }
  for (const [status, description] of Object.entries(errors)) {
    responses[status] = { description, content: jsonContent(ref("ErrorBody")) };
  }
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.requestBody && {
      requestBody: { required: true, content: jsonContent(toJsonSchema(operation.requestBody, "input")) },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document of the node protocol, generated from the same zod schemas the handlers use. */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Plenum node protocol",
      version: "1",
      description:
        "The contract between the Plenum platform and the software on each node. Every error body is { error: { code, message } }.",
    },
    paths,
    webhooks: CONFIG_PUSH_WEBHOOKS,
    components: {
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, toJsonSchema(schema, "output")]),
      ),
    },
  };
}
