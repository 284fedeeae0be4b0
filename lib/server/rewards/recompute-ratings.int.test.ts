import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { recomputeRatings, type RatingRecomputeProgress } from "@/lib/server/rewards/recompute-ratings";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
const T0 = new Date("2026-03-02T00:00:00.000Z");
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);
const dayText = (n: number) => day(n).toISOString().slice(0, 10);
/** Days 0–5 are complete. */
const NOW = new Date(day(6).getTime() + 3_600_000);

/** Version 1 (the defaults) until day 3; version 2 from day 3 on. */
const V1 = { learningRate: 0.05, decay: 0.02 };
const V2 = { learningRate: 0.5, decay: 0.1, guardMinRating: 0.65 };
/**
 * Every node that served did so alike (10 GB claimed, none confirmed, so 5 GB paid — the p90 — at 50 ms, up
 * all day): speed 100 / 150, reliability 1, contribution 1. The idle node is up all day and serves nothing.
 */
const SERVED_SCORE = 0.4 * (2 / 3) + 0.3 + 0.3;
const IDLE_SCORE = 0.4 * (2 / 3) + 0.3;

const learn = (rating: number, { learningRate }: { learningRate: number }) =>
  rating + learningRate * (SERVED_SCORE - rating);
const fade = (rating: number, { decay }: { decay: number }) => (1 - decay) * rating;

let database: TestDatabase;
const ids = { steady: "", fading: "", idle: "", gone: "" };

type Ledger = Awaited<ReturnType<typeof ledger>>;
const ledger = () => database.db.rewardLedgerEntry.findMany({ orderBy: [{ day: "asc" }, { nodeId: "asc" }] });
const epochRows = () => database.db.epoch.findMany({ orderBy: { day: "asc" } });
const withoutRatings = (entries: Ledger) =>
  entries.map(({ ratingBefore: _before, rating: _after, ...rest }) => rest);
const ratingsOf = async (name: keyof typeof ids) =>
  (
    await database.db.rewardLedgerEntry.findMany({ where: { nodeId: ids[name] }, orderBy: { day: "asc" } })
  ).map((entry) => [entry.day.toISOString().slice(0, 10), entry.ratingBefore, entry.rating] as const);

/** The ledger as the earlier rule wrote it: clamp((1 − decay) × rating + learningRate × (score − rating)) every epoch. */
async function writeEarlierRule(entries: Ledger): Promise<void> {
  const latest = new Map<string, number>();
  const days = new Map<number, Ledger>();
  for (const entry of entries)
    days.set(entry.day.getTime(), [...(days.get(entry.day.getTime()) ?? []), entry]);
  for (const dayEntries of days.values()) {
    const params = dayEntries[0]!.day < day(3) ? V1 : V2;
    const ratings = new Map<string, number>();
    for (const entry of dayEntries) {
      const ratingBefore = latest.get(entry.nodeId) ?? 0;
      const rating = Math.min(
        1,
        Math.max(0, (1 - params.decay) * ratingBefore + params.learningRate * (entry.score - ratingBefore)),
      );
      ratings.set(entry.nodeId, rating);
      await database.db.rewardLedgerEntry.update({
        where: { day_nodeId: { day: entry.day, nodeId: entry.nodeId } },
        data: { ratingBefore, rating },
      });
    }
    for (const [nodeId, rating] of ratings) latest.set(nodeId, rating);
  }
}

async function insertNode(name: keyof typeof ids, operatorId: string, status = "Active") {
  const node = await database.db.node.create({
    data: {
      operatorId,
      name,
      nameSearch: name,
      publicKey: `recompute-key-${name}`,
      region: "eu-west",
      status,
      firstReportedAt: day(-30),
    },
    select: { id: true },
  });
  ids[name] = node.id;
}

async function insertRollups(name: keyof typeof ids, days: readonly number[], bytesUp: bigint) {
  await database.db.nodeDailyRollup.createMany({
    data: days.map((n) => ({
      nodeId: ids[name],
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

/** The ledger the epoch job wrote under the rule, before it is overwritten with the earlier rule's ratings. */
let underRule: Ledger;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Recompute test", now: day(-40) });
  await issueConfigVersion(database.db, {
    params: {
      ...defaultParameterValues(),
      "selection.ratingLearningRate": V2.learningRate,
      "selection.ratingDecayPerEpoch": V2.decay,
      "roles.guardMinRating": V2.guardMinRating,
    },
    activateAt: day(3),
    proposals: [],
    now: day(2),
  });
  await activateDueConfigVersions(database.db, { now: day(3) });
  const operator = await database.db.operator.create({
    data: { displayName: "Recompute operator", email: "recompute@example.test" },
    select: { id: true },
  });
  await insertNode("steady", operator.id);
  await insertNode("fading", operator.id);
  await insertNode("idle", operator.id);
  await insertNode("gone", operator.id, "Gone");
  await insertRollups("steady", [0, 1, 2, 3, 5], 10n * GB);
  // Serves days 0–2, then is still registered but silent.
  await insertRollups("fading", [0, 1, 2], 10n * GB);
  await insertRollups("idle", [0, 1, 2, 3, 5], 0n);
  // Gone, so listed only on the days it served: 0, 1 and 3.
  await insertRollups("gone", [0, 1, 3], 10n * GB);
  // Day 4's claims add up past what a stored total can hold: the epoch is blocked.
  await insertRollups("steady", [4], 5_000_000_000_000_000_000n);
  await insertRollups("idle", [4], 5_000_000_000_000_000_000n);
  const run = await runDueEpochs(database.db, { now: NOW });
  expect(run).toMatchObject({ computed: 5, blocked: [{ day: dayText(4) }] });
  underRule = await ledger();
  await writeEarlierRule(underRule);
});
afterAll(async () => {
  await database.drop();
});

describe("recomputeRatings", () => {
  it("holds ratings the earlier rule wrote: a node that never served still climbs", async () => {
    const idle = await ratingsOf("idle");
    expect(idle[0]![2]).toBeCloseTo(V1.learningRate * IDLE_SCORE, 12);
    expect(idle.at(-1)![2]).toBeGreaterThan(0.3);
  });

  it("reports what would change without writing in a dry run", async () => {
    const [entriesBefore, epochsBefore] = await Promise.all([ledger(), epochRows()]);
    const progress: RatingRecomputeProgress[] = [];
    const dry = await recomputeRatings(database.db, {
      dryRun: true,
      onProgress: (step) => progress.push(step),
    });
    // 18 lines over 5 computed days; on day 0 the served nodes started at 0, where both rules agree.
    expect(dry).toEqual({
      epochs: 5,
      entries: 18,
      changed: 15,
      newestDay: dayText(5),
      guardMinRating: V2.guardMinRating,
      guardEligibleBefore: 0,
      guardEligibleAfter: 1,
      dryRun: true,
    });
    expect(progress.map((step) => [step.day, step.index, step.epochs, step.entries, step.changed])).toEqual([
      [dayText(0), 1, 5, 4, 1],
      [dayText(1), 2, 5, 4, 4],
      [dayText(2), 3, 5, 3, 3],
      [dayText(3), 4, 5, 4, 4],
      [dayText(5), 5, 5, 3, 3],
    ]);
    expect(await ledger()).toEqual(entriesBefore);
    expect(await epochRows()).toEqual(epochsBefore);
  });

  it("leaves every rating as it was when the replay fails part way", async () => {
    const entriesBefore = await ledger();
    await expect(
      recomputeRatings(database.db, {
        onProgress: (step) => {
          if (step.index === 3) throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    expect(await ledger()).toEqual(entriesBefore);
  });

  it("rewrites the ratings as the epoch job now writes them, and nothing else", async () => {
    const [earlier, epochsBefore] = await Promise.all([ledger(), epochRows()]);
    await database.db.modelResultCache.create({
      data: { key: "stale-forecast", kind: "forecast", payload: "{}" },
    });
    const result = await recomputeRatings(database.db);
    expect(result).toMatchObject({ epochs: 5, entries: 18, changed: 15, dryRun: false });
    const after = await ledger();
    // Exactly the ledger the epoch job computed under the rule, to the last bit of every double.
    expect(after).toEqual(underRule);
    // Payouts, bytes, scores, classifications: as stored.
    expect(withoutRatings(after)).toEqual(withoutRatings(earlier));
    expect(await epochRows()).toEqual(epochsBefore);
    // Forecasts cached from the old ratings are dropped.
    expect(await database.db.modelResultCache.count()).toBe(0);
  });

  it("follows the rule: served nodes learn, silent ones fade, the never-served stay at 0, the blocked day is skipped", async () => {
    const steady = [V1, V1, V1, V2, V2].reduce<number[]>(
      (ratings, params) => [...ratings, learn(ratings.at(-1) ?? 0, params)],
      [],
    );
    const expectChain = (
      actual: readonly (readonly [string, number, number])[],
      expected: number[],
      days: number[],
    ) => {
      expect(actual.map(([text]) => text)).toEqual(days.map(dayText));
      expected.forEach((rating, index) => {
        expect(actual[index]![1]).toBeCloseTo(index === 0 ? 0 : expected[index - 1]!, 12);
        expect(actual[index]![2]).toBeCloseTo(rating, 12);
      });
    };
    // Day 4 was blocked: day 5 carries on from day 3.
    expectChain(await ratingsOf("steady"), steady, [0, 1, 2, 3, 5]);
    expect(steady.at(-1)).toBeCloseTo(0.680902, 6);
    // Silent from day 3: 0.9 × its rating each computed day.
    const fadingAt2 = steady[2]!;
    expectChain(
      await ratingsOf("fading"),
      [...steady.slice(0, 3), fade(fadingAt2, V2), fade(fade(fadingAt2, V2), V2)],
      [0, 1, 2, 3, 5],
    );
    // Up every day, never paid for a byte served: its rating never leaves 0, though its score is not 0.
    const idle = await ratingsOf("idle");
    expect(idle.map(([, before, rating]) => [before, rating])).toEqual(Array(5).fill([0, 0]));
    expect(
      (await database.db.rewardLedgerEntry.findMany({ where: { nodeId: ids.idle } })).every(
        (entry) => Math.abs(entry.score - IDLE_SCORE) < 1e-12,
      ),
    ).toBe(true);
    // Absent from day 2's ledger: on day 3 it starts from its newest rating, day 1's.
    expectChain(await ratingsOf("gone"), [steady[0]!, steady[1]!, learn(steady[1]!, V2)], [0, 1, 3]);
    expect(await database.db.rewardLedgerEntry.count({ where: { day: day(4) } })).toBe(0);
  });

  it("changes nothing when run again", async () => {
    const before = await ledger();
    expect(await recomputeRatings(database.db)).toMatchObject({
      epochs: 5,
      entries: 18,
      changed: 0,
      guardEligibleBefore: 1,
      guardEligibleAfter: 1,
    });
    expect(await ledger()).toEqual(before);
  });

  it("has nothing to do without computed epochs", async () => {
    const empty = await createTestDatabase();
    try {
      expect(await recomputeRatings(empty.db)).toEqual({
        epochs: 0,
        entries: 0,
        changed: 0,
        newestDay: null,
        guardMinRating: null,
        guardEligibleBefore: 0,
        guardEligibleAfter: 0,
        dryRun: false,
      });
    } finally {
      await empty.drop();
    }
  });
});
