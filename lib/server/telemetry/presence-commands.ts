import { Prisma } from "@/lib/generated/prisma/client";
import type { BulkColumnType } from "@/lib/server/platform/bulk-insert";
import type { DbTransaction } from "@/lib/server/platform/db";

const HOUR_MS = 3_600_000;

/** The UTC hour a request is present in: the hour the platform RECEIVED it, never a time the node claims. */
export function presenceHourStart(receivedAt: Date): Date {
  return new Date(Math.floor(receivedAt.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Counts one accepted signed request from the node in the hour it was received (NodeHourlyPresence:
 * what voting uptime reads); call it inside the request's transaction so a refused request counts nothing.
 */
export async function addNodePresence(
  tx: DbTransaction,
  { nodeId, receivedAt }: { nodeId: string; receivedAt: Date },
): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "NodeHourlyPresence" ("nodeId", "hourStart", "requests")
    VALUES (${nodeId}, ${presenceHourStart(receivedAt)}, 1)
    ON CONFLICT ("nodeId", "hourStart")
    DO UPDATE SET "requests" = "NodeHourlyPresence"."requests" + 1`);
}

/** How NodeHourlyPresence rows are written in bulk (the demo history, benchmarks). */
export const PRESENCE_COLUMNS = {
  nodeId: "text",
  hourStart: "timestamp",
  requests: "integer",
} as const satisfies Record<string, BulkColumnType>;
