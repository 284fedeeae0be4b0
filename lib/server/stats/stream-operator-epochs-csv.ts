import { formatLedgerCsvHeader, formatLedgerCsvRows } from "@/lib/domain/rewards/ledger-csv";
import type { OperatorEpochRow } from "@/lib/schemas/operator-stats";
import type { Db } from "../platform/db";
import { enforceRateLimit } from "../platform/rate-limit";
import { RATE_LIMITS } from "../platform/rate-limit-policies";

const CSV_PAGE_ROWS = 2_000;

/**
 * One page of the operator's reward ledger entries, newest epoch first and by node id within a day,
 * after the `after` entry when given.
 */
export async function operatorEpochRows(
  db: Db,
  {
    operatorId,
    after,
    take = CSV_PAGE_ROWS,
  }: { operatorId: string; after?: { day: Date; nodeId: string }; take?: number },
): Promise<OperatorEpochRow[]> {
  const entries = await db.rewardLedgerEntry.findMany({
    // Keyset paging: Prisma's cursor skipped rows with this mixed-direction order on SQLite.
    where: after
      ? { operatorId, OR: [{ day: { lt: after.day } }, { day: after.day, nodeId: { gt: after.nodeId } }] }
      : { operatorId },
    orderBy: [{ day: "desc" }, { nodeId: "asc" }],
    take,
    select: {
      day: true,
      nodeId: true,
      classification: true,
      uptimeSeconds: true,
      bytesUp: true,
      corroboratedBytesUp: true,
      paidBytesUp: true,
      bytesDown: true,
      unscaledMicro: true,
      rewardMicro: true,
      ratingBefore: true,
      rating: true,
      score: true,
      node: { select: { name: true } },
      epoch: { select: { configVersion: true } },
    },
  });
  return entries.map(({ node, epoch, ...entry }) => ({
    ...entry,
    nodeName: node.name,
    configVersion: epoch.configVersion,
  }));
}

/**
 * The operator's epochs CSV (UTF-8 with a BOM), streamed in pages of 2,000 ledger rows so a long history
 * is never held in memory; at most 20 downloads a minute per operator (RATE_LIMITED before any byte).
 */
export async function streamOperatorEpochsCsv(
  db: Db,
  { operatorId, now }: { operatorId: string; now: Date },
): Promise<ReadableStream<Uint8Array>> {
  await enforceRateLimit(db, RATE_LIMITS.epochsCsv, { subject: operatorId, now });
  const encoder = new TextEncoder();
  let after: { day: Date; nodeId: string } | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(formatLedgerCsvHeader()));
    },
    async pull(controller) {
      const rows = await operatorEpochRows(db, { operatorId, after });
      if (rows.length > 0) controller.enqueue(encoder.encode(formatLedgerCsvRows(rows)));
      const last = rows.at(-1);
      if (!last || rows.length < CSV_PAGE_ROWS) controller.close();
      else after = { day: last.day, nodeId: last.nodeId };
    },
  });
}
