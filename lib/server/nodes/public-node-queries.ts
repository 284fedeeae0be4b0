import { DomainError } from "@/lib/domain/errors";
import type { Db } from "../platform/db";
import { nodeKeyFingerprint } from "./operator-node-commands";

/**
 * What anyone may see about a node. Selected field by field so the endpoint URL, the webhook secret
 * and telemetry never leave the database through this view.
 */
export async function getPublicNode(db: Db, { nodeId }: { nodeId: string }) {
  const node = await db.node.findUnique({
    where: { id: nodeId },
    select: {
      id: true,
      name: true,
      region: true,
      status: true,
      publicKey: true,
      createdAt: true,
      lastSeenAt: true,
      reportedConfigVersion: true,
      operator: { select: { displayName: true } },
    },
  });
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "There is no node with this id. It may have been mistyped: find the node in the node list.",
    );
  }
  const { publicKey, operator, ...rest } = node;
  return { ...rest, operatorName: operator.displayName, keyFingerprint: nodeKeyFingerprint(publicKey) };
}
