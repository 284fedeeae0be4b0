import type { DbOrTransaction } from "@/lib/server/platform/db";

/**
 * Marks every issued version whose `activateAt` has come as activated at `now`, in one statement so
 * two workers never both report the same activation; a second run finds nothing to do.
 */
export async function activateDueConfigVersions(
  db: DbOrTransaction,
  { now }: { now: Date },
): Promise<{ activated: number[] }> {
  const rows = await db.configVersion.updateManyAndReturn({
    where: { activateAt: { lte: now }, activatedAt: null },
    data: { activatedAt: now },
    select: { version: true },
  });
  return { activated: rows.map((row) => row.version).sort((a, b) => a - b) };
}
