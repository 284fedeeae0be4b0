import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { validateParameterChanges } from "@/lib/domain/parameters/validate";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getExploreRunView } from "./explore-run-queries";
import {
  claimExploreRun,
  EXPLORE_KEEP_FINISHED_MS,
  EXPLORE_LEASE_MS,
  EXPLORE_MAX_ACTIVE_RUNS,
  EXPLORE_QUEUE_TIMEOUT_MS,
  EXPLORE_RETRY_WITHIN_MS,
  failExploreRun,
  recordExploreProgress,
  requestExploreRun,
} from "./explore-runs";
import { runExploreSearch } from "./run-explore-search";
import {
  consecutiveDays,
  insertHistoryDays,
  insertHistoryNetwork,
  type ModelHistory,
} from "./testing/model-history";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-11-25T12:00:00.000Z");
const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const at = (ms: number) => new Date(NOW.getTime() + ms);

let database: TestDatabase;
let history: ModelHistory;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Explore test",
    now: new Date(NOW.getTime() - 60 * DAY_MS),
  });
  history = await insertHistoryNetwork(database.db, { firstReportedAt: day("2026-10-20") });
});
afterAll(() => database.drop());

const request = (
  goal: Parameters<typeof requestExploreRun>[1]["goal"],
  now = NOW,
  clientIp: string | null = null,
) => requestExploreRun(database.db, { goal, requestedById: null, clientIp, now });

async function clearRuns() {
  await database.db.exploreRun.deleteMany({});
}

describe("requesting a search", () => {
  it("is refused with the days still needed before the model has history", async () => {
    await expect(request("less-concentration")).rejects.toMatchObject({
      code: "NOT_READY",
      message: expect.stringContaining("at least 7 days"),
    });
    expect(await database.db.exploreRun.count()).toBe(0);
  });

  it("queues one search per goal, reuses it, and caps the searches waiting or running", async () => {
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(day("2026-11-10"), 10),
      configVersion: 1,
    });
    const first = await request("less-concentration");
    expect(first.reused).toBe(false);
    expect(await request("less-concentration", at(1_000))).toEqual({ id: first.id, reused: true });
    const second = await request("fewer-free-riders", at(2_000));
    const third = await request("more-guard-nodes", at(3_000));
    expect(new Set([first.id, second.id, third.id]).size).toBe(EXPLORE_MAX_ACTIVE_RUNS);
    await expect(request("home-nodes-earn-more", at(4_000))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("already searching for 3 goals"),
      details: { retryAfterSeconds: 30 },
    });
    const view = await getExploreRunView(database.db, { id: third.id });
    expect(view).toMatchObject({
      status: "Queued",
      goal: "more-guard-nodes",
      queuedAhead: 2,
      baseVersion: 1,
    });
    expect(view.planned).toBeGreaterThan(0);
  });

  it("limits how many searches one address starts in an hour", async () => {
    const { limit } = RATE_LIMITS.exploreStartPerAddress;
    for (let i = 0; i < limit; i += 1) await request("less-concentration", at(5_000), "198.51.100.7");
    await expect(request("less-concentration", at(5_000), "198.51.100.7")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining(`You started ${limit} searches in the last hour`),
    });
    await expect(request("less-concentration", at(5_000), "198.51.100.8")).resolves.toMatchObject({
      reused: true,
    });
  });

  it("fails searches no worker picked up in time, which frees the queue", async () => {
    const later = at(EXPLORE_QUEUE_TIMEOUT_MS + 60_000);
    const fresh = await request("home-nodes-earn-more", later);
    expect(fresh.reused).toBe(false);
    const expired = await database.db.exploreRun.findMany({ where: { status: "Failed" } });
    expect(expired).toHaveLength(3);
    expect(expired[0]!.error).toContain("No worker started this search within 30 minutes");
    await clearRuns();
  });

  it("deletes finished searches once they are older than a month, and keeps younger and unfinished ones", async () => {
    const finished = (finishedAt: Date, status = "Done") => ({
      goal: "fewer-free-riders",
      status,
      baseVersion: 1,
      planned: 1,
      createdAt: finishedAt,
      finishedAt,
    });
    const old = at(-EXPLORE_KEEP_FINISHED_MS - 60_000);
    await database.db.exploreRun.createMany({
      data: [finished(old), finished(old, "Failed"), finished(at(-EXPLORE_KEEP_FINISHED_MS + 60_000))],
    });
    await request("more-guard-nodes");
    const left = await database.db.exploreRun.findMany({ select: { status: true, finishedAt: true } });
    expect(left).toHaveLength(2);
    expect(
      left.filter((run) => run.finishedAt !== null && run.finishedAt < at(-EXPLORE_KEEP_FINISHED_MS)),
    ).toEqual([]);
    expect(left.map((run) => run.status).sort()).toEqual(["Done", "Queued"]);
    await clearRuns();
  });
});

describe("claiming and leases", () => {
  it("gives each run to one worker, renews its lease with progress, and lets another take over once it runs out", async () => {
    const { id } = await request("less-concentration");
    const claimed = await claimExploreRun(database.db, { workerId: "w1", now: NOW });
    expect(claimed).toMatchObject({ id, goal: "less-concentration" });
    expect(await claimExploreRun(database.db, { workerId: "w2", now: at(1_000) })).toBeNull();
    expect(
      await recordExploreProgress(database.db, { id, workerId: "w2", evaluated: 3, planned: 9, now: NOW }),
    ).toBe(false);
    expect(
      await recordExploreProgress(database.db, {
        id,
        workerId: "w1",
        evaluated: 3,
        planned: 9,
        now: at(60_000),
      }),
    ).toBe(true);
    expect(await getExploreRunView(database.db, { id })).toMatchObject({
      status: "Running",
      evaluated: 3,
      planned: 9,
    });
    expect(
      await claimExploreRun(database.db, { workerId: "w2", now: at(60_000 + EXPLORE_LEASE_MS - 1) }),
    ).toBeNull();
    const taken = await claimExploreRun(database.db, {
      workerId: "w2",
      now: at(60_000 + EXPLORE_LEASE_MS + 1),
    });
    expect(taken).toMatchObject({ id });
    expect(await failExploreRun(database.db, { id, workerId: "w1", error: "x", now: NOW })).toBe(false);
    await clearRuns();
  });

  it("fails a run whose worker stopped long ago instead of starting it again", async () => {
    const { id } = await request("less-concentration");
    await claimExploreRun(database.db, { workerId: "w1", now: NOW });
    expect(
      await claimExploreRun(database.db, { workerId: "w2", now: at(EXPLORE_RETRY_WITHIN_MS + 1) }),
    ).toBeNull();
    expect(await getExploreRunView(database.db, { id })).toMatchObject({
      status: "Failed",
      error: expect.stringContaining("stopped before it finished"),
    });
    await clearRuns();
  });

  it("answers not found for an unknown run", async () => {
    await expect(getExploreRunView(database.db, { id: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("running a search", () => {
  const runToEnd = async (id: string) => {
    const run = (await claimExploreRun(database.db, { workerId: "w1", now: NOW }))!;
    expect(run.id).toBe(id);
    const started = performance.now();
    return runExploreSearch(database.db, {
      run,
      workerId: "w1",
      now: () => NOW,
      timeBudgetMs: 120_000,
      elapsedMs: () => performance.now() - started,
      signal: new AbortController().signal,
    });
  };

  it("runs to the end, storing up to 5 valid candidates, and the same request then reuses it", async () => {
    // On this small network home nodes can earn more for the same total: a goal with room to improve.
    const { id } = await request("home-nodes-earn-more");
    const result = await runToEnd(id);
    expect(result).toMatchObject({ status: "done", stoppedEarly: false });
    const view = await getExploreRunView(database.db, { id });
    expect(view.status).toBe("Done");
    expect(view.outcome).not.toBeNull();
    const outcome = view.outcome!;
    expect(outcome.newestEpochDay).toEqual(day("2026-11-19"));
    expect(outcome.result).toMatchObject({ goal: "home-nodes-earn-more", isFinal: true });
    expect(view.evaluated).toBe(outcome.result.evaluated);
    expect(outcome.result.candidates.length).toBeGreaterThan(0);
    expect(outcome.result.candidates.length).toBeLessThanOrEqual(5);
    const current = defaultParameterValues();
    for (const candidate of outcome.result.candidates) {
      const changes = Object.fromEntries(candidate.changes.map((change) => [change.key, change.to]));
      expect(validateParameterChanges(current, changes).ok).toBe(true);
      expect(candidate.proposed.runs).toBe(50);
      const { current: before, proposed: after } = candidate;
      expect(after.metrics.homeNodeEarnings.median).toBeGreaterThan(before.metrics.homeNodeEarnings.median);
      expect(after.metrics.emissionCredits.median).toBeLessThanOrEqual(
        before.metrics.emissionCredits.median * 1.01,
      );
    }
    expect(await request("home-nodes-earn-more", at(1_000))).toEqual({ id, reused: true });

    // A newer computed day makes the old result stale: the next request searches again.
    await insertHistoryDays(database.db, history, { days: [day("2026-11-20")], configVersion: 1 });
    const again = await request("home-nodes-earn-more", at(2_000));
    expect(again.reused).toBe(false);
    await clearRuns();
  }, 180_000);

  it("stops at its time bound and still stores what it found", async () => {
    const { id } = await request("fewer-free-riders");
    const run = (await claimExploreRun(database.db, { workerId: "w1", now: NOW }))!;
    let clock = 0;
    const result = await runExploreSearch(database.db, {
      run,
      workerId: "w1",
      now: () => NOW,
      timeBudgetMs: 1_000,
      // Every look at the clock moves it 20 ms on: the bound is reached after a few dozen steps.
      elapsedMs: () => (clock += 20),
      signal: new AbortController().signal,
    });
    expect(result).toMatchObject({ status: "done", stoppedEarly: true });
    const view = await getExploreRunView(database.db, { id });
    expect(view.status).toBe("Done");
    expect(view.outcome!.stoppedEarly).toBe(true);
    expect(view.outcome!.result.evaluated).toBeLessThan(view.outcome!.result.planned);
    await clearRuns();
  });
});
