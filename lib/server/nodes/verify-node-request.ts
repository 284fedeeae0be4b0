import { DomainError } from "@/lib/domain/errors";
import {
  clockSkewSeconds,
  isWithinClockSkew,
  MAX_CLOCK_SKEW_SECONDS,
  NODE_ID_HEADER,
  NODE_SIGNATURE_HEADER,
  NODE_TIMESTAMP_HEADER,
  nodeRequestSigningInput,
  parseNodeTimestamp,
  replayRecordExpiresAt,
} from "@/lib/domain/node-protocol/request-signing";
import { ED25519_SIGNATURE_BYTES, verifyEd25519 } from "@/lib/server/platform/ed25519";
import { fromBase64Url, sha256Hex, utf8Bytes } from "@/lib/server/platform/encoding";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTransaction } from "@/lib/server/platform/db";

const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export interface VerifyNodeRequestOptions {
  headers: Headers;
  method: string;
  /** Path and query of the request as received (nodeRequestPath). */
  path: string;
  /** The exact body bytes received. */
  bodyBytes: Uint8Array;
  now: Date;
  /** The node the URL names, e.g. `{nodeId}` of /api/v1/nodes/{nodeId}/telemetry. */
  expectedNodeId?: string;
}

export interface VerifiedNode {
  nodeId: string;
  operatorId: string;
}

function requiredHeader(headers: Headers, name: string, shape: string): string {
  const value = headers.get(name);
  if (value === null || value === "") {
    throw new DomainError(
      "BAD_INPUT",
      `The ${name} header is missing. Requests from a node carry ${NODE_ID_HEADER}, ${NODE_TIMESTAMP_HEADER} and ${NODE_SIGNATURE_HEADER} (node protocol, "Requests signed by a node"); ${name} is ${shape}.`,
    );
  }
  return value;
}

function malformedHeader(name: string, shape: string): DomainError {
  return new DomainError("BAD_INPUT", `The ${name} header is malformed: it must be ${shape}.`);
}

function parseHeaders(headers: Headers) {
  const nodeIdShape = "the node id returned at registration";
  const timestampShape = "the current time in whole Unix seconds, e.g. 1764072000";
  const signatureShape = "b64url (no padding) of the 64-byte Ed25519 signature";
  const nodeId = requiredHeader(headers, NODE_ID_HEADER, nodeIdShape);
  const timestampText = requiredHeader(headers, NODE_TIMESTAMP_HEADER, timestampShape);
  const signatureText = requiredHeader(headers, NODE_SIGNATURE_HEADER, signatureShape);
  if (!NODE_ID_PATTERN.test(nodeId)) throw malformedHeader(NODE_ID_HEADER, nodeIdShape);
  const timestamp = parseNodeTimestamp(timestampText);
  if (timestamp === null) throw malformedHeader(NODE_TIMESTAMP_HEADER, timestampShape);
  let signature: Buffer | null;
  try {
    signature = fromBase64Url(signatureText);
  } catch {
    signature = null;
  }
  return { nodeId, timestamp, signature };
}

const badSignature = () =>
  new DomainError(
    "UNAUTHENTICATED",
    `The ${NODE_SIGNATURE_HEADER} header does not verify with this node's key. Sign "plenum-node-req-v1\\nMETHOD\\nPATH\\ntimestamp\\nhex(sha256(body))" with the key the node registered, over exactly the path (with its query) and body bytes you send.`,
  );

/** A request whose signature verified; it is not known to be fresh until recordNodeRequest() stored it. */
export interface AuthenticatedNodeRequest extends VerifiedNode {
  signatureHash: string;
  replayRecordExpiresAt: Date;
  /** The node's operator lets it cast their ballot (Node.mayVote); only POST /api/v1/ballots asks. */
  mayVote: boolean;
}

/**
 * Everything verifyNodeRequest checks except the replay record, which a caller stores with
 * recordNodeRequest() (e.g. inside the transaction that acts on the request).
 */
export async function authenticateNodeRequest(
  db: DbOrTransaction,
  { headers, method, path, bodyBytes, now, expectedNodeId }: VerifyNodeRequestOptions,
): Promise<AuthenticatedNodeRequest> {
  const { nodeId, timestamp, signature } = parseHeaders(headers);

  if (!isWithinClockSkew(timestamp, now)) {
    const skew = Math.round(clockSkewSeconds(timestamp, now));
    throw new DomainError(
      "UNAUTHENTICATED",
      `The ${NODE_TIMESTAMP_HEADER} header is ${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"} the platform clock (${now.toISOString()}); at most ${MAX_CLOCK_SKEW_SECONDS} s is allowed. Sync the node's clock (NTP) and send the request again with a fresh timestamp.`,
    );
  }

  // Raw: every signed request reads its node, and a model query costs several times more to compile.
  // mayVote comes back as 0/1 from SQLite and as a boolean from PostgreSQL.
  const [node] = await db.$queryRaw<
    { operatorId: string; publicKey: string; status: string; mayVote: boolean | number | bigint }[]
  >(Prisma.sql`
    SELECT "operatorId", "publicKey", "status", "mayVote" FROM "Node" WHERE "id" = ${nodeId}`);
  if (!node) {
    throw new DomainError(
      "UNAUTHENTICATED",
      `No node ${nodeId} is registered on this platform. Check the node id the agent saved at enrolment, or enrol the node again.`,
    );
  }
  if (node.status === "Gone") {
    throw new DomainError(
      "UNAUTHENTICATED",
      `Node ${nodeId} was retired and may no longer send requests. Enrol it again with a new enrolment token to bring it back.`,
    );
  }

  if (signature === null || signature.length !== ED25519_SIGNATURE_BYTES) throw badSignature();
  const input = nodeRequestSigningInput({ method, path, timestamp, bodySha256Hex: sha256Hex(bodyBytes) });
  if (!verifyEd25519(node.publicKey, utf8Bytes(input), signature)) throw badSignature();

  if (expectedNodeId !== undefined && expectedNodeId !== nodeId) {
    throw new DomainError(
      "FORBIDDEN",
      `This request is signed by node ${nodeId} but the URL names node ${expectedNodeId}. A node may only send requests about itself: use /api/v1/nodes/${nodeId}/….`,
    );
  }
  return {
    nodeId,
    operatorId: node.operatorId,
    signatureHash: sha256Hex(signature),
    replayRecordExpiresAt: replayRecordExpiresAt(timestamp),
    mayVote: node.mayVote === true || Number(node.mayVote) === 1,
  };
}

/** Stores the request's signature hash; 409 when it was seen before. */
export async function recordNodeRequest(
  db: DbOrTransaction,
  { nodeId, signatureHash, replayRecordExpiresAt }: AuthenticatedNodeRequest,
): Promise<void> {
  // DO NOTHING rather than a unique violation, which would abort a PostgreSQL transaction around it.
  const inserted = await db.$executeRaw(Prisma.sql`
    INSERT INTO "NodeRequestReplay" ("signatureHash", "nodeId", "expiresAt")
    VALUES (${signatureHash}, ${nodeId}, ${replayRecordExpiresAt})
    ON CONFLICT ("signatureHash") DO NOTHING`);
  if (inserted === 0) {
    throw new DomainError(
      "CONFLICT",
      `This exact request was already received (same ${NODE_SIGNATURE_HEADER}); it is refused as a replay. Send each request once, with a fresh ${NODE_TIMESTAMP_HEADER} when you retry.`,
    );
  }
}

/**
 * Authenticates a request signed by a node (node-protocol.md "Requests signed by a node"): 400 for a
 * missing or malformed header, 401 for a clock too far off, an unknown or retired node or a bad
 * signature, 403 when the URL names another node, 409 for a signature seen before.
 */
export async function verifyNodeRequest(
  db: DbOrTransaction,
  options: VerifyNodeRequestOptions,
): Promise<VerifiedNode> {
  const request = await authenticateNodeRequest(db, options);
  await recordNodeRequest(db, request);
  return { nodeId: request.nodeId, operatorId: request.operatorId };
}
