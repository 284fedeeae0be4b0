import type { OpenedRound } from "../../lib/server/voting/open-round";
import { openRound } from "../../lib/server/voting/open-round";
import { ensurePlatform } from "../../lib/server/platform/ensure-platform";
import { insertQueuedProposal } from "../../lib/server/testing/voting-fixtures";
import type { Db } from "../../lib/server/platform/db";

const DAY_MS = 86_400_000;

/**
 * Opens round 1 on a fresh bench database with `proposals` queued proposals (each a different
 * reward.perGbUploaded), snapshotting whatever eligible nodes are already in the database.
 */
export async function openBenchRound(
  db: Db,
  { now, proposals }: { now: Date; proposals: number },
): Promise<OpenedRound> {
  await ensurePlatform(db, { networkName: "Bench swarm", now: new Date(now.getTime() - 60 * DAY_MS) });
  const { id: authorId } = await db.operator.create({
    data: { displayName: "Bench author", email: "author@bench.example" },
    select: { id: true },
  });
  for (let index = 0; index < proposals; index += 1) {
    await insertQueuedProposal(db, {
      authorId,
      now,
      title: `Bench proposal ${index + 1}`,
      changes: [{ key: "reward.perGbUploaded", toValue: 1 + (index + 1) / 10 }],
    });
  }
  return openRound(db, { now });
}
