import { DomainError } from "@/lib/domain/errors";
import { mayUsePrivateEndpoint } from "@/lib/domain/node-protocol/private-endpoint";
import type { ChangedNode } from "@/lib/schemas/my-nodes";
import type { Db } from "../platform/db";
import { vetEndpointUrl } from "../platform/endpoint-url";
import { enforceRateLimit } from "../platform/rate-limit";
import { RATE_LIMITS } from "../platform/rate-limit-policies";
import { markNodeSyncGone, startNodeSync } from "../config-sync/node-sync-commands";

// Every change counts against the operator's RATE_LIMITS.nodeChange, so a stuck script cannot hammer
// endpoint checks.

const NOT_FOUND_MESSAGE =
  "You have no node with this id. Check the link, or open My nodes to see the nodes you run.";

const CHANGED_NODE_SELECT = { id: true, name: true, status: true, endpointUrl: true, mayVote: true } as const;

/** Loads the operator's node for a change; someone else's node is reported as missing, not as forbidden. */
async function ownedActiveNode(db: Db, { operatorId, nodeId }: { operatorId: string; nodeId: string }) {
  const node = await db.node.findFirst({
    where: { id: nodeId, operatorId },
    select: { id: true, name: true, status: true, allowsPrivateEndpoint: true },
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
  data: {
    name?: string;
    nameSearch?: string;
    endpointUrl?: string;
    allowsPrivateEndpoint?: false;
    mayVote?: boolean;
    status?: "Gone";
  },
): Promise<ChangedNode> {
  const { count } = await db.node.updateMany({ where: { id: nodeId, operatorId, status: "Active" }, data });
  if (count === 0) await ownedActiveNode(db, { operatorId, nodeId });
  return db.node.findUniqueOrThrow({ where: { id: nodeId }, select: CHANGED_NODE_SELECT });
}

export async function renameNode(
  db: Db,
  {
    operatorId,
    nodeId,
    name,
    now = new Date(),
  }: { operatorId: string; nodeId: string; name: string; now?: Date },
): Promise<ChangedNode> {
  await enforceRateLimit(db, RATE_LIMITS.nodeChange, { subject: operatorId, now });
  return updateActiveNode(db, { operatorId, nodeId }, { name, nameSearch: name.toLowerCase() });
}

/**
 * Re-checks the endpoint with the registration rules (https, public addresses) and stores it normalized.
 * `allowPrivate` is the platform-wide PLENUM_ALLOW_PRIVATE_ENDPOINTS; a demo fleet node's own permission
 * does not count here and ends with the change (lib/domain/node-protocol/private-endpoint.ts).
 */
export async function changeNodeEndpoint(
  db: Db,
  {
    operatorId,
    nodeId,
    endpointUrl,
    allowPrivate,
    now = new Date(),
  }: { operatorId: string; nodeId: string; endpointUrl: string; allowPrivate: boolean; now?: Date },
): Promise<ChangedNode> {
  await enforceRateLimit(db, RATE_LIMITS.nodeChange, { subject: operatorId, now });
  const current = await ownedActiveNode(db, { operatorId, nodeId });
  const vetted = await vetEndpointUrl(endpointUrl, {
    allowPrivate: mayUsePrivateEndpoint({
      isAllowedPlatformWide: allowPrivate,
      isAllowedForNode: current.allowsPrivateEndpoint,
      check: "operator-change",
    }),
  });
  const node = await updateActiveNode(
    db,
    { operatorId, nodeId },
    { endpointUrl: vetted.url, allowsPrivateEndpoint: false },
  );
  await startNodeSync(db, { nodeId, now });
  return node;
}

/**
 * Lets the node's key cast ballots for its operator (POST /api/v1/ballots), or withdraws that. Any node
 * allowed here can replace the operator's whole ballot, so the operator chooses node by node; only the
 * node's own operator may change it (someone else's node is reported as missing).
 */
export async function setNodeMayVote(
  db: Db,
  {
    operatorId,
    nodeId,
    mayVote,
    now = new Date(),
  }: { operatorId: string; nodeId: string; mayVote: boolean; now?: Date },
): Promise<ChangedNode> {
  await enforceRateLimit(db, RATE_LIMITS.nodeChange, { subject: operatorId, now });
  return updateActiveNode(db, { operatorId, nodeId }, { mayVote });
}

/** Marks the node Gone for good: it stops counting for votes and rewards and cannot be changed again. */
export async function retireNode(
  db: Db,
  { operatorId, nodeId, now = new Date() }: { operatorId: string; nodeId: string; now?: Date },
): Promise<ChangedNode> {
  await enforceRateLimit(db, RATE_LIMITS.nodeChange, { subject: operatorId, now });
  const node = await updateActiveNode(db, { operatorId, nodeId }, { status: "Gone" });
  await markNodeSyncGone(db, { nodeId });
  return node;
}
