/** `npm run admin -- recompute-ratings [--dry-run]` as a real process against a test database. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
/** UTC midnight `n` days from today's. */
const day = (n: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + n * DAY_MS);

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

const ledger = () => database.db.rewardLedgerEntry.findMany({ orderBy: [{ day: "asc" }, { nodeId: "asc" }] });

/** The ledger as the epoch job wrote it under the rule. */
let underRule: Awaited<ReturnType<typeof ledger>>;
let newestDay: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Recompute ratings test", now: day(-60) });
  const operator = await database.db.operator.create({
    data: { displayName: "Ratings operator", email: "ratings@example.test" },
    select: { id: true },
  });
  for (const name of ["server", "idler"]) {
    const node = await database.db.node.create({
      data: {
        operatorId: operator.id,
        name,
        nameSearch: name,
        publicKey: `ratings-key-${name}`,
        region: "eu-west",
        firstReportedAt: day(-30),
      },
      select: { id: true },
    });
    nodeIds.push(node.id);
  }
  // Days −5 to −3: the server serves 2 GB, the idler is up and serves nothing; after that both are silent.
  await database.db.nodeDailyRollup.createMany({
    data: [-5, -4, -3].flatMap((n) =>
      nodeIds.map((nodeId, index) => ({
        nodeId,
        day: day(n),
        samples: 24,
        windowSeconds: 86_400,
        uptimeSeconds: 86_400,
        bytesUp: index === 0 ? 2n * GB : 0n,
        bytesDown: 0n,
        latencyMsSeconds: 50n * 86_400n,
        peerSeconds: 0n,
      })),
    ),
  });
});
afterAll(async () => {
  await database.drop();
});

describe("npm run admin -- recompute-ratings", () => {
  it("says there is nothing to recompute before any day is computed", () => {
    const empty = admin("recompute-ratings");
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain(
      "No computed day is in the reward ledger yet: there are no ratings to recompute.",
    );
  }, 60_000);

  it("reports per day and in all what a dry run would change, and writes nothing", async () => {
    await runDueEpochs(database.db, { now: new Date() });
    underRule = await ledger();
    const days = [...new Set(underRule.map((entry) => entry.day.toISOString().slice(0, 10)))];
    newestDay = days.at(-1)!;
    expect(days.length).toBeGreaterThanOrEqual(4);
    // Ratings as a broken rule left them: everyone at 0.9, above the guard rating of 0.80.
    await database.db.rewardLedgerEntry.updateMany({ data: { ratingBefore: 0.9, rating: 0.9 } });
    const broken = await ledger();

    const dry = admin("recompute-ratings", "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    for (const [index, text] of days.entries()) {
      expect(dry.stdout).toContain(`  ${text} (${index + 1}/${days.length}): 2 rating(s), 2 would change`);
    }
    expect(dry.stdout).toContain(
      `Dry run: replayed ${days.length} day(s), oldest first (blocked days skipped): ${days.length * 2} of ${days.length * 2} rating(s) would change.`,
    );
    expect(dry.stdout).toContain(
      `On ${newestDay}, the newest day, 2 node(s) had a rating of at least 0.80 (the guard rating) before, 0 after a real run.`,
    );
    expect(dry.stdout).toContain("Nothing was written. Run without --dry-run to rewrite the ratings");
    expect(await ledger()).toEqual(broken);
  }, 60_000);

  it("rewrites the ratings as the epoch job writes them, then finds nothing to change", async () => {
    const run = admin("recompute-ratings");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}\d{4}-\d{2}-\d{2} \(1\/\d+\): 2 rating\(s\), 2 changed$/m);
    expect(run.stdout).toMatch(
      /^Replayed \d+ day\(s\), oldest first \(blocked days skipped\): (\d+) of \1 rating\(s\) changed\.$/m,
    );
    expect(run.stdout).toContain(
      `${newestDay}, the newest day, 2 node(s) had a rating of at least 0.80 (the guard rating) before, 0 now.`,
    );
    expect(run.stdout).toContain("Payouts, bytes served and scores are as they were");
    expect(await ledger()).toEqual(underRule);
    // The server learned toward its score on days −5 to −3, then faded; the idler never served, so stays 0.
    const idler = underRule.filter((entry) => entry.nodeId === nodeIds[1]);
    expect(idler.map((entry) => entry.rating)).toEqual(idler.map(() => 0));
    expect(idler[0]!.score).toBeCloseTo(0.4 * (2 / 3) + 0.3, 12);

    const again = admin("recompute-ratings");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/: 0 of \d+ rating\(s\) changed\.$/m);
    expect(again.stdout).toContain("Every stored rating already follows the rule; nothing was written.");
    expect(await ledger()).toEqual(underRule);
  }, 60_000);

  it("is listed in the commands, with its option, and refuses an unknown one", () => {
    expect(admin("--help").stdout).toMatch(
      /recompute-ratings +Rewrite every stored rating under the rating rule/,
    );
    const help = admin("recompute-ratings", "--help");
    expect(help.stdout).toContain("npm run admin -- recompute-ratings [--dry-run]");
    expect(help.stdout).toMatch(/--dry-run +report what would change and write nothing/);
    const wrong = admin("recompute-ratings", "--dry");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--dry'");
  }, 60_000);
});
