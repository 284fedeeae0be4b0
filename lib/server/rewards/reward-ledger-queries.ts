import type { DbOrTransaction } from "@/lib/server/platform/db";

/** Node ids per query: far under SQLite's bound-parameter limit. */
const NODE_IDS_PER_QUERY = 500;

/** A node's rating and classification after one epoch. */
export interface LedgerPoint {
  nodeId: string;
  day: Date;
  ratingBefore: number;
  rating: number;
  classification: string;
}

const POINT_FIELDS = {
  nodeId: true,
  day: true,
  ratingBefore: true,
  rating: true,
  classification: true,
} as const;

/**
 * The ledger entries of the given (node, day) pairs: one query per distinct day and 2,000 nodes, never
 * one OR term per pair (SQLite refuses such an expression past about a thousand terms).
 */
export async function ledgerPointsAt(
  db: DbOrTransaction,
  keys: readonly { nodeId: string; day: Date }[],
): Promise<LedgerPoint[]> {
  const idsByDay = new Map<number, string[]>();
  for (const { nodeId, day } of keys) {
    const ids = idsByDay.get(day.getTime());
    if (ids) ids.push(nodeId);
    else idsByDay.set(day.getTime(), [nodeId]);
  }
  const points: LedgerPoint[] = [];
  for (const [dayMs, ids] of idsByDay) {
    for (let start = 0; start < ids.length; start += NODE_IDS_PER_QUERY) {
      points.push(
        ...(await db.rewardLedgerEntry.findMany({
          where: { day: new Date(dayMs), nodeId: { in: ids.slice(start, start + NODE_IDS_PER_QUERY) } },
          select: POINT_FIELDS,
        })),
      );
    }
  }
  return points;
}

/** Each node's newest reward ledger entry (before `before` when given); nodes never rated have none. */
export async function latestLedgerEntries(
  db: DbOrTransaction,
  { nodeIds, before }: { nodeIds: readonly string[]; before?: Date },
): Promise<LedgerPoint[]> {
  const keys: { nodeId: string; day: Date }[] = [];
  for (let start = 0; start < nodeIds.length; start += NODE_IDS_PER_QUERY) {
    const newest = await db.rewardLedgerEntry.groupBy({
      by: ["nodeId"],
      where: { nodeId: { in: nodeIds.slice(start, start + NODE_IDS_PER_QUERY) }, day: { lt: before } },
      _max: { day: true },
    });
    for (const { nodeId, _max } of newest) if (_max.day) keys.push({ nodeId, day: _max.day });
  }
  return ledgerPointsAt(db, keys);
}
