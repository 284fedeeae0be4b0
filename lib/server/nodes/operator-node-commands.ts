import { DomainError } from "@/lib/domain/errors";
import { isOnline, ONLINE_WINDOW_MINUTES } from "@/lib/domain/node-presence";
import type { Db } from "../platform/db";
import { sha256Hex } from "../platform/encoding";
import { vetEndpointUrl } from "../platform/endpoint-url";
import { markNodeSyncGone, startNodeSync } from "../config-sync/sync-state";

const NOT_FOUND_MESSAGE =
  "You have no node with this id. Check the link, or open My nodes to see the nodes you run.";

/**
 * "SHA256:1a2b 3c4d 5e6f 7a8b": the first 16 hex digits of the SHA-256 of the raw public key, so an
 * operator can match a node here with the key file on the machine.
 */
export function nodeKeyFingerprint(publicKeyB64url: string): string {
  const digest = sha256Hex(Buffer.from(publicKeyB64url, "base64url")).slice(0, 16);
  return `SHA256:${digest.match(/.{4}/g)!.join(" ")}`;
}

/** The signed-in operator's nodes, active ones first, newest first, with what only their owner may see (the endpoint). */
export async function listOperatorNodes(db: Db, { operatorId, now }: { operatorId: string; now: Date }) {
  const nodes = await db.node.findMany({
    where: { operatorId },
    // "Active" sorts before "Gone": the nodes that can still be changed come first.
    orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      region: true,
      status: true,
      publicKey: true,
      endpointUrl: true,
      lastSeenAt: true,
      reportedConfigVersion: true,
      createdAt: true,
      verifiedAt: true,
    },
  });
  const rows = nodes.map(({ publicKey, ...node }) => ({
    ...node,
    keyFingerprint: nodeKeyFingerprint(publicKey),
    isOnline: node.status === "Active" && isOnline(node.lastSeenAt, now),
  }));
  return {
    nodes: rows,
    totals: {
      active: rows.filter((node) => node.status === "Active").length,
      gone: rows.filter((node) => node.status === "Gone").length,
      online: rows.filter((node) => node.isOnline).length,
    },
    onlineWindowMinutes: ONLINE_WINDOW_MINUTES,
  };
}

const CHANGED_NODE_SELECT = { id: true, name: true, status: true, endpointUrl: true } as const;

/** Loads the operator's node for a change; someone else's node is reported as missing, not as forbidden. */
async function ownedActiveNode(db: Db, { operatorId, nodeId }: { operatorId: string; nodeId: string }) {
  const node = await db.node.findFirst({
    where: { id: nodeId, operatorId },
    select: { id: true, name: true, status: true },
  });
  if (!node) throw new DomainError("NOT_FOUND", NOT_FOUND_MESSAGE);
  if (node.status === "Gone") {
    throw new DomainError(
      "CONFLICT",
      `Node ${node.name} is retired (Gone) and can no longer be changed. To run it again, enrol it as a new node with a new key.`,
    );
  }
  return node;
}

/**
 * Updates the node only while it is still the operator's and Active, in one statement, so a retire
 * racing with a rename can never bring a Gone node back to life.
 */
async function updateActiveNode(
  db: Db,
  { operatorId, nodeId }: { operatorId: string; nodeId: string },
  data: { name?: string; nameSearch?: string; endpointUrl?: string; status?: "Gone" },
) {
  const { count } = await db.node.updateMany({ where: { id: nodeId, operatorId, status: "Active" }, data });
  if (count === 0) await ownedActiveNode(db, { operatorId, nodeId });
  return db.node.findUniqueOrThrow({ where: { id: nodeId }, select: CHANGED_NODE_SELECT });
}

export async function renameNode(
  db: Db,
  { operatorId, nodeId, name }: { operatorId: string; nodeId: string; name: string },
) {
  return updateActiveNode(db, { operatorId, nodeId }, { name, nameSearch: name.toLowerCase() });
}

/** Re-checks the endpoint with the registration rules (https, public addresses) and stores it normalized. */
export async function changeNodeEndpoint(
  db: Db,
  {
    operatorId,
    nodeId,
    endpointUrl,
    allowPrivate,
    now = new Date(),
  }: { operatorId: string; nodeId: string; endpointUrl: string; allowPrivate: boolean; now?: Date },
) {
  await ownedActiveNode(db, { operatorId, nodeId });
  const vetted = await vetEndpointUrl(endpointUrl, { allowPrivate });
  const node = await updateActiveNode(db, { operatorId, nodeId }, { endpointUrl: vetted.url });
  await startNodeSync(db, { nodeId, now });
  return node;
}

/** Marks the node Gone for good: it stops counting for votes and rewards and cannot be changed again. */
export async function retireNode(db: Db, { operatorId, nodeId }: { operatorId: string; nodeId: string }) {
  const node = await updateActiveNode(db, { operatorId, nodeId }, { status: "Gone" });
  await markNodeSyncGone(db, { nodeId });
  return node;
}
