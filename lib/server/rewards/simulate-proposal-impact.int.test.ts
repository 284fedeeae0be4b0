import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditsFromMicro } from "@/lib/domain/rewards/compute-epoch";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { simulateProposalImpact } from "@/lib/server/rewards/simulate-proposal-impact";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertVotingOperator } from "@/lib/server/testing/voting-fixtures";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY = new Date("2026-11-24T00:00:00.000Z");
const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
const PAY_MORE = [{ key: "reward.perGbUploaded", toValue: 2 }];

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Test swarm",
    now: new Date(NOW.getTime() - 60 * DAY_MS),
  });
});
afterAll(() => database.drop());

function dayRollup(
  nodeId: string,
  { uptimeSeconds, bytesUp, bytesDown }: { uptimeSeconds: number; bytesUp: bigint; bytesDown: bigint },
) {
  return {
    nodeId,
    day: DAY,
    samples: 24,
    windowSeconds: 86_400,
    uptimeSeconds,
    bytesUp,
    bytesDown,
    latencyMsSeconds: 50n * 86_400n,
    peerSeconds: 8n * 86_400n,
  };
}

describe("simulateProposalImpact before any epoch", () => {
  it("says no epoch exists yet", async () => {
    expect(await simulateProposalImpact(database.db, { changes: PAY_MORE })).toEqual({ status: "no-epoch" });
  });

  it("says governance-only changes have no reward impact", async () => {
    const changes = [{ key: "gov.quorum", toValue: 0.4 }];
    expect(await simulateProposalImpact(database.db, { changes })).toEqual({ status: "no-reward-change" });
  });

  it("names an unknown parameter", async () => {
    await expect(
      simulateProposalImpact(database.db, { changes: [{ key: "reward.tips", toValue: 1 }] }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringContaining('"reward.tips"') });
  });
});

describe("simulateProposalImpact after an epoch", () => {
  beforeAll(async () => {
    // a: serves 10 GB, 6 GB of it to b in another network, who confirms it: paid 6 + half of 4 GB, earns
    // 8 + 2 bonus; b: 1 GB nobody confirms, paid half, share ratio 0.05, a free-rider paid (0.5 + 2) × 0.5;
    // c: two days old, below the ratio but in grace, earns nothing; d: silent.
    const { nodes } = await insertVotingOperator(database.db, {
      now: NOW,
      name: "Impact",
      nodes: [{}, { clusterPrefix: "198.51.100.0/24" }, { reportedForDays: 2 }, {}],
    });
    const [a, b, c] = nodes.map((node) => node.nodeId);
    // The fixture's own reports already rolled up c's last two days; this day's usage replaces them.
    await database.db.nodeDailyRollup.deleteMany({ where: { day: DAY } });
    await database.db.nodeDailyRollup.createMany({
      data: [
        dayRollup(a!, { uptimeSeconds: 86_400, bytesUp: 10n * GB, bytesDown: 5n * GB }),
        dayRollup(b!, { uptimeSeconds: 86_400, bytesUp: GB, bytesDown: 10n * GB }),
        dayRollup(c!, { uptimeSeconds: 43_200, bytesUp: 0n, bytesDown: 4n * GB }),
      ],
    });
    await database.db.nodePeerDayTraffic.createMany({
      data: [
        { nodeId: a!, day: DAY, peerNodeId: b!, bytesUp: 6n * GB, bytesDown: 0n },
        { nodeId: b!, day: DAY, peerNodeId: a!, bytesUp: 0n, bytesDown: 6n * GB },
      ],
    });
    // The fixture's week of reports makes earlier epochs too; the newest is DAY.
    expect(await runDueEpochs(database.db, { now: NOW })).toMatchObject({
      lastDay: "2026-11-24",
      isBusy: false,
    });
  });

  it("replays the stored epoch under the current values and under the changes", async () => {
    const stored = await database.db.epoch.findUniqueOrThrow({
      where: { day: DAY },
      select: { paidMicro: true, freeRiders: true, freeRidersInGrace: true, paidNodes: true },
    });
    const result = await simulateProposalImpact(database.db, { changes: PAY_MORE });
    expect(result.status).toBe("simulated");
    if (result.status !== "simulated") return;
    expect(result.impact).toMatchObject({
      day: DAY,
      activeNodes: 3,
      current: {
        paidCredits: creditsFromMicro(stored.paidMicro),
        freeRiders: stored.freeRiders,
        freeRidersInGrace: stored.freeRidersInGrace,
        paidNodes: stored.paidNodes,
      },
      proposed: { paidCredits: 19.5, unscaledCredits: 19.5, scale: 1, freeRiders: 1, freeRidersInGrace: 1 },
    });
    expect(result.impact).toMatchObject({ claimedGb: 11, corroboratedGb: 6 });
    expect(result.impact.current).toMatchObject({ paidCredits: 11.25, paidGb: 8.5 });
  });

  it("replays paid traffic: trusting unconfirmed traffic more or less moves what is paid", async () => {
    const trusting = await simulateProposalImpact(database.db, {
      changes: [{ key: "reward.uncorroboratedWeight", toValue: 1 }],
    });
    // Every claim paid: a 10 + 2, b (1 + 2) × 0.5.
    expect(trusting).toMatchObject({
      status: "simulated",
      impact: { current: { paidGb: 8.5, paidCredits: 11.25 }, proposed: { paidGb: 11, paidCredits: 13.5 } },
    });
    // Only confirmed traffic paid: a 6 + 2, b (0 + 2) × 0.5.
    expect(
      await simulateProposalImpact(database.db, {
        changes: [{ key: "reward.uncorroboratedWeight", toValue: 0 }],
      }),
    ).toMatchObject({ status: "simulated", impact: { proposed: { paidGb: 6, paidCredits: 9 } } });
  });

  it("warns when the proposed values would pay more than the proposed cap", async () => {
    const result = await simulateProposalImpact(database.db, {
      changes: [{ key: "reward.epochEmissionCap", toValue: 10 }],
    });
    expect(result).toMatchObject({
      status: "simulated",
      impact: {
        proposed: {
          scale: expect.closeTo(10 / 11.25, 6),
          unscaledCredits: 11.25,
          paidCredits: expect.closeTo(10, 5),
        },
      },
    });
  });

  it("says when the reward values in the changes are those of the newest version", async () => {
    const { version, params } = await newestConfigVersion(database.db);
    const changes = [
      { key: "reward.perGbUploaded", toValue: params["reward.perGbUploaded"] },
      { key: "gov.quorum", toValue: 0.4 },
    ];
    expect(await simulateProposalImpact(database.db, { changes })).toEqual({
      status: "same-as-current",
      configVersion: version,
    });
  });

  it("answers a repeated simulation of the same epoch and version from its cache", async () => {
    const first = await simulateProposalImpact(database.db, { changes: PAY_MORE });
    const stored = await database.db.rewardLedgerEntry.findMany({
      where: { day: DAY },
      select: { nodeId: true, bytesUp: true },
    });
    // Stored ledgers never change; changing one here shows the second answer did not read it again.
    await database.db.rewardLedgerEntry.updateMany({ where: { day: DAY }, data: { bytesUp: 0n } });
    try {
      expect(await simulateProposalImpact(database.db, { changes: PAY_MORE })).toEqual(first);
    } finally {
      for (const { nodeId, bytesUp } of stored) {
        await database.db.rewardLedgerEntry.update({
          where: { day_nodeId: { day: DAY, nodeId } },
          data: { bytesUp },
        });
      }
    }
  });

  it("compares against the newest issued config version, even before it is active", async () => {
    const newest = await newestConfigVersion(database.db);
    await issueConfigVersion(database.db, {
      params: { ...newest.params, "reward.perGbUploaded": 2 },
      activateAt: new Date(NOW.getTime() + 10 * DAY_MS),
      proposals: [],
      now: NOW,
    });
    const result = await simulateProposalImpact(database.db, {
      changes: [{ key: "reward.perGbUploaded", toValue: 3 }],
    });
    expect(result).toMatchObject({
      status: "simulated",
      impact: { current: { paidCredits: 19.5 }, proposed: { paidCredits: 27.75 } },
    });
  });
});
