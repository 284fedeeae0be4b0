import { z } from "zod";
import { DOMAIN_ERROR_CODES } from "@/lib/domain/errors";
import { peerTrafficBreach } from "@/lib/domain/node-protocol/telemetry-plausibility";

/** Zod contracts of the REST node protocol (docs node-protocol.md); the OpenAPI document is generated from them. */

const b64url = (bytes: number, what: string) =>
  z
    .string()
    .length(Math.ceil((bytes * 4) / 3), { error: `must be the b64url encoding of ${bytes} bytes` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: "must be base64url without padding (A-Z a-z 0-9 - _)" })
    .describe(`${what}: base64url without padding of ${bytes} bytes`);

const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hex digits" })
  .describe("SHA-256, lower-case hex");

const versionNumber = z.int().min(1).describe("Config version number; versions increase by exactly 1");

export const ed25519PublicKeySchema = b64url(32, "Ed25519 public key");
export const ed25519SignatureSchema = b64url(64, "Ed25519 signature");

export const networkInfoSchema = z.object({
  networkId: z.string().describe("Id of the network; every config envelope carries it"),
  name: z.string(),
  platformPublicKey: ed25519PublicKeySchema.describe(
    "Platform Ed25519 public key (b64url of the 32 raw bytes) that signs new config versions; after a rotation, the new key (the old one keeps signing pushes during the overlap)",
  ),
  keyId: z.string().describe("Id of the platform key, repeated in every config version it signs"),
  latestVersion: versionNumber.describe("Highest config version issued so far"),
});

export const configVersionResponseSchema = z.object({
  version: versionNumber,
  envelope: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .describe(
      'b64url of the envelope bytes: UTF-8 JSON { "schema": "plenum.config/1", "networkId", "version", "prevSha256", "issuedAt", "activateAt", "proposals", "params" } plus, only on the version that rotates the platform key, "nextPlatformKey": { "keyId", "publicKey" } (see ConfigEnvelope). Verify and parse these exact bytes; never re-serialise.',
    ),
  signature: ed25519SignatureSchema.describe("b64url(ed25519(platform key, envelope bytes))"),
  keyId: z
    .string()
    .describe(
      "Id of the platform key that signed: the key pinned at enrolment, or one a trusted earlier version announced in nextPlatformKey",
    ),
  sha256: sha256Hex.describe("hex(sha256(envelope bytes)); the next version's prevSha256"),
});

/** Body of a config push, `POST <endpointUrl>` (node-protocol.md "Push"): versions ascending, at most 16. */
export const configBundleSchema = z.object({
  type: z.literal("config.bundle"),
  networkId: z.string().min(1),
  bundle: z.array(configVersionResponseSchema).min(1),
});
export type ConfigBundle = z.infer<typeof configBundleSchema>;

/** Codes of platform error bodies: every DomainError code, plus INTERNAL for unexpected failures. */
export const ERROR_BODY_CODES = [...DOMAIN_ERROR_CODES, "INTERNAL"] as const;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_BODY_CODES),
    message: z.string().describe("What went wrong and what to do next, for a person to read"),
  }),
});

/** The `{version}` path segment: a positive whole number written in plain decimal. */
export const configVersionParamSchema = z.object({
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, {
      error:
        "must be a positive whole number such as 1 or 42 (use /api/v1/config/latest for the newest version)",
    })
    .describe("Config version number: a positive whole number")
    .transform(Number)
    .pipe(z.int().max(2_147_483_647, { error: "is larger than any config version" })),
});

export type NetworkInfo = z.infer<typeof networkInfoSchema>;
export type ConfigVersionResponse = z.infer<typeof configVersionResponseSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ErrorBodyCode = (typeof ERROR_BODY_CODES)[number];

// --- Telemetry (node-protocol.md "Telemetry") ---

const INT32_MAX = 2_147_483_647;
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .describe(what);
const byteCount = (what: string) =>
  z
    .int({ error: "must be a whole number of bytes no larger than 9007199254740991" })
    .min(0, { error: "must not be negative" })
    .describe(`${what}, a safe JSON integer`);
const reportedVersion = (what: string) =>
  wholeNumber(1, INT32_MAX, what).nullable().describe(`${what}, or null when the node holds none`);

export const MAX_TELEMETRY_WINDOW_SECONDS = 86_400;

/** A median latency above this (10 minutes) is no measurement of a live peer link: the report is refused. */
export const MAX_MEDIAN_LATENCY_MS = 600_000;

/** At most this many per-peer exchanges in one report: the node's largest in the window. */
export const MAX_PEER_TRAFFIC_ENTRIES = 256;

const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** `{nodeId}` of /api/v1/nodes/{nodeId}/…: the id returned at registration. */
export const nodeIdParamSchema = z.object({
  nodeId: z
    .string()
    .regex(NODE_ID_PATTERN, { error: "must be the node id returned at registration" })
    .describe("Id of the node, as returned by POST /api/v1/nodes/register"),
});

export const peerTrafficEntrySchema = z.object({
  peerNodeId: z
    .string({ error: "must be a string" })
    .regex(NODE_ID_PATTERN, { error: "must be the node id of another enrolled node" })
    .describe("Id of the peer node (another enrolled node) the bytes were exchanged with"),
  bytesUp: byteCount("Bytes sent to this peer during the window"),
  bytesDown: byteCount("Bytes received from this peer during the window"),
});

/** One telemetry report; unknown fields are ignored so newer agents keep working. */
export const telemetryReportSchema = z
  .object({
    at: z.iso
      .datetime({ error: "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z" })
      .describe(
        "End of the reporting window, ISO-8601 UTC; at most 10 minutes ahead of the platform clock and at most 24 hours plus windowSeconds behind it",
      ),
    windowSeconds: wholeNumber(1, MAX_TELEMETRY_WINDOW_SECONDS, "Length of the reporting window in seconds"),
    uptimeSeconds: wholeNumber(
      0,
      MAX_TELEMETRY_WINDOW_SECONDS,
      "Seconds of the window the node was up (at most windowSeconds)",
    ),
    bytesUp: byteCount(
      "Bytes sent to peers during the window, at most windowSeconds × service.maxMbps × 125,000",
    ),
    bytesDown: byteCount(
      "Bytes received from peers during the window, at most windowSeconds × service.maxMbps × 125,000",
    ),
    peers: wholeNumber(0, INT32_MAX, "Connected peers at the end of the window"),
    medianLatencyMs: z
      .number({ error: "must be a finite number of milliseconds" })
      .min(0, { error: "must not be negative" })
      .max(MAX_MEDIAN_LATENCY_MS, {
        error: `must be at most ${MAX_MEDIAN_LATENCY_MS} milliseconds (10 minutes)`,
      })
      .describe(`Median latency to peers in milliseconds, at most ${MAX_MEDIAN_LATENCY_MS} (10 minutes)`),
    activeConfigVersion: reportedVersion("Config version the node applies"),
    stagedConfigVersion: reportedVersion("Highest config version the node holds staged for later"),
    agent: z
      .string({ error: "must be a string" })
      .max(80, { error: "must be at most 80 characters" })
      .describe('Node software and version, e.g. "plenum-agent/0.1.0"'),
    peerTraffic: z
      .array(peerTrafficEntrySchema)
      .max(MAX_PEER_TRAFFIC_ENTRIES, {
        error: `must list at most ${MAX_PEER_TRAFFIC_ENTRIES} peers (the node's largest exchanges in the window)`,
      })
      .optional()
      .describe(
        `Optional: the node's largest exchanges in the window with other enrolled nodes, at most ${MAX_PEER_TRAFFIC_ENTRIES} entries, each peer once and never the node itself; their bytesUp and bytesDown add up to at most the report's. Omit it when the node software has no per-peer counters.`,
      ),
  })
  .refine((report) => report.uptimeSeconds <= report.windowSeconds, {
    path: ["uptimeSeconds"],
    error: "must not exceed windowSeconds",
  })
  .superRefine((report, context) => {
    const breach = peerTrafficBreach(report);
    if (breach) context.addIssue({ code: "custom", path: ["peerTraffic"], message: breach });
  });

export const telemetryAcceptedSchema = z.object({
  nextReportInSeconds: z
    .int()
    .min(1)
    .describe("Send the next report after this many seconds (60 by default; more for large networks)"),
});

export type TelemetryReport = z.infer<typeof telemetryReportSchema>;
export type PeerTraffic = z.infer<typeof peerTrafficEntrySchema>;
export type TelemetryAccepted = z.infer<typeof telemetryAcceptedSchema>;

/** First line of the text a node signs to prove it holds its key at enrolment. */
export const ENROLMENT_MESSAGE_PREFIX = "plenum-node-enrol-v1";

/** The exact text a node signs at enrolment: prefix, networkId, challengeId, publicKey, expiresAt, one per line. */
export function enrolmentChallengeMessage(challenge: {
  networkId: string;
  challengeId: string;
  publicKey: string;
  expiresAt: string;
}): string {
  return [
    ENROLMENT_MESSAGE_PREFIX,
    challenge.networkId,
    challenge.challengeId,
    challenge.publicKey,
    challenge.expiresAt,
  ].join("\n");
}

export const NODE_NAME_MAX = 64;
export const ENDPOINT_URL_MAX = 2048;

/** Unknown fields are ignored so newer agents keep working. */
export const nodeChallengeRequestSchema = z.object({
  publicKey: ed25519PublicKeySchema.describe(
    "The node's Ed25519 public key: base64url without padding of the 32 raw bytes",
  ),
});

export const nodeChallengeSchema = z.object({
  challengeId: z.string().describe("Id of the challenge; send it back to /api/v1/nodes/register"),
  message: z
    .string()
    .describe(
      "The exact text to sign with the node key: plenum-node-enrol-v1\\n<networkId>\\n<challengeId>\\n<publicKey>\\n<expiresAt>",
    ),
  expiresAt: z.iso
    .datetime()
    .describe("When the challenge expires (5 minutes after it was issued), ISO-8601 UTC"),
});

export const nodeNameSchema = z
  .string({ error: "must be a string" })
  .min(1, { error: "must not be empty" })
  .max(NODE_NAME_MAX, { error: `must be at most ${NODE_NAME_MAX} characters` })
  .regex(/^[A-Za-z0-9._-]+$/, {
    error: "may contain only letters A-Z a-z, digits, dot, underscore and hyphen (e.g. relay-eu-1)",
  })
  .describe(`Node name: 1–${NODE_NAME_MAX} characters from A-Z a-z 0-9 . _ -`);

export const nodeRegistrationRequestSchema = z.object({
  challengeId: z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(100, { error: "is not a challenge id" })
    .describe("challengeId from /api/v1/nodes/challenge"),
  publicKey: ed25519PublicKeySchema.describe("The same public key the challenge was issued for"),
  signature: ed25519SignatureSchema.describe(
    "b64url(ed25519(node key, UTF-8 bytes of the challenge message))",
  ),
  enrolmentToken: z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(200, { error: "is not an enrolment token" })
    .describe("The enrolment token (plnm_enr_…) an operator created in the web UI"),
  name: nodeNameSchema,
  endpointUrl: z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(ENDPOINT_URL_MAX, { error: `must be at most ${ENDPOINT_URL_MAX} characters` })
    .describe(
      "https URL the platform pushes configs to; must resolve only to public unicast addresses (node-protocol.md, Endpoint URL safety)",
    ),
});

export const nodeRegistrationSchema = z.object({
  nodeId: z.string().describe("Id of the new node; send it as plenum-node-id on signed requests"),
  webhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/)
    .describe(
      "whsec_ + base64 of 32 random bytes: the HMAC key of config pushes. Returned ONLY here; store it now.",
    ),
  platformPublicKey: ed25519PublicKeySchema.describe(
    "Platform Ed25519 public key that signs configs and pushes",
  ),
  keyId: z.string().describe("Id of the platform key"),
  networkId: z.string().describe("Id of the network"),
});

export type NodeChallengeRequest = z.infer<typeof nodeChallengeRequestSchema>;
export type NodeChallenge = z.infer<typeof nodeChallengeSchema>;
export type NodeRegistrationRequest = z.infer<typeof nodeRegistrationRequestSchema>;
export type NodeRegistration = z.infer<typeof nodeRegistrationSchema>;
