/** `npm run admin -- rerun-epoch <day>` (and the blocked days of `epochs run`) as a real process against a test database. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
/** UTC midnight `n` days from today's (the command computes epochs up to now). */
const day = (n: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + n * DAY_MS);
const dayText = (n: number) => day(n).toISOString().slice(0, 10);

let database: TestDatabase;
const nodeIds: string[] = [];

function admin(...args: string[]) {
  const result = spawnSync(TSX, ["scripts/admin.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.target.url, PLENUM_AUTH_SECRET: "x".repeat(32) },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each node's rollup of day `n` with `bytesUp` served, up all day. */
async function insertDay(n: number, bytesUp: bigint) {
  await database.db.nodeDailyRollup.createMany({
    data: nodeIds.map((nodeId) => ({
      nodeId,
      day: day(n),
      samples: 24,
      windowSeconds: 86_400,
      uptimeSeconds: 86_400,
      bytesUp,
      bytesDown: 0n,
      latencyMsSeconds: 50n * 86_400n,
      peerSeconds: 0n,
    })),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Rerun test", now: day(-60) });
  const operator = await database.db.operator.create({
    data: { displayName: "Rerun operator", email: "rerun@example.test" },
    select: { id: true },
  });
  for (const name of ["relay-1", "relay-2"]) {
    const node = await database.db.node.create({
      data: {
        operatorId: operator.id,
        name,
        nameSearch: name,
        publicKey: `rerun-key-${name}`,
        region: "eu-west",
        firstReportedAt: day(-30),
      },
      select: { id: true },
    });
    nodeIds.push(node.id);
  }
  // Day −5 is ordinary, day −4 holds sums no stored total can hold (a corrupted database), day −3 is
  // ordinary; the days after it are complete too (the nodes silent), whatever the hour the test runs.
  await insertDay(-5, 2n * GB);
  await insertDay(-4, 5_000_000_000_000_000_000n);
  await insertDay(-3, 2n * GB);
});
afterAll(async () => {
  await database.drop();
});

describe("npm run admin -- epochs run", () => {
  it("lists a day it could not compute with its reason, and computes the days around it", async () => {
    const ran = admin("epochs", "run");
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^Computed \d+ epoch\(s\), blocked 1, up to \d{4}-\d{2}-\d{2}\.$/m);
    expect(ran.stdout).toContain(
      `  Blocked ${dayText(-4)}: The epoch of ${dayText(-4)} cannot be computed: the day's total of claimed bytes served (Epoch.bytesUp) comes to 10,000,000,000,000,000,000`,
    );
    expect(ran.stdout).toContain("A blocked day pays nothing until its cause is repaired");
    const epochs = await database.db.epoch.findMany({
      where: { day: { lte: day(-3) } },
      orderBy: { day: "asc" },
      select: { status: true },
    });
    expect(epochs.map((epoch) => epoch.status)).toEqual(["Computed", "Blocked", "Computed"]);
  }, 60_000);
});

describe("npm run admin -- rerun-epoch", () => {
  it("refuses a computed epoch, saying payouts never change, and leaves it as it was", async () => {
    const before = await database.db.rewardLedgerEntry.findMany({ where: { day: day(-5) } });
    const refused = admin("rerun-epoch", dayText(-5));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`rerun-epoch failed: The epoch of ${dayText(-5)} was computed at`);
    expect(refused.stderr).toContain(
      "a computed epoch is never re-run, because payouts never change once made",
    );
    expect(await database.db.rewardLedgerEntry.findMany({ where: { day: day(-5) } })).toEqual(before);
  }, 60_000);

  it("says a day without an epoch cannot be re-run, and names a malformed day", () => {
    const missing = admin("rerun-epoch", dayText(5));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No epoch is stored for ${dayText(5)}`);
    const malformed = admin("rerun-epoch", "2026-02-30");
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain(
      '<day> must be a UTC day written YYYY-MM-DD, such as 2026-02-03; got "2026-02-30".',
    );
    const absent = admin("rerun-epoch");
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain("Missing <day>.");
  }, 60_000);

  it("keeps a blocked epoch blocked while its cause stands, storing the new reason", async () => {
    await database.db.nodeDailyRollup.updateMany({
      where: { day: day(-4) },
      data: { bytesUp: 6_000_000_000_000_000_000n },
    });
    const still = admin("rerun-epoch", dayText(-4));
    expect(still.code).toBe(1);
    expect(still.stderr).toContain(`The epoch of ${dayText(-4)} is still blocked; its new reason is stored:`);
    expect(still.stderr).toContain("comes to 12,000,000,000,000,000,000");
    expect(await database.db.epoch.findUniqueOrThrow({ where: { day: day(-4) } })).toMatchObject({
      status: "Blocked",
      blockedReason: expect.stringContaining("comes to 12,000,000,000,000,000,000"),
    });
  }, 60_000);

  it("computes a blocked epoch after the repair and prints what it paid", async () => {
    await database.db.nodeDailyRollup.updateMany({ where: { day: day(-4) }, data: { bytesUp: 2n * GB } });
    const rerun = admin("rerun-epoch", dayText(-4));
    expect(rerun.code, rerun.stderr).toBe(0);
    // Each node: half of 2 GB nobody confirmed + the 2-credit uptime bonus.
    expect(rerun.stdout).toContain(
      `Computed the epoch of ${dayText(-4)}: 2 node(s), 2 paid, 6 credits in all.`,
    );
    expect(await database.db.epoch.findUniqueOrThrow({ where: { day: day(-4) } })).toMatchObject({
      status: "Computed",
      blockedReason: null,
      paidMicro: 6_000_000n,
    });
    expect(await database.db.rewardLedgerEntry.count({ where: { day: day(-4) } })).toBe(2);
    const again = admin("rerun-epoch", dayText(-4));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("payouts never change once made");
  }, 60_000);

  it("is listed in the commands", () => {
    const help = admin("--help");
    expect(help.stdout).toMatch(/rerun-epoch +Compute a blocked epoch again after repairing its cause/);
  }, 60_000);
});
