import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRound } from "@/lib/server/voting/open-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { insertTelemetry, type TelemetryFixture } from "@/lib/server/testing/telemetry-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";

/** Half past the hour: the eligibility window (3 days under the default rules) starts mid-hour. */
const NOW = new Date("2026-11-25T12:30:00.000Z");
const HOUR_MS = 3_600_000;
const WINDOW_FROM = NOW.getTime() - 72 * HOUR_MS;
/** The default rules ask for half of the 3-day window. */
const REQUIRED_UPTIME_SECONDS = 36 * 3600;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Test swarm",
    now: new Date(NOW.getTime() - 60 * 24 * HOUR_MS),
  });
});
afterAll(() => database.drop());

function uptimeReport(
  nodeId: string,
  { endsAt, seconds }: { endsAt: number; seconds: number },
): TelemetryFixture {
  return {
    nodeId,
    at: new Date(endsAt),
    windowSeconds: seconds,
    uptimeSeconds: seconds,
    bytesUp: 0n,
    bytesDown: 0n,
    peers: 4,
    medianLatencyMs: 20,
  };
}

describe("the eligibility window", () => {
  it("counts the uptime reported in the hour it starts in", async () => {
    const { operatorId, nodes } = await insertVotingOperator(database.db, {
      now: NOW,
      name: "Exact",
      nodes: [{ reportedForDays: null }],
    });
    const nodeId = nodes[0]!.nodeId;
    await database.db.node.update({
      where: { id: nodeId },
      data: { firstReportedAt: new Date(WINDOW_FROM) },
    });
    // 29 minutes inside the window's first (partial) hour, then just enough to reach the required uptime.
    const firstHourSeconds = 29 * 60;
    const afterFirstHour = Array.from({ length: 35 }, (_, hour) =>
      uptimeReport(nodeId, { endsAt: WINDOW_FROM + (hour + 1.5) * HOUR_MS, seconds: 3600 }),
    );
    const rest = REQUIRED_UPTIME_SECONDS - firstHourSeconds - 35 * 3600;
    await insertTelemetry(database.db, [
      uptimeReport(nodeId, { endsAt: WINDOW_FROM + firstHourSeconds * 1000, seconds: firstHourSeconds }),
      ...afterFirstHour,
      uptimeReport(nodeId, { endsAt: WINDOW_FROM + 37 * HOUR_MS, seconds: rest }),
    ]);
    await insertQueuedProposal(database.db, {
      authorId: operatorId,
      now: NOW,
      title: "Pay a little more per GB",
      changes: [{ key: "reward.perGbUploaded", toValue: 2 }],
    });

    const round = await openRound(database.db, { now: NOW });

    expect(round).toMatchObject({ voters: 1, eligibleNodes: 1 });
  });
});
