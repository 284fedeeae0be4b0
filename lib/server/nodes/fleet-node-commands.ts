import type { Db } from "../platform/db";

/**
 * Gives the demo fleet's nodes the permission to use loopback endpoints that fleet-minted tokens carry,
 * for nodes the fleet enrolled before that permission existed (then the platform allowed every node
 * private endpoints while the fleet ran). Only a node still Active at the very endpoint the fleet gave
 * it gets it; returns how many got it now. Called by the fleet, which runs beside the platform with access to
 * its database, for the nodes in its own state files.
 */
export async function grantFleetNodesPrivateEndpoints(
  db: Db,
  nodes: readonly { nodeId: string; endpointUrl: string }[],
): Promise<number> {
  if (nodes.length === 0) return 0;
  const { count } = await db.node.updateMany({
    where: {
      status: "Active",
      allowsPrivateEndpoint: false,
      OR: nodes.map(({ nodeId, endpointUrl }) => ({ id: nodeId, endpointUrl })),
    },
    data: { allowsPrivateEndpoint: true },
  });
  return count;
}

/**
 * Lets the demo fleet's newly enrolled nodes cast ballots for their demo operators (Node.mayVote), so the
 * demo's node ballots (`npm run agent -- vote` with a fleet node's key) keep working now that new nodes
 * start without that permission. Only Active nodes enrolled with a token the fleet minted for itself
 * qualify; returns how many got it now. Called by the fleet right after it enrolled them, never again,
 * so an operator who withdraws the permission on the node page keeps it withdrawn.
 */
export async function allowFleetNodesToVote(db: Db, nodeIds: readonly string[]): Promise<number> {
  if (nodeIds.length === 0) return 0;
  const { count } = await db.node.updateMany({
    where: {
      id: { in: [...nodeIds] },
      status: "Active",
      mayVote: false,
      enrolmentToken: { is: { allowsPrivateEndpoint: true } },
    },
    data: { mayVote: true },
  });
  return count;
}
