import type { KeyObject } from "node:crypto";
import {
  NODE_ID_HEADER,
  NODE_SIGNATURE_HEADER,
  NODE_TIMESTAMP_HEADER,
  nodeRequestSigningInput,
} from "@/lib/domain/node-protocol/request-signing";
import { signEd25519 } from "@/lib/server/platform/ed25519";
import { sha256Hex, toBase64Url, utf8Bytes } from "@/lib/server/platform/encoding";

export interface SignNodeRequestOptions {
  /** The node's Ed25519 key: a KeyObject or PKCS#8 PEM. */
  privateKey: KeyObject | string;
  nodeId: string;
  method: string;
  /** Path and query as they will be sent, e.g. "/api/v1/nodes/abc/telemetry". */
  path: string;
  /** Exactly the bytes that will be sent ("" for no body); a string is sent as UTF-8. */
  body: string | Uint8Array;
  /** Unix seconds. */
  timestamp: number;
}

export type NodeRequestHeaders = Record<
  typeof NODE_ID_HEADER | typeof NODE_TIMESTAMP_HEADER | typeof NODE_SIGNATURE_HEADER,
  string
>;

/** The `plenum-node-*` headers that authenticate one request from a node. */
export function signNodeRequest({
  privateKey,
  nodeId,
  method,
  path,
  body,
  timestamp,
}: SignNodeRequestOptions): NodeRequestHeaders {
  const bytes = typeof body === "string" ? utf8Bytes(body) : body;
  const input = nodeRequestSigningInput({ method, path, timestamp, bodySha256Hex: sha256Hex(bytes) });
  return {
    [NODE_ID_HEADER]: nodeId,
    [NODE_TIMESTAMP_HEADER]: String(timestamp),
    [NODE_SIGNATURE_HEADER]: toBase64Url(signEd25519(privateKey, utf8Bytes(input))),
  };
}
