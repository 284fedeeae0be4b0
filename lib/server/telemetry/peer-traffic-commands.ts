import type { CreditedPeerTraffic } from "@/lib/domain/node-protocol/telemetry-plausibility";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbTransaction } from "@/lib/server/platform/db";

/**
 * At most this many peers are kept per node and UTC day (NodePeerDayTraffic rows): a node that names
 * new peers once its day holds this many has those entries dropped, while the peers already stored keep
 * adding up, so a node cannot grow the table by naming a new peer in every report.
 */
export const MAX_PEERS_PER_NODE_DAY = 1_024;

/**
 * Adds one report's credited per-peer exchanges to the node's rows for `day` (the UTC day of the
 * report's rollup row), creating rows for new peers while the day has fewer than MAX_PEERS_PER_NODE_DAY,
 * in the report's transaction (which holds the node's row, so the count cannot race). Entries are
 * credited (creditPeerTraffic): a row never holds more than the node's credited bytes of the day, so it
 * is bounded as the node's daily rollup is.
 */
export async function addPeerDayTraffic(
  tx: DbTransaction,
  { nodeId, day, entries }: { nodeId: string; day: Date; entries: readonly CreditedPeerTraffic[] },
): Promise<void> {
  if (entries.length === 0) return;
  const [known, stored] = await Promise.all([
    tx.nodePeerDayTraffic.findMany({
      where: { nodeId, day, peerNodeId: { in: entries.map((entry) => entry.peerNodeId) } },
      select: { peerNodeId: true },
    }),
    tx.nodePeerDayTraffic.count({ where: { nodeId, day } }),
  ]);
  const knownPeers = new Set(known.map((row) => row.peerNodeId));
  let room = Math.max(0, MAX_PEERS_PER_NODE_DAY - stored);
  const kept = entries.filter((entry) => {
    if (knownPeers.has(entry.peerNodeId)) return true;
    if (room === 0) return false;
    room -= 1;
    return true;
  });
  if (kept.length === 0) return;
  const rows = kept.map(
    (entry) => Prisma.sql`(${nodeId}, ${day}, ${entry.peerNodeId}, ${entry.bytesUp}, ${entry.bytesDown})`,
  );
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "NodePeerDayTraffic" ("nodeId", "day", "peerNodeId", "bytesUp", "bytesDown")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("nodeId", "day", "peerNodeId") DO UPDATE SET
      "bytesUp" = "NodePeerDayTraffic"."bytesUp" + excluded."bytesUp",
      "bytesDown" = "NodePeerDayTraffic"."bytesDown" + excluded."bytesDown"`);
}
