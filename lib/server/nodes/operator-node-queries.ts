import { DomainError } from "@/lib/domain/errors";
import { isOnline, ONLINE_WINDOW_MINUTES } from "@/lib/domain/node-presence";
import type { OperatorNode, OperatorNodes } from "@/lib/schemas/my-nodes";
import type { Db, Prisma } from "../platform/db";
import { nodeKeyFingerprint } from "./node-queries";

const OPERATOR_NODE_SELECT = {
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
  mayVote: true,
} as const satisfies Prisma.NodeSelect;

function operatorNode(
  { publicKey, ...node }: Prisma.NodeGetPayload<{ select: typeof OPERATOR_NODE_SELECT }>,
  now: Date,
): OperatorNode {
  return {
    ...node,
    keyFingerprint: nodeKeyFingerprint(publicKey),
    isOnline: node.status === "Active" && isOnline(node.lastSeenAt, now),
  };
}

/** The signed-in operator's nodes, active ones first, newest first, with what only their owner may see (the endpoint). */
export async function listOperatorNodes(
  db: Db,
  { operatorId, now }: { operatorId: string; now: Date },
): Promise<OperatorNodes> {
  const nodes = await db.node.findMany({
    where: { operatorId },
    // "Active" sorts before "Gone": the nodes that can still be changed come first.
    orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "asc" }],
    select: OPERATOR_NODE_SELECT,
  });
  const rows = nodes.map((node) => operatorNode(node, now));
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

/** One of the signed-in operator's nodes as its owner sees it; someone else's node is reported as missing. */
export async function getOperatorNode(
  db: Db,
  { operatorId, nodeId, now }: { operatorId: string; nodeId: string; now: Date },
): Promise<OperatorNode> {
  const node = await db.node.findFirst({ where: { id: nodeId, operatorId }, select: OPERATOR_NODE_SELECT });
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "You have no node with this id. Check the link, or open My nodes to see the nodes you run.",
    );
  }
  return operatorNode(node, now);
}
