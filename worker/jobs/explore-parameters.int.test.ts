import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestExploreRun } from "@/lib/server/network-model/explore-runs";
import { getExploreRunView } from "@/lib/server/network-model/explore-run-queries";
import {
  consecutiveDays,
  insertHistoryDays,
  insertHistoryNetwork,
} from "@/lib/server/network-model/testing/model-history";
import { loadEnv } from "@/lib/server/platform/env";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createLogger } from "@/lib/server/platform/logger";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { exploreParametersJob } from "./explore-parameters";
import { JOBS } from "./registry";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-11-25T12:00:00.000Z");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Explore job test",
    now: new Date(NOW.getTime() - 60 * DAY_MS),
  });
  const history = await insertHistoryNetwork(database.db, {
    firstReportedAt: new Date("2026-10-20T00:00:00.000Z"),
  });
  await insertHistoryDays(database.db, history, {
    days: consecutiveDays(new Date("2026-11-10T00:00:00.000Z"), 10),
    configVersion: 1,
  });
});
afterAll(() => database.drop());

function runJob(seconds: number, signal = new AbortController().signal) {
  const lines: string[] = [];
  const result = exploreParametersJob.run({
    db: database.db,
    now: () => NOW,
    env: loadEnv({ PLENUM_EXPLORE_SECONDS: String(seconds) }),
    logger: createLogger({ write: (_level, line) => void lines.push(line) }),
    signal,
  });
  return { result, lines };
}

const request = (goal: "more-guard-nodes" | "fewer-free-riders") =>
  requestExploreRun(database.db, { goal, requestedById: null, clientIp: null, now: NOW });

describe("explore-parameters job", () => {
  it("is registered, runs every 2 s and does nothing when no search waits", async () => {
    expect(JOBS).toContain(exploreParametersJob);
    expect(exploreParametersJob.intervalMs).toBe(2_000);
    expect(await runJob(30).result).toEqual({ claimed: false });
  });

  it("runs the oldest waiting search within its time bound and stores the candidates", async () => {
    const { id } = await request("more-guard-nodes");
    const { result, lines } = runJob(60);
    expect(await result).toMatchObject({ claimed: true, id, status: "done" });
    expect(lines.join("\n")).toContain("explore search ended");
    const view = await getExploreRunView(database.db, { id });
    expect(view).toMatchObject({ status: "Done", goal: "more-guard-nodes" });
    expect(view.outcome?.result.goal).toBe("more-guard-nodes");
  }, 120_000);

  it("puts its search back in the queue when the worker stops", async () => {
    const { id } = await request("fewer-free-riders");
    const controller = new AbortController();
    controller.abort();
    expect(await runJob(30, controller.signal).result).toMatchObject({
      claimed: true,
      id,
      status: "released",
    });
    expect(await getExploreRunView(database.db, { id })).toMatchObject({ status: "Queued", evaluated: 0 });
  });
});
