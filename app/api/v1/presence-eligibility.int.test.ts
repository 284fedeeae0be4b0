/**
 * Issue #15's third attack over real HTTP (product.md "Proof of service": presence, not claims, for
 * eligibility): a scripted node that sends ONE signed report a day, each claiming a whole day up
 * (windowSeconds = uptimeSeconds = 86,400), for gov.minNodeAgeDays + 1 days. Before, the platform credited
 * each report the day that had passed since the one before (creditedWindow), so three days of claims
 * made it eligible to vote; now voting uptime is the share of the window's hours in which a signed
 * request of the node arrived, and the node is told which hours it was missing. Nodes that report once
 * an hour, or every other hour (exactly the minimum share), are eligible. Default rules: 3 days, 50 %.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal } from "@/lib/server/testing/voting-fixtures";
import { getNodeVotingEligibility } from "@/lib/server/voting/eligibility-queries";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { getBallotForOperator } from "@/lib/server/voting/operator-ballot-queries";
import {
  createProtocolClient,
  createProtocolClock,
  startProtocolServer,
  type ProtocolClient,
  type ProtocolServer,
} from "./testing/protocol-server";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const OPENS = new Date("2026-12-10T00:00:00.000Z");
const WINDOW_FROM = new Date(OPENS.getTime() - 3 * DAY_MS);
/** Half an hour before the window: the first report starts each node's proof of service. */
const START = new Date(WINDOW_FROM.getTime() - HOUR_MS / 2);
const LAST_HOUR = 72;

let database: TestDatabase;
let server: ProtocolServer;
let client: ProtocolClient;
let round: OpenedRound;
const nodes: Record<"daily" | "hourly" | "everyOtherHour", TestNode> = {} as never;

/** Each node's signed telemetry at START + k hours (k = 0 … 72), when it is due, through the real route. */
async function reportHourByHour(
  schedules: { node: TestNode; isDue: (k: number) => boolean; windowSeconds: number }[],
) {
  for (let k = 0; k <= LAST_HOUR; k += 1) {
    server.clock.set(new Date(START.getTime() + k * HOUR_MS));
    for (const { node, isDue, windowSeconds } of schedules) {
      if (!isDue(k)) continue;
      const reply = await client.telemetry(node, { from: "127.0.60.1", windowSeconds });
      if (reply.status !== 202) throw new Error(`report ${k} of ${node.nodeId}: ${JSON.stringify(reply)}`);
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, { networkName: "Presence attack", now: new Date(START.getTime() - 30 * DAY_MS) });
  for (const name of ["daily", "hourly", "everyOtherHour"] as const) {
    nodes[name] = await createTestNode(db, { name: `presence-${name}` });
  }
  await db.node.updateMany({ data: { verifiedAt: new Date(START.getTime() - DAY_MS) } });
  server = await startProtocolServer(db, { clock: createProtocolClock(START) });
  client = createProtocolClient(server);
  await reportHourByHour([
    { node: nodes.daily, isDue: (k) => k % 24 === 0, windowSeconds: 86_400 },
    { node: nodes.hourly, isDue: () => true, windowSeconds: 3_600 },
    { node: nodes.everyOtherHour, isDue: (k) => k % 2 === 0, windowSeconds: 7_200 },
  ]);
  await insertQueuedProposal(db, {
    authorId: nodes.hourly.operatorId,
    now: OPENS,
    title: "Pay a little more per GB",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  });
  server.clock.set(OPENS);
  round = await openRound(db, { now: OPENS });
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.close();
  await database?.drop();
});

const MISSING =
  "It was missing 69 of 72 hours: 7 Dec 00:00–23:00 UTC, 8 Dec 00:00–23:00 UTC and 9 Dec 00:00–23:00 UTC.";

describe('one report a day is not presence (product.md "Proof of service")', () => {
  it("leaves the node that reports once a day out of the round, though its claims cover the whole window", async () => {
    const { db } = database;
    // What the old rule summed: each daily report credited the day before it, 3 × 86,400 s in the window.
    const claimed = await db.nodeHourlyRollup.aggregate({
      where: { nodeId: nodes.daily.nodeId, hourStart: { gte: WINDOW_FROM, lt: OPENS } },
      _sum: { uptimeSeconds: true },
    });
    expect(claimed._sum.uptimeSeconds).toBe(3 * 86_400);
    // The hours its requests arrived in: the one before the window, then 23:00 on each of its days.
    const present = await db.nodeHourlyPresence.findMany({
      where: { nodeId: nodes.daily.nodeId },
      orderBy: { hourStart: "asc" },
      select: { hourStart: true, requests: true },
    });
    expect(present).toEqual(
      [0, 1, 2, 3].map((day) => ({
        hourStart: new Date(WINDOW_FROM.getTime() + day * DAY_MS - HOUR_MS),
        requests: 1,
      })),
    );

    const eligible = await db.roundEligibleNode.findMany({
      where: { roundId: round.roundId },
      select: { nodeId: true },
    });
    expect(eligible.map((row) => row.nodeId).sort()).toEqual(
      [nodes.hourly.nodeId, nodes.everyOtherHour.nodeId].sort(),
    );
    expect(round.eligibleNodes).toBe(2);
  });

  it("counts the nodes present once an hour, and every other hour (exactly half the window)", async () => {
    const { db } = database;
    const hours = (node: TestNode) =>
      db.nodeHourlyPresence.count({
        where: { nodeId: node.nodeId, hourStart: { gte: WINDOW_FROM, lt: OPENS } },
      });
    expect([await hours(nodes.hourly), await hours(nodes.everyOtherHour)]).toEqual([72, 36]);
    const voters = await db.roundVoter.findMany({
      where: { roundId: round.roundId },
      select: { operatorId: true, budget: true },
    });
    expect(voters.map((voter) => voter.operatorId).sort()).toEqual(
      [nodes.hourly.operatorId, nodes.everyOtherHour.operatorId].sort(),
    );
  });

  it("tells the daily node's operator on the ballot page which hours were missing", async () => {
    const ballot = await getBallotForOperator(database.db, {
      operatorId: nodes.daily.operatorId,
      now: new Date(OPENS.getTime() + HOUR_MS),
    });
    expect(ballot).toMatchObject({
      isEligible: false,
      uncountedNodes: [
        {
          nodeId: nodes.daily.nodeId,
          name: "presence-daily",
          reason:
            "The node was present in 3 of the 72 hours before the round opened (4.1 %); voting needs 50.0 %. " +
            `An hour counts when the platform accepted at least one signed report or ballot from the node in it. ${MISSING}`,
        },
      ],
      moreUncountedNodes: 0,
    });
  });

  it("tells it on the node's page too: out of the open round, and why", async () => {
    const page = await getNodeVotingEligibility(database.db, {
      operatorId: nodes.daily.operatorId,
      nodeId: nodes.daily.nodeId,
      now: new Date(OPENS.getTime() + HOUR_MS),
    });
    expect(page.openRound).toMatchObject({ number: round.number, counts: false });
    expect(page.openRound?.reason).toContain(MISSING);
    // An hour later its window has moved on by one hour, and it has sent nothing since.
    expect(page.current).toMatchObject({
      isEligible: false,
      presentHours: 3,
      windowHours: 72,
      missingHours:
        "missing 69 of 72 hours: 7 Dec 01:00–23:00 UTC, 8 Dec 00:00–23:00 UTC, 9 Dec 00:00–23:00 UTC and 10 Dec 00:00–01:00 UTC",
    });
  });
});
