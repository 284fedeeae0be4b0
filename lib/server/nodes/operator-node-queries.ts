import { isOnline, ONLINE_WINDOW_MINUTES } from "@/lib/domain/node-presence";
import type { OperatorNodes } from "@/lib/schemas/my-nodes";
import type { Db } from "../platform/db";
import { nodeKeyFingerprint } from "./node-queries";

/** The signed-in operator's nodes, active ones first, newest first, with what only their owner may see (the endpoint). */
export async function listOperatorNodes(
  db: Db,
  { operatorId, now }: { operatorId: string; now: Date },
): Promise<OperatorNodes> {
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
