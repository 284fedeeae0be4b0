import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "better-auth/crypto";
import {
  DEMO_ADMIN_EMAIL,
  DEMO_OPERATOR_EMAIL,
  DEMO_PASSWORD,
  DEMO_STEWARD_EMAIL,
} from "@/demo/data/demo-accounts";
import { DEMO_LARGE_CLUSTER, DEMO_MID_GROUPS, DEMO_SMALL_GROUPS } from "@/demo/data/demo-names";
import { generateDemoNetwork } from "@/demo/data/demo-network";
import { DEMO_PARAMETER_COMMENTS, DEMO_PROPOSALS } from "@/demo/data/demo-proposals";
import { DEMO_ROUNDS } from "@/demo/data/demo-rounds";
import { generateDemoPeerTraffic } from "@/demo/data/demo-peer-traffic";
import { demoPresence, generateDemoTelemetry } from "@/demo/data/demo-telemetry";
import { recomputeRollups } from "@/lib/domain/metrics/telemetry-rollup";
import { createAuth } from "@/lib/server/platform/auth";
import {
  getActiveConfigVersion,
  getConfigVersion,
  listConfigHistory,
} from "@/lib/server/governance/config-version-queries";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { seedDemoNetwork } from "@/demo/seed/seed-demo-network";
import { readStoredRollups } from "@/lib/server/testing/stored-rollups";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { exportAudit, exportRoundBallots } from "@/lib/server/voting/round-export-queries";
import { getForecastOutcome } from "@/lib/server/network-model/forecast-outcome-queries";
import { exportFrozenForecast } from "@/lib/server/network-model/frozen-forecast-queries";
import type { Db } from "@/lib/server/platform/db";
import { interpretExport } from "@/scripts/verify/load-exports";
import { verifyExports } from "@/scripts/verify/verify-exports";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
const SEED = 20261125;
const HOUR_MS = 3_600_000;
const COMMENTS = [...DEMO_PROPOSALS, ...DEMO_PARAMETER_COMMENTS].reduce(
  (sum, { comments = [] }) =>
    sum + comments.reduce((count, comment) => count + 1 + (comment.replies?.length ?? 0), 0),
  0,
);

async function counts(database: TestDatabase) {
  const { db } = database;
  const [networks, operators, nodes, versions] = await Promise.all([
    db.network.count(),
    db.operator.count(),
    db.node.count(),
    db.configVersion.count(),
  ]);
  return { networks, operators, nodes, versions };
}

/** A closed round's public exports as a client receives them (JSON), read by the independent verifier. */
async function loadRoundExports(db: Db, roundId: string) {
  const counted = await exportRoundBallots(db, { roundId, all: false });
  const version = counted.configVersion!;
  const audit = await exportAudit(db, { after: 0, limit: 100_000 });
  const bundle = {
    audit,
    rounds: [
      {
        counted,
        all: await exportRoundBallots(db, { roundId, all: true }),
        configs: {
          base: await getConfigVersion(db, version - 1),
          created: await getConfigVersion(db, version),
        },
      },
    ],
  };
  const loaded = interpretExport(JSON.parse(JSON.stringify(bundle)) as unknown, "bundle");
  if (!("input" in loaded)) throw new Error(`The export is malformed: ${JSON.stringify(loaded.format)}`);
  return loaded.input;
}

// Seeding and recomputing 30 days of history is CPU-bound: on a busy machine it takes several times longer.
describe("seedDemoNetwork on an empty database", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("creates Demo Swarm with its operators, 300 nodes, their telemetry and four activated config versions", async () => {
    const expected = generateDemoNetwork({ seed: SEED, now: NOW });
    const telemetry = generateDemoTelemetry({ seed: SEED, now: NOW, network: expected });
    expect(await seedDemoNetwork(database.db, { seed: SEED, now: NOW })).toEqual({
      seeded: true,
      summary: {
        operators: expected.operators.length,
        nodes: 300,
        telemetrySamples: telemetry.samples.filter(
          (sample) => sample.at.getTime() >= NOW.getTime() - 7 * DAY_MS,
        ).length,
        hourlyRollups: recomputeRollups(telemetry.samples).nodeHourly.length,
        epochs: 30,
        configVersions: 4,
        proposals: DEMO_PROPOSALS.length,
        comments: COMMENTS,
        rounds: DEMO_ROUNDS.length,
        ballots: DEMO_ROUNDS.reduce((sum, round) => sum + round.voters + round.changedMinds, 0),
      },
    });
    expect(await counts(database)).toEqual({
      networks: 1,
      operators: expected.operators.length,
      nodes: 300,
      versions: 4,
    });

    const network = await database.db.network.findUniqueOrThrow({
      where: { singleton: true },
      select: { name: true, createdAt: true },
    });
    expect(network).toEqual({ name: "Demo Swarm", createdAt: new Date(NOW.getTime() - 30 * DAY_MS) });

    const active = await getActiveConfigVersion(database.db);
    expect(active.version).toBe(4);
    expect(active.params["reward.perGbUploaded"]).toBe(1.2);
    expect(active.params["selection.weightSpeed"]).toBe(0.35);
    expect(active.params["roles.guardMinRating"]).toBe(0.7);

    const { entries } = await listConfigHistory(database.db);
    expect(entries.map((entry) => entry.version)).toEqual([4, 3, 2, 1]);
    for (const entry of entries) {
      expect(entry.activatedAt).toEqual(entry.activateAt);
      expect(entry.activateAt.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(entries[2]?.changes.map((change) => change.key).sort()).toEqual([
      "reward.perGbUploaded",
      "selection.explorationRate",
    ]);
    expect(entries[1]?.changes.length).toBeGreaterThan(0);
    expect(entries[0]?.changes.map((change) => change.key)).toEqual(["roles.guardMinRating"]);
    // In force for more than 7 whole days: "Did it work?" has its first check.
    const activatedDaysAgo = (NOW.getTime() - entries[0]!.activateAt.getTime()) / DAY_MS;
    expect(activatedDaysAgo).toBeGreaterThan(8.5);
    expect(activatedDaysAgo).toBeLessThan(9.5);
  }, 180_000); // 30 days of history for 300 nodes: ~10 s alone, several times that on a busy CI machine

  it("plays the demo proposals through the real services: every state, a valid audit chain in time order", async () => {
    const proposals = await database.db.proposal.findMany({
      select: { title: true, state: true, closeReason: true },
    });
    const stateOf = (title: string) => proposals.find((proposal) => proposal.title === title)?.state;
    expect(proposals).toHaveLength(DEMO_PROPOSALS.length);
    for (const demo of DEMO_PROPOSALS) expect(stateOf(demo.title)).toBe(demo.outcome.state);
    expect(await database.db.comment.count()).toBe(COMMENTS);
    expect(proposals.find((proposal) => proposal.state === "Cancelled")?.closeReason).toMatch(/Advertising/);

    expect(await verifyGovernanceChain(database.db)).toEqual({ head: expect.any(Number), brokenAt: null });
    const events = await database.db.governanceEvent.findMany({
      orderBy: { seq: "asc" },
      select: { at: true, type: true },
    });
    const times = events.map((event) => event.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((time) => time <= NOW.getTime())).toBe(true);
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set([
        "proposal.created",
        "proposal.published",
        "proposal.queued",
        "proposal.withdrawn",
        "proposal.cancelled",
        "proposal.voting",
        "proposal.decided",
        "round.opened",
        "ballot.cast",
        "round.closed",
        "config.version-created",
        "proposal.forecast-frozen",
      ]),
    );
  });

  it("gives every node the telemetry it reported, from its first report to when it was last seen", async () => {
    const expected = generateDemoNetwork({ seed: SEED, now: NOW });
    const telemetry = generateDemoTelemetry({ seed: SEED, now: NOW, network: expected });
    const { firstReportedAt } = telemetry;
    // Raw samples only for the retention period; the 30 days of history live on in the rollups.
    const samples = telemetry.samples.filter((sample) => sample.at.getTime() >= NOW.getTime() - 7 * DAY_MS);
    expect(await readStoredRollups(database.db)).toEqual(recomputeRollups(telemetry.samples));
    const nodes = await database.db.node.findMany({
      select: {
        id: true,
        createdAt: true,
        lastSeenAt: true,
        verifiedAt: true,
        firstReportedAt: true,
        firstReportedPrefix: true,
      },
    });
    for (const node of nodes) {
      expect(node.verifiedAt).toEqual(node.createdAt);
      expect(node.firstReportedAt).toEqual(firstReportedAt.get(node.id) ?? null);
      expect(node.firstReportedPrefix).toEqual(telemetry.firstReportedPrefix.get(node.id) ?? null);
    }
    expect(nodes.every((node) => node.firstReportedPrefix !== null)).toBe(true);
    // Raw samples keep the address they came from, rollups only its prefix.
    expect(await database.db.telemetrySample.count({ where: { sourceAddress: null } })).toBe(0);
    expect(await database.db.nodeHourlyRollup.count({ where: { clusterPrefix: null } })).toBe(0);
    const spans = await database.db.telemetrySample.groupBy({
      by: ["nodeId"],
      _min: { at: true },
      _max: { at: true },
      _count: true,
    });
    expect(spans.reduce((sum, span) => sum + span._count, 0)).toBe(samples.length);
    for (const span of spans) {
      const node = nodes.find((candidate) => candidate.id === span.nodeId)!;
      expect(span._min.at!.getTime()).toBeGreaterThanOrEqual(node.firstReportedAt!.getTime());
      expect(span._max.at!.getTime()).toBeLessThanOrEqual(node.lastSeenAt!.getTime());
    }
    const sample = samples.at(-4321)!;
    expect(
      await database.db.telemetrySample.findUniqueOrThrow({
        where: { id: sample.id },
        select: {
          nodeId: true,
          at: true,
          uptimeSeconds: true,
          bytesUp: true,
          medianLatencyMs: true,
          sourceAddress: true,
          clusterPrefix: true,
        },
      }),
    ).toEqual({
      nodeId: sample.nodeId,
      at: sample.at,
      uptimeSeconds: sample.uptimeSeconds,
      bytesUp: sample.bytesUp,
      medianLatencyMs: sample.medianLatencyMs,
      sourceAddress: sample.sourceAddress,
      clusterPrefix: sample.clusterPrefix,
    });
    const versions = await database.db.configVersion.findMany({
      select: { version: true, activatedAt: true },
    });
    const v4 = versions.find((version) => version.version === 4)!.activatedAt!;
    expect(await database.db.telemetrySample.count({ where: { activeConfigVersion: null } })).toBe(0);
    expect(
      await database.db.telemetrySample.count({
        where: { at: { gte: v4 }, activeConfigVersion: { not: 4 } },
      }),
    ).toBe(0);
    expect(
      await database.db.telemetrySample.count({ where: { at: { lt: v4 }, activeConfigVersion: 4 } }),
    ).toBe(0);
  });

  it("holds a closed round that made version 4 with the cluster outvoted, and an open one the demo accounts can vote in", async () => {
    const rounds = await database.db.round.findMany({
      orderBy: { number: "asc" },
      select: {
        id: true,
        state: true,
        opensAt: true,
        closesAt: true,
        configVersion: true,
        eligibleNodes: true,
        proposals: { select: { proposalId: true, outcome: true, reason: true, net: true } },
        voters: { select: { operatorId: true, countedBallotId: true } },
        _count: { select: { ballots: true } },
      },
    });
    expect(rounds.map((round) => round.state)).toEqual(["Closed", "Open"]);
    const [closed, open] = rounds as [(typeof rounds)[0], (typeof rounds)[0]];
    const hoursAgo = (at: Date) => (NOW.getTime() - at.getTime()) / HOUR_MS;
    expect(hoursAgo(closed.opensAt)).toBeCloseTo(DEMO_ROUNDS[0]!.openedHoursAgo);
    expect(hoursAgo(open.opensAt)).toBeCloseTo(DEMO_ROUNDS[1]!.openedHoursAgo);
    expect(open.closesAt.getTime()).toBeGreaterThan(NOW.getTime() + DAY_MS);
    expect(closed.configVersion).toBe(4);

    const titles = await database.db.proposal.findMany({ select: { id: true, title: true } });
    const titleOf = (id: string) => titles.find((proposal) => proposal.id === id)!.title;
    const demoOf = (id: string) => DEMO_PROPOSALS.find((proposal) => proposal.title === titleOf(id))!;
    expect(closed.proposals.map((proposal) => demoOf(proposal.proposalId).outcome.state).sort()).toEqual([
      "Passed",
      "Rejected",
      "Rejected",
    ]);
    const rejections = closed.proposals.filter((proposal) => proposal.outcome === "rejected");
    expect(rejections.map((proposal) => proposal.reason).sort()).toEqual([
      expect.stringMatching(/^Net votes were -\d+/),
      expect.stringMatching(/^Turnout was .* below the 20 % quorum/),
    ]);
    expect(open.proposals.length).toBeGreaterThanOrEqual(3);
    expect(open.proposals.length).toBeLessThanOrEqual(4);
    expect(open.proposals.every((proposal) => demoOf(proposal.proposalId).outcome.state === "Voting")).toBe(
      true,
    );

    const counted = (round: typeof closed) => round.voters.filter((voter) => voter.countedBallotId).length;
    expect(counted(closed)).toBe(DEMO_ROUNDS[0]!.voters);
    expect(closed._count.ballots).toBe(DEMO_ROUNDS[0]!.voters + DEMO_ROUNDS[0]!.changedMinds);
    expect(counted(open)).toBe(DEMO_ROUNDS[1]!.voters);

    const passed = closed.proposals.find((proposal) => proposal.outcome === "passed")!;
    const largeCorp = generateDemoNetwork({ seed: SEED, now: NOW }).operators.find(
      (operator) => operator.displayName === "LargeCorp Hosting",
    )!;
    const clusterBallot = await database.db.ballot.findFirstOrThrow({
      where: { roundId: closed.id, operatorId: largeCorp.id, replacedAt: null },
      select: { allocations: true },
    });
    expect(JSON.parse(clusterBallot.allocations)).toContainEqual({
      proposalId: passed.proposalId,
      votes: expect.any(Number),
    });
    const clusterVotes = (
      JSON.parse(clusterBallot.allocations) as { proposalId: string; votes: number }[]
    ).find((allocation) => allocation.proposalId === passed.proposalId)!.votes;
    expect(clusterVotes).toBeLessThan(0);
    expect(passed.net).toBeGreaterThan(0);

    const demoAccounts = await database.db.operator.findMany({
      where: { email: { in: [DEMO_OPERATOR_EMAIL, DEMO_STEWARD_EMAIL, DEMO_ADMIN_EMAIL] } },
      select: { id: true, email: true },
    });
    for (const account of demoAccounts) {
      const voter = open.voters.find((candidate) => candidate.operatorId === account.id);
      expect(voter, `${account.email} may vote in the open round`).toBeDefined();
      expect(voter!.countedBallotId, `${account.email} has not voted yet`).toBeNull();
    }

    // Proof of service leaves out young nodes and nodes that were down more than half the time.
    const eligible = new Set(
      (
        await database.db.roundEligibleNode.findMany({
          where: { roundId: closed.id },
          select: { nodeId: true },
        })
      ).map((row) => row.nodeId),
    );
    const windowStart = new Date(closed.opensAt.getTime() - 3 * DAY_MS);
    const nodes = await database.db.node.findMany({
      where: { status: "Active" },
      select: { id: true, firstReportedAt: true, lastSeenAt: true },
    });
    const young = nodes.filter((node) => !node.firstReportedAt || node.firstReportedAt > windowStart);
    const serving = nodes.filter((node) => node.firstReportedAt && node.firstReportedAt <= windowStart);
    expect(young.length).toBeGreaterThan(5);
    expect(young.some((node) => eligible.has(node.id))).toBe(false);
    const flaky = serving.filter((node) => !eligible.has(node.id) && node.lastSeenAt! > closed.opensAt);
    expect(flaky.length).toBeGreaterThan(2);
    expect(flaky.length).toBeLessThan(30);
    expect(open.eligibleNodes).toBeGreaterThan(200);
  });

  it("gives the closed round budgets by network cluster: a shared campus, LargeCorp in one cluster, most people alone; its export verifies", async () => {
    const closed = await database.db.round.findFirstOrThrow({
      where: { state: "Closed" },
      select: { id: true, creditsPerNode: true },
    });
    const operators = await database.db.operator.findMany({ select: { id: true, displayName: true } });
    const nameOf = new Map(operators.map((operator) => [operator.id, operator.displayName]));
    const eligible = await database.db.roundEligibleNode.findMany({
      where: { roundId: closed.id },
      select: { operatorId: true, clusterId: true },
    });
    const operatorsIn = new Map<string, Set<string>>();
    for (const { operatorId, clusterId } of eligible) {
      operatorsIn.set(clusterId, (operatorsIn.get(clusterId) ?? new Set()).add(nameOf.get(operatorId)!));
    }
    const clustersOf = (name: string) =>
      [...operatorsIn].filter(([, names]) => names.has(name)).map(([, names]) => names);

    expect([...operatorsIn.values()].filter((names) => names.size >= 2).length).toBeGreaterThanOrEqual(1);
    expect(clustersOf(DEMO_LARGE_CLUSTER.displayName)).toEqual([new Set([DEMO_LARGE_CLUSTER.displayName])]);
    const groups = new Set([...DEMO_MID_GROUPS, ...DEMO_SMALL_GROUPS].map((group) => group.displayName));
    const people = [...new Set(eligible.map((node) => nameOf.get(node.operatorId)!))].filter(
      (name) => name !== DEMO_LARGE_CLUSTER.displayName && !groups.has(name),
    );
    const alone = people.filter((name) => clustersOf(name).every((names) => names.size === 1));
    expect(alone.length / people.length).toBeGreaterThan(0.8);

    // The cluster rule moved budgets both ways: sharing a campus costs, nodes in several networks add.
    const voters = await database.db.roundVoter.findMany({
      where: { roundId: closed.id },
      select: { eligibleNodes: true, budget: true },
    });
    const perNode = (voter: (typeof voters)[number]) => BigInt(closed.creditsPerNode * voter.eligibleNodes);
    expect(voters.some((voter) => voter.budget < perNode(voter))).toBe(true);
    expect(voters.some((voter) => voter.budget > perNode(voter))).toBe(true);

    const report = verifyExports(await loadRoundExports(database.db, closed.id));
    expect(report.groups.filter((group) => group.differences.length > 0)).toEqual([]);
    expect(report.groups.map((group) => group.check)).toEqual(
      expect.arrayContaining(["audit chain", "budgets", "ballots", "tallies", "outcomes", "config version"]),
    );
    expect(report.ok).toBe(true);
  });

  it("pays every past day: 30 epochs under the config of their day, never over the cap, free-riders visible", async () => {
    const epochs = await database.db.epoch.findMany({
      orderBy: { day: "asc" },
      select: {
        day: true,
        configVersion: true,
        nodes: true,
        paidMicro: true,
        emissionCapMicro: true,
        freeRiders: true,
        freeRidersInGrace: true,
      },
    });
    expect(epochs).toHaveLength(30);
    expect(epochs.at(-1)!.day.getTime()).toBe(Math.floor(NOW.getTime() / DAY_MS) * DAY_MS - DAY_MS);
    for (const epoch of epochs) expect(epoch.paidMicro).toBeLessThanOrEqual(epoch.emissionCapMicro);
    // Versions 2, 3 and 4 activated 20, 16 and 9 days ago: later epochs are paid under later rules.
    expect(epochs.map((epoch) => epoch.configVersion)).toEqual(
      [...epochs.map((epoch) => epoch.configVersion)].sort((a, b) => a - b),
    );
    expect(new Set(epochs.map((epoch) => epoch.configVersion)).size).toBeGreaterThanOrEqual(3);
    const latest = epochs.at(-1)!;
    expect(latest.nodes).toBeGreaterThan(250);
    expect(latest.freeRiders + latest.freeRidersInGrace).toBeGreaterThan(0);
    const ledgerRows = await database.db.rewardLedgerEntry.count({ where: { day: latest.day } });
    expect(ledgerRows).toBe(latest.nodes);
  });

  it("froze the passed proposal's forecast from the history as of its ratification; it verifies and has its 7-day check", async () => {
    const { db } = database;
    const passed = DEMO_PROPOSALS.find((proposal) => proposal.outcome.state === "Passed")!;
    const proposal = await db.proposal.findFirstOrThrow({
      where: { title: passed.title },
      select: { id: true },
    });
    const round = await db.round.findFirstOrThrow({ where: { state: "Closed" }, select: { closedAt: true } });
    const frozen = await exportFrozenForecast(db, { proposalId: proposal.id });
    const payload = frozen.payload as {
      ratifiedAt: string;
      forecast: { status: string; configVersion: number; startDay: string };
    };
    expect(payload.ratifiedAt).toBe(round.closedAt!.toISOString());
    // The rules before the close (version 3), the history up to the day before it.
    expect(payload.forecast).toMatchObject({
      status: "forecast",
      configVersion: 3,
      startDay: new Date(Math.floor(round.closedAt!.getTime() / DAY_MS) * DAY_MS).toISOString(),
    });
    expect(frozen.configVersion).toBe(4);

    const audit = await exportAudit(db, { after: 0, limit: 100_000 });
    const loaded = interpretExport(
      JSON.parse(JSON.stringify({ audit, rounds: [], forecasts: [frozen] })),
      "bundle",
    );
    if (!("input" in loaded)) throw new Error("expected exports");
    const group = verifyExports(loaded.input).groups.find((entry) => entry.check === "frozen forecasts");
    expect(group?.differences).toEqual([]);

    const outcome = await getForecastOutcome(db, { proposalId: proposal.id, now: NOW });
    if (outcome.status !== "frozen") throw new Error(`expected a frozen forecast, got ${outcome.status}`);
    expect(outcome.frozen.isHashInChain).toBe(true);
    expect(outcome.checks.map((check) => [check.days, check.status])).toEqual([
      [7, "checked"],
      [30, "scheduled"],
    ]);
  });

  it("stores every node's presence and its per-peer exchanges, both sides agreeing, and pays by them", async () => {
    const { db } = database;
    const expected = generateDemoNetwork({ seed: SEED, now: NOW });
    const telemetry = generateDemoTelemetry({ seed: SEED, now: NOW, network: expected });
    const rollups = recomputeRollups(telemetry.samples);

    // One presence row per hour a node's reports arrived in, counting them: what voting eligibility reads.
    const presence = demoPresence(telemetry.samples);
    expect(await db.nodeHourlyPresence.count()).toBe(presence.length);
    const presenceSum = await db.nodeHourlyPresence.aggregate({ _sum: { requests: true } });
    expect(presenceSum._sum.requests).toBe(telemetry.samples.length);
    const hour = presence.at(-1234)!;
    expect(
      await db.nodeHourlyPresence.findUniqueOrThrow({
        where: { nodeId_hourStart: { nodeId: hour.nodeId, hourStart: hour.hourStart } },
      }),
    ).toEqual(hour);
    const reporting = await db.nodeHourlyPresence.groupBy({ by: ["nodeId"] });
    expect(reporting.length).toBe(new Set(telemetry.samples.map((sample) => sample.nodeId)).size);

    const peerTraffic = generateDemoPeerTraffic({ seed: SEED, telemetry, rollups });
    expect(await db.nodePeerDayTraffic.count()).toBe(peerTraffic.length);
    const exchange = peerTraffic[4321]!;
    expect(
      await db.nodePeerDayTraffic.findUniqueOrThrow({
        where: {
          nodeId_day_peerNodeId: {
            nodeId: exchange.nodeId,
            day: exchange.day,
            peerNodeId: exchange.peerNodeId,
          },
        },
      }),
    ).toEqual(exchange);
    const [mismatches] = await db.$queryRawUnsafe<{ disagreeing: bigint | number }[]>(`
      SELECT COUNT(*) AS "disagreeing" FROM "NodePeerDayTraffic" a
      LEFT JOIN "NodePeerDayTraffic" b
        ON b."nodeId" = a."peerNodeId" AND b."day" = a."day" AND b."peerNodeId" = a."nodeId"
      WHERE b."nodeId" IS NULL OR b."bytesDown" <> a."bytesUp" OR b."bytesUp" <> a."bytesDown"`);
    expect(Number(mismatches!.disagreeing)).toBe(0);

    // Every epoch pays confirmed traffic in full and the rest in part.
    const epochs = await db.epoch.findMany({
      select: { status: true, bytesUp: true, corroboratedBytesUp: true, paidBytesUp: true },
    });
    for (const epoch of epochs) {
      expect(epoch.status).toBe("Computed");
      expect(epoch.corroboratedBytesUp).toBeGreaterThan(0n);
      expect(epoch.corroboratedBytesUp).toBeLessThan(epoch.paidBytesUp);
      expect(epoch.paidBytesUp).toBeLessThan(epoch.bytesUp);
    }
    const { inflators, colludingPair } = telemetry.roles;
    const ledgerOf = (nodeIds: Iterable<string>) =>
      db.rewardLedgerEntry.findMany({
        where: { nodeId: { in: [...nodeIds] } },
        select: { bytesUp: true, corroboratedBytesUp: true, paidBytesUp: true },
      });
    const inflated = await ledgerOf(inflators);
    expect(inflated.length).toBeGreaterThanOrEqual(3 * 29);
    for (const line of inflated) {
      expect(line.corroboratedBytesUp).toBeGreaterThan(0n);
      expect(line.corroboratedBytesUp * 3n).toBeLessThanOrEqual(line.bytesUp);
      expect(line.paidBytesUp).toBeLessThan(line.bytesUp);
    }
    // The pair confirm each other, but from one /24: none of it counts.
    const colluding = await ledgerOf(colludingPair!);
    expect(colluding.length).toBeGreaterThanOrEqual(2 * 29);
    for (const line of colluding) {
      expect(line.corroboratedBytesUp).toBe(0n);
      expect(line.paidBytesUp).toBeLessThan(line.bytesUp);
    }
    const demoOperator = await db.operator.findUniqueOrThrow({
      where: { email: DEMO_OPERATOR_EMAIL },
      select: { nodes: { select: { id: true } } },
    });
    const demoLines = await ledgerOf(demoOperator.nodes.map((node) => node.id));
    const sum = (field: "bytesUp" | "corroboratedBytesUp") =>
      demoLines.reduce((total, line) => total + line[field], 0n);
    expect(sum("corroboratedBytesUp") * 2n).toBeGreaterThan(sum("bytesUp"));
  });

  it("stores the generated rows as generated", async () => {
    const expected = generateDemoNetwork({ seed: SEED, now: NOW });
    const largeCorp = expected.operators.find((operator) => operator.displayName === "LargeCorp Hosting");
    const stored = await database.db.operator.findUniqueOrThrow({
      where: { id: largeCorp!.id },
      select: { displayName: true, _count: { select: { nodes: true } } },
    });
    expect(stored).toEqual({ displayName: "LargeCorp Hosting", _count: { nodes: 60 } });
    const sample = expected.nodes[123]!;
    expect(
      await database.db.node.findUniqueOrThrow({
        where: { id: sample.id },
        select: {
          operatorId: true,
          name: true,
          nameSearch: true,
          publicKey: true,
          region: true,
          status: true,
          createdAt: true,
          lastSeenAt: true,
        },
      }),
    ).toEqual({ ...sample, id: undefined });
    expect(await database.db.node.count({ where: { status: "Gone" } })).toBe(
      expected.nodes.filter((node) => node.status === "Gone").length,
    );
  });

  it("gives every demo operator a password account, one steward and one admin", async () => {
    const operators = await database.db.operator.findMany({
      select: { email: true, role: true, accounts: { select: { providerId: true, password: true } } },
    });
    expect(operators.every((operator) => operator.accounts.length === 1)).toBe(true);
    expect(operators.every((operator) => operator.accounts[0]!.providerId === "credential")).toBe(true);
    const hashes = new Set(operators.map((operator) => operator.accounts[0]!.password));
    expect(hashes.size).toBe(1);
    expect(await verifyPassword({ hash: [...hashes][0]!, password: DEMO_PASSWORD })).toBe(true);

    const roleOf = (email: string) => operators.find((operator) => operator.email === email)?.role;
    expect(roleOf(DEMO_OPERATOR_EMAIL)).toBe("operator");
    expect(roleOf(DEMO_STEWARD_EMAIL)).toBe("steward");
    expect(roleOf(DEMO_ADMIN_EMAIL)).toBe("admin");
    expect(operators.filter((operator) => operator.role !== "operator")).toHaveLength(2);

    const auth = createAuth(database.db, {
      publicUrl: "http://localhost:3000",
      secret: "test-secret-test-secret-test-secret-0123",
      isSecureCookies: false,
    });
    const signIn = await auth.api.signInEmail({
      body: { email: DEMO_OPERATOR_EMAIL, password: DEMO_PASSWORD },
    });
    expect(signIn.user.email).toBe(DEMO_OPERATOR_EMAIL);
  });

  it("does nothing when run again", async () => {
    const before = await counts(database);
    const result = await seedDemoNetwork(database.db, { seed: SEED + 1, now: NOW });
    expect(result.seeded).toBe(false);
    expect(result.reason).toContain("Demo Swarm");
    expect(await counts(database)).toEqual(before);
  });
});

describe("seedDemoNetwork on a database that is not empty", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("leaves a database with operators but no network alone", async () => {
    await database.db.operator.create({
      data: { displayName: "Early bird", email: "early@example.test", region: "eu-west" },
    });
    const result = await seedDemoNetwork(database.db, { seed: SEED, now: NOW });
    expect(result).toMatchObject({ seeded: false, reason: expect.stringContaining("1 operator") });
    expect(await counts(database)).toEqual({ networks: 0, operators: 1, nodes: 0, versions: 0 });
    await database.db.operator.deleteMany();
  });

  it("leaves a database that already has a network alone", async () => {
    await ensurePlatform(database.db, { networkName: "Our swarm", now: NOW });
    const result = await seedDemoNetwork(database.db, { seed: SEED, now: NOW });
    expect(result).toMatchObject({ seeded: false, reason: expect.stringContaining("Our swarm") });
    expect(await counts(database)).toEqual({ networks: 1, operators: 0, nodes: 0, versions: 1 });
  });
});
