import { jsonContent, ref } from "./openapi-spec";

const WEBHOOK_HEADERS = [
  ["webhook-id", "cfg_<nodeId>_<highest version in the bundle>; the same on every retry of that content"],
  ["webhook-timestamp", "Unix seconds; refuse a push more than 5 minutes off your clock"],
  [
    "webhook-signature",
    'Standard Webhooks: "v1,<b64 HMAC-SHA256(secret bytes, id.timestamp.body)> v1a,<b64 Ed25519(platform key, same content)>"; secret bytes = base64-decoded part after whsec_. Both schemes must verify. During a platform key rotation\'s overlap the header carries one v1a signature per valid platform key (new key first, e.g. "v1,<hmac> v1a,<new> v1a,<old>"): accept when any v1a verifies with a key you trust. A push whose bundle holds a rotation version (nextPlatformKey, signed by a key you trust) may be signed with the announced key alone.',
  ],
].map(([name, description]) => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
}));

/** What the platform sends to each node's endpoint URL, and the answers it understands. */
export const CONFIG_PUSH_WEBHOOKS = {
  configPush: {
    post: {
      operationId: "pushConfigBundle",
      summary:
        "The platform pushes every config version above the node's acknowledged one (at most 16), ascending",
      description:
        "Sent to POST <endpointUrl>. Verify the transport signatures, then each envelope's signature against the platform key, then the node-side rules (network, rollback, prev hash, fast-forward) of node-protocol.md. Key rotation: a version whose envelope carries nextPlatformKey and verifies with a key you trust makes that key trusted for the versions after it (persist it); a version signed by any other key is refused. The platform retries 5xx, timeouts, resets and redirects on its schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then every 12 h, ±20 %).",
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
