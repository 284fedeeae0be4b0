import { createHash, sign, type KeyObject } from "node:crypto";

/**
 * Signed node requests (node-protocol.md, "Requests signed by a node"), written with node:crypto only
 * so this file reads as the reference for node software in any language.
 */
export const NODE_REQUEST_PREFIX = "plenum-node-req-v1";

export interface NodeRequest {
  method: string;
  /** Path of the request without scheme, host or query, e.g. `/api/v1/nodes/<nodeId>/telemetry`. */
  path: string;
  /** The exact body bytes sent (empty string for none). */
  body: string;
  /** Unix seconds. */
  timestamp: number;
}

/** `plenum-node-req-v1\nMETHOD\nPATH\ntimestamp\nhex(sha256(body))`: the bytes a node signs. */
export function nodeRequestMessage({ method, path, body, timestamp }: NodeRequest): string {
  const bodyHash = createHash("sha256").update(body, "utf8").digest("hex");
  return [NODE_REQUEST_PREFIX, method.toUpperCase(), path, String(timestamp), bodyHash].join("\n");
}

/** The three `plenum-*` headers of a signed node request. */
export function nodeRequestHeaders(
  request: NodeRequest & { nodeId: string; privateKey: KeyObject },
): Record<"plenum-node-id" | "plenum-timestamp" | "plenum-signature", string> {
  const signature = sign(null, Buffer.from(nodeRequestMessage(request), "utf8"), request.privateKey);
  return {
    "plenum-node-id": request.nodeId,
    "plenum-timestamp": String(request.timestamp),
    "plenum-signature": signature.toString("base64url"),
  };
}

/** b64url of an enrolment challenge's `message`, signed exactly as the platform sent it. */
export function signEnrolmentMessage(message: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(message, "utf8"), privateKey).toString("base64url");
}
