import type { Db } from "../platform/db";

const HOUR_MS = 3_600_000;

/**
 * Hours of presence written directly, as the platform records them for accepted signed requests (one
 * request each): `hourStarts` of one node, or of each node for the same hours. Hours a node is already
 * present in are left as they are.
 */
export async function insertPresence(
  db: Db,
  { nodeIds, hourStarts }: { nodeIds: readonly string[]; hourStarts: readonly Date[] },
): Promise<void> {
  const hours = hourStarts.map((hourStart) => new Date(Math.floor(hourStart.getTime() / HOUR_MS) * HOUR_MS));
  const existing = await db.nodeHourlyPresence.findMany({
    where: { nodeId: { in: [...nodeIds] }, hourStart: { in: hours } },
    select: { nodeId: true, hourStart: true },
  });
  const present = new Set(existing.map((row) => `${row.nodeId} ${row.hourStart.getTime()}`));
  const data = nodeIds
    .flatMap((nodeId) => hours.map((hourStart) => ({ nodeId, hourStart, requests: 1 })))
    .filter((row) => !present.has(`${row.nodeId} ${row.hourStart.getTime()}`));
  // Chunked: SQLite caps the bound parameters of one statement.
  for (let start = 0; start < data.length; start += 5_000) {
    await db.nodeHourlyPresence.createMany({ data: data.slice(start, start + 5_000) });
  }
}

/**
 * The hours of the `count` whole hours before `end`'s hour in which a node present for `share` of the
 * time shows up, spread evenly: any run of n of these hours holds ⌊n × share⌋ or ⌈n × share⌉ of them.
 */
export function spreadHours({ end, count, share }: { end: Date; count: number; share: number }): Date[] {
  const lastHour = Math.floor(end.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  return Array.from({ length: count }, (_, back) => back)
    .filter((back) => Math.floor((back + 1) * share) > Math.floor(back * share))
    .map((back) => new Date(lastHour - back * HOUR_MS));
}
