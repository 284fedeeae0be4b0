/**
 * Issue #14's attack simulations (product.md "Who counts: splitting must not pay"), over real HTTP: every
 * node's proof of service and network cluster come from signed telemetry it sends to the loopback
 * protocol server from its own address in 127.0.0.0/8 (each /24 of it one "network"), the round opens
 * through the service, attackers send their best ballots signed over HTTP, and the closed round's
 * exports, fetched over HTTP, pass the independent verifier.
 *
 * All groups share one round, each in /24s of its own, so they do not touch each other's clusters.
 * "Before" is what budgets were before clusters (C × n per account); "after" is what the round gives.
 *
 * Cost: the eligibility window is the default 3 days (gov.minNodeAgeDays) at 50 % of its hours, not
 * lowered. Voting uptime is presence (product.md "Proof of service"): the share of the window's 72 hours
 * in which a signed request of the node arrived. The nodes whose hours decide their cluster (the three
 * movers) and one of the farm's report every hour for the whole window (73 reports each), so their
 * eligibility and cluster come from their own signed requests alone. The other 808 report three times
 * over HTTP (SPARSE_EVERY): the first, 3 days before the round, starts their proof of service, and all
 * three give their cluster; for the window's other 70 hours their presence is written directly, a
 * stand-in for the hourly reports a serving node sends (56,560 more requests over HTTP would multiply
 * this test's time and add nothing to its point, which is what clusters do to budgets; one report a day
 * alone leaves a node out: presence-eligibility.int.test.ts). 2,716 telemetry requests in all, then 709
 * ballots (each account's most, and one vote more).
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportEd25519PublicKey } from "@/lib/server/platform/ed25519";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import type { Db } from "@/lib/server/platform/db";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import {
  createProtocolClient,
  createProtocolClock,
  startProtocolServer,
  type ProtocolClient,
  type ProtocolReply,
  type ProtocolServer,
} from "./testing/protocol-server";
import { insertPresence } from "@/lib/server/testing/presence-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import { closeRound } from "@/lib/server/voting/close-round";
import { opaqueClusterId } from "@/lib/server/voting/cluster-ids";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { interpretExport } from "../../../scripts/verify/load-exports";
import { verifyExports } from "../../../scripts/verify/verify-exports";

/** gov.voiceCreditsPerNode's default. */
const C = 100;
const HOUR_MS = 3_600_000;
const OPENS = new Date("2026-12-10T00:00:00.000Z");
const WINDOW_HOURS = 72;
/**
 * Report k (0 … 72) arrives at START + k hours. Report 0, half an hour before the window, starts the
 * node's proof of service (firstReportedAt ≤ opensAt − 3 days) and its hour lies outside the window;
 * reports 1 … 72 fall in the window's 72 hours, one each (a report counts in the hour its window's
 * middle falls in: for an hourly report at half past, the hour that began half an hour earlier).
 */
const START = new Date(OPENS.getTime() - (WINDOW_HOURS + 0.5) * HOUR_MS);
const reportTime = (k: number) => new Date(START.getTime() + k * HOUR_MS);
const BALLOTS_AT = new Date(OPENS.getTime() + HOUR_MS);
const CONCURRENCY = 8;

interface FleetNode extends TestNode {
  /** The source address of report k; the ballot comes from the address of the last report. */
  addressAt: (k: number) => string;
  isHourly: boolean;
}

interface Account {
  operatorId: string;
  nodes: FleetNode[];
}

let database: TestDatabase;
let server: ProtocolServer;
let client: ProtocolClient;
let round: OpenedRound;
let proposalId: string;
const fleet: FleetNode[] = [];

/**
 * `accounts` operators with `nodesPerAccount` nodes each, inserted as enrolment leaves them (a key
 * proved, no report yet) and allowed to vote; `address(account, node)` gives each node's source
 * address for report k.
 */
async function enrol(
  db: Db,
  {
    label,
    accounts,
    nodesPerAccount = 1,
    address,
    hourly = () => false,
  }: {
    label: string;
    accounts: number;
    nodesPerAccount?: number;
    address: (account: number, node: number) => (k: number) => string;
    hourly?: (account: number, node: number) => boolean;
  },
): Promise<Account[]> {
  const operators = await db.operator.createManyAndReturn({
    data: Array.from({ length: accounts }, (_, account) => ({
      displayName: `${label} ${account + 1}`,
      email: `${label}-${account + 1}@attack.example`,
    })),
    select: { id: true, email: true },
  });
  const operatorIds = Array.from(
    { length: accounts },
    (_, account) => operators.find((row) => row.email === `${label}-${account + 1}@attack.example`)!.id,
  );
  const planned = operatorIds.flatMap((operatorId, account) =>
    Array.from({ length: nodesPerAccount }, (_, node) => {
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      return {
        account,
        node,
        operatorId,
        privateKey,
        publicKey: exportEd25519PublicKey(publicKey),
        name: `${label}-${account + 1}-${node + 1}`,
      };
    }),
  );
  const rows = await db.node.createManyAndReturn({
    data: planned.map(({ operatorId, publicKey, name }) => ({
      operatorId,
      name,
      nameSearch: name,
      publicKey,
      region: "eu-west",
      status: "Active",
      verifiedAt: new Date(START.getTime() - 24 * HOUR_MS),
      mayVote: true,
    })),
    select: { id: true, publicKey: true },
  });
  const idByKey = new Map(rows.map((row) => [row.publicKey, row.id]));
  const nodes = planned.map(({ account, node, operatorId, privateKey, publicKey }) => ({
    account,
    node: {
      nodeId: idByKey.get(publicKey)!,
      operatorId,
      privateKey,
      addressAt: address(account, node),
      isHourly: hourly(account, node),
    } satisfies FleetNode,
  }));
  fleet.push(...nodes.map(({ node }) => node));
  return operatorIds.map((operatorId, account) => ({
    operatorId,
    nodes: nodes.filter((entry) => entry.account === account).map(({ node }) => node),
  }));
}

/** `run` over `items`, at most CONCURRENCY at once, results in order. */
async function inParallel<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await run(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/**
 * A node that is not hourly reports every SPARSE_EVERY hours: at 0 (its proof of service starts), 36
 * and 72, each report claiming the day before it (the longest window a report may have).
 */
const SPARSE_EVERY = 36;
const isDue = (node: FleetNode, k: number) => node.isHourly || k % SPARSE_EVERY === 0;

/**
 * The presence of the window's hours (reports 1 … 72) in which a sparse node sends nothing over HTTP,
 * written directly as the platform records an accepted request: together with its own two reports in
 * the window, present in all 72 hours.
 */
async function writeSparsePresence(db: Db): Promise<void> {
  const sparse = fleet.filter((node) => !node.isHourly);
  const silentHours = Array.from({ length: WINDOW_HOURS }, (_, index) => index + 1)
    .filter((k) => !isDue(sparse[0]!, k))
    .map(reportTime);
  await insertPresence(db, { nodeIds: sparse.map((node) => node.nodeId), hourStarts: silentHours });
}

/** Every node's telemetry over the eligibility window, on the server's clock, hour by hour. */
async function reportOverTheWindow(): Promise<number> {
  let sent = 0;
  for (let k = 0; k <= WINDOW_HOURS; k += 1) {
    server.clock.set(reportTime(k));
    const due = fleet.filter((node) => isDue(node, k));
    const replies = await inParallel(due, (node) =>
      client.telemetry(node, { from: node.addressAt(k), windowSeconds: node.isHourly ? 3_600 : 86_400 }),
    );
    const refused = replies.findIndex((reply) => reply.status !== 202);
    if (refused >= 0) {
      throw new Error(`report ${k} of ${due[refused]!.nodeId}: ${JSON.stringify(replies[refused])}`);
    }
    sent += due.length;
  }
  return sent;
}

// The groups, each in /24s of its own (127.0.X.0/24).
let farm: Account[];
let largeCorp: Account[];
let largeCorpSplit: Account[];
let neighbours: Account[];
let intrudedCorp: Account[];
let intruder: Account[];
let movers: { moved: Account; tieStayed: Account; tieMoved: Account };
let residents: Account[];

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, {
    networkName: "Attack simulations",
    now: new Date(START.getTime() - 30 * 24 * HOUR_MS),
  });
  // (a) One machine, one address, 500 nodes under 500 accounts; one of them reports every hour.
  farm = await enrol(db, {
    label: "farm",
    accounts: 500,
    address: () => () => "127.0.10.10",
    hourly: (account) => account === 0,
  });
  // (b) LargeCorp's 100 nodes in one data centre under one account, and the same under 100 accounts.
  largeCorp = await enrol(db, {
    label: "largecorp",
    accounts: 1,
    nodesPerAccount: 100,
    address: (_account, node) => () => `127.0.20.${node + 1}`,
  });
  largeCorpSplit = await enrol(db, {
    label: "largecorp-split",
    accounts: 100,
    address: (account) => () => `127.0.21.${account + 1}`,
  });
  // (c) Two honest operators at one university.
  neighbours = await enrol(db, {
    label: "neighbour",
    accounts: 2,
    address: (account) => () => `127.0.30.${account + 1}`,
  });
  // (d) LargeCorp again, in another data centre, where someone else runs one node too.
  intrudedCorp = await enrol(db, {
    label: "intruded-corp",
    accounts: 1,
    nodesPerAccount: 100,
    address: (_account, node) => () => `127.0.40.${node + 1}`,
  });
  intruder = await enrol(db, { label: "intruder", accounts: 1, address: () => () => "127.0.40.200" });
  // (e) Nodes that move networks halfway through the window, and one resident in each network.
  const moving = (label: string, from: string, to: string, movesAfter: number) =>
    enrol(db, {
      label,
      accounts: 1,
      address: () => (k) => (k <= movesAfter ? from : to),
      hourly: () => true,
    });
  movers = {
    // 30 hours in 127.0.50/24, then 42 in 127.0.51/24.
    moved: (await moving("mover", "127.0.50.9", "127.0.51.9", 30))[0]!,
    // 36 hours each: from the smaller prefix to the larger, and from the larger to the smaller.
    tieStayed: (await moving("tie-up", "127.0.52.9", "127.0.53.9", 36))[0]!,
    tieMoved: (await moving("tie-down", "127.0.55.9", "127.0.54.9", 36))[0]!,
  };
  residents = await enrol(db, {
    label: "resident",
    accounts: 6,
    address: (account) => () => `127.0.${50 + account}.1`,
  });

  // The proposal goes through its lifecycle (drafted, published, discussed, queued) like any other.
  const writer = { id: neighbours[0]!.operatorId, role: "operator" as const };
  const draft = await createProposalDraft(db, {
    writer,
    now: START,
    input: {
      title: "Raise the upload reward",
      summary: "Raise the upload reward from 1 to 1.5 per GB: the proposal the attackers vote on.",
      rationale: "Issue #14's attack simulations need one proposal to put votes on.",
      changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
    },
  });
  proposalId = draft.proposalId;
  await publishProposal(db, { writer, now: START, proposalId });

  server = await startProtocolServer(db, { clock: createProtocolClock(START) });
  client = createProtocolClient(server);
  await writeSparsePresence(db);
  expect(await reportOverTheWindow()).toBe(
    fleet.filter((node) => !node.isHourly).length * 3 + fleet.filter((node) => node.isHourly).length * 73,
  );

  await queueReadyProposals(db, new Date(OPENS.getTime() - HOUR_MS));
  server.clock.set(OPENS);
  round = await openRound(db, { now: OPENS });
  server.clock.set(BALLOTS_AT);
}, 600_000);

afterAll(async () => {
  client?.close();
  await server?.close();
  await database?.drop();
});

async function budgetsOf(accounts: readonly Account[]): Promise<number[]> {
  const rows = await database.db.roundVoter.findMany({
    where: { roundId: round.roundId, operatorId: { in: accounts.map((account) => account.operatorId) } },
    select: { operatorId: true, budget: true },
  });
  const byOperator = new Map(rows.map((row) => [row.operatorId, Number(row.budget)]));
  return accounts.map((account) => byOperator.get(account.operatorId)!);
}

/** The most whole votes a budget puts on one proposal. */
const votesFor = (budget: number) => Math.floor(Math.sqrt(budget));
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
/** Before clusters each account had C × n credits. */
const votesBefore = (accounts: readonly Account[]) =>
  sum(accounts.map((account) => votesFor(C * account.nodes.length)));

function ballotFrom(account: Account, votes: number): Promise<ProtocolReply> {
  const node = account.nodes[0]!;
  return client.ballot(node, {
    from: node.addressAt(WINDOW_HOURS),
    roundId: round.roundId,
    allocations: [{ proposalId, votes }],
  });
}

/**
 * Each account sends the ballot one vote over its most on the proposal (refused, 422, naming the cost
 * and the budget), then its most (accepted when it is above zero); the votes the group put on it.
 */
async function castTheMost(accounts: readonly Account[]): Promise<number> {
  const budgets = await budgetsOf(accounts);
  const replies = await inParallel(accounts, async (account) => {
    const most = votesFor(budgets[accounts.indexOf(account)]!);
    const over = await ballotFrom(account, most + 1);
    const best = most > 0 ? await ballotFrom(account, most) : null;
    return { most, over, best };
  });
  for (const [index, { most, over, best }] of replies.entries()) {
    expect(over).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "UNPROCESSABLE",
          message: expect.stringContaining(
            `costs ${(most + 1) ** 2} voice credits (the sum of each proposal's votes squared) but your budget is ${budgets[index]};`,
          ),
        },
      },
    });
    if (best) expect(best).toMatchObject({ status: 200, body: { cost: most ** 2, budget: budgets[index] } });
  }
  return sum(replies.map(({ most }) => most));
}

/** Σ over the accounts of their radii n_k·√(C/N_k), from the clusters the round stored: votes before rounding. */
async function radiusOf(accounts: readonly Account[]): Promise<number> {
  const ids = new Set(accounts.map((account) => account.operatorId));
  const rows = await database.db.roundEligibleNode.findMany({
    where: { roundId: round.roundId },
    select: { operatorId: true, clusterId: true },
  });
  const clusterSize = new Map<string, number>();
  for (const row of rows) clusterSize.set(row.clusterId, (clusterSize.get(row.clusterId) ?? 0) + 1);
  return sum(
    rows
      .filter((row) => ids.has(row.operatorId))
      .map((row) => Math.sqrt(C / clusterSize.get(row.clusterId)!)),
  );
}

/** The node's cluster id in the round, and the id the prefix gets in it. */
async function clusterOf(account: Account, prefix: string): Promise<{ stored: string; expected: string }> {
  const [eligible, network] = await Promise.all([
    database.db.roundEligibleNode.findUniqueOrThrow({
      where: { roundId_nodeId: { roundId: round.roundId, nodeId: account.nodes[0]!.nodeId } },
      select: { clusterId: true },
    }),
    database.db.network.findUniqueOrThrow({ where: { singleton: true }, select: { clusterIdSecret: true } }),
  ]);
  return {
    stored: eligible.clusterId,
    expected: opaqueClusterId(network.clusterIdSecret!, round.roundId, prefix),
  };
}

describe('splitting must not pay: attacks over the node protocol (product.md "Who counts")', () => {
  it("every node proved its service (the hourly ones by their own requests alone): all 812 are eligible under the default rules", async () => {
    expect(round.eligibleNodes).toBe(fleet.length);
    expect(fleet.length).toBe(500 + 100 + 100 + 2 + 101 + 3 + 6);
    const window = { gte: new Date(OPENS.getTime() - WINDOW_HOURS * HOUR_MS), lt: OPENS };
    const hours = await database.db.nodeHourlyRollup.count({
      where: { nodeId: movers.moved.nodes[0]!.nodeId, hourStart: window },
    });
    expect(hours).toBe(WINDOW_HOURS);
    // The hourly nodes' presence is their signed reports': one accepted request in each hour of the window.
    const hourly = fleet.filter((node) => node.isHourly);
    const presence = await database.db.nodeHourlyPresence.groupBy({
      by: ["nodeId"],
      where: { nodeId: { in: hourly.map((node) => node.nodeId) }, hourStart: window },
      _count: { _all: true },
      _sum: { requests: true },
    });
    expect(presence.map((row) => [row._count._all, row._sum.requests])).toEqual(
      hourly.map(() => [WINDOW_HOURS, WINDOW_HOURS]),
    );
    // The platform saw each connection's own address (x-forwarded-for pinned to the socket's).
    expect(
      await database.db.telemetrySample.findMany({
        where: { nodeId: { in: [farm[0]!.nodes[0]!.nodeId, farm[499]!.nodes[0]!.nodeId] } },
        distinct: ["sourceAddress", "clusterPrefix"],
        select: { sourceAddress: true, clusterPrefix: true },
      }),
    ).toEqual([{ sourceAddress: "127.0.10.10", clusterPrefix: "127.0.10.0/24" }]);
  });

  it("(a) one machine running 500 nodes under 500 accounts: 5,000 votes before, at most √(500·C) after — and 0 in whole votes", async () => {
    const budgets = await budgetsOf(farm);
    // Each node holds √(C/500) ≈ 0.447 of a vote, whose square rounds down to no credit at all.
    expect(new Set(budgets)).toEqual(new Set([0]));
    const radius = await radiusOf(farm);
    expect(radius).toBeCloseTo(Math.sqrt(500 * C), 6);
    expect(radius).toBeLessThanOrEqual(Math.sqrt(500 * C) + 500 * 1e-6);
    expect(votesBefore(farm)).toBe(5_000);
    expect(await castTheMost(farm)).toBe(0);
  }, 180_000);

  it("(b) LargeCorp's 100 nodes in one prefix: 100 votes under one account and 100 under 100 accounts (1,000 before)", async () => {
    expect(await budgetsOf(largeCorp)).toEqual([100 * C]);
    expect(new Set(await budgetsOf(largeCorpSplit))).toEqual(new Set([1]));
    expect(await radiusOf(largeCorp)).toBeCloseTo(await radiusOf(largeCorpSplit), 9);
    expect([votesBefore(largeCorp), votesBefore(largeCorpSplit)]).toEqual([100, 1_000]);
    expect([await castTheMost(largeCorp), await castTheMost(largeCorpSplit)]).toEqual([100, 100]);
    const ballot = await database.db.ballot.findFirstOrThrow({
      where: { roundId: round.roundId, operatorId: largeCorp[0]!.operatorId, replacedAt: null },
      select: { nodeId: true, sourcePrefix: true },
    });
    expect(ballot).toEqual({ nodeId: largeCorp[0]!.nodes[0]!.nodeId, sourcePrefix: "127.0.20.0/24" });
  }, 120_000);

  it("(c) two honest neighbours sharing a prefix hold √(C/2) each: 7 votes instead of 10", async () => {
    expect(await budgetsOf(neighbours)).toEqual([C / 2, C / 2]);
    expect(await radiusOf(neighbours)).toBeCloseTo(2 * Math.sqrt(C / 2), 9);
    expect(votesBefore(neighbours)).toBe(20);
    expect(await castTheMost(neighbours)).toBe(14);
  });

  it("(d) one node added to LargeCorp's prefix by someone else: LargeCorp's radius loses under 1 %", async () => {
    const [alone] = await budgetsOf(largeCorp);
    const [shared] = await budgetsOf(intrudedCorp);
    // 100² · C / 101 = 9,900.99 credits, rounded down.
    expect(shared).toBe(9_900);
    const loss = 1 - (await radiusOf(intrudedCorp)) / (await radiusOf(largeCorp));
    expect(loss).toBeGreaterThan(0);
    expect(loss).toBeLessThan(0.01);
    expect(1 - shared! / alone!).toBeCloseTo(0.01, 9);
    // The newcomer holds √(C/101) ≈ 0.995 of a vote: no whole credit.
    expect(await budgetsOf(intruder)).toEqual([0]);
    expect([await castTheMost(intrudedCorp), await castTheMost(intruder)]).toEqual([99, 0]);
  });

  it("(e) a node that moved halfway counts where it reported more hours; on an exact tie, in the smaller prefix", async () => {
    const hoursByPrefix = async (account: Account) =>
      (
        await database.db.nodeHourlyRollup.groupBy({
          by: ["clusterPrefix"],
          where: {
            nodeId: account.nodes[0]!.nodeId,
            hourStart: { gte: new Date(OPENS.getTime() - WINDOW_HOURS * HOUR_MS), lt: OPENS },
          },
          _count: { _all: true },
        })
      )
        .map((row) => [row.clusterPrefix, row._count._all])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(await hoursByPrefix(movers.moved)).toEqual([
      ["127.0.50.0/24", 30],
      ["127.0.51.0/24", 42],
    ]);
    expect(await hoursByPrefix(movers.tieStayed)).toEqual([
      ["127.0.52.0/24", 36],
      ["127.0.53.0/24", 36],
    ]);
    expect(await hoursByPrefix(movers.tieMoved)).toEqual([
      ["127.0.54.0/24", 36],
      ["127.0.55.0/24", 36],
    ]);
    const moved = await clusterOf(movers.moved, "127.0.51.0/24");
    expect(moved.stored).toBe(moved.expected);
    const stayed = await clusterOf(movers.tieStayed, "127.0.52.0/24");
    expect(stayed.stored).toBe(stayed.expected);
    const tieMoved = await clusterOf(movers.tieMoved, "127.0.54.0/24");
    expect(tieMoved.stored).toBe(tieMoved.expected);
    // The residents of 127.0.50–55/24 show it in their budgets: shared clusters hold C/2 each.
    expect(await budgetsOf(residents)).toEqual([C, C / 2, C / 2, C, C / 2, C]);
    expect(await budgetsOf([movers.moved, movers.tieStayed, movers.tieMoved])).toEqual([C / 2, C / 2, C / 2]);
  });

  it("the closed round's exports, fetched over HTTP, tally those votes and pass every check of the verifier", async () => {
    const closesAt = new Date(round.closesAt.getTime() + HOUR_MS);
    server.clock.set(closesAt);
    await closeRound(database.db, { now: closesAt, roundId: round.roundId });
    const counted = await client.get(`/api/v1/rounds/${round.roundId}/ballots`);
    const all = await client.get(`/api/v1/rounds/${round.roundId}/ballots?all=1`);
    const audit = await client.get("/api/v1/audit?after=0&limit=1000");
    expect([counted.status, all.status, audit.status]).toEqual([200, 200, 200]);
    const exported = counted.body as {
      ballots: { operatorId: string; allocations: { votes: number }[] }[];
      configVersion: number | null;
    };
    const votesOf = (accounts: readonly Account[]) => {
      const ids = new Set(accounts.map((account) => account.operatorId));
      return sum(
        exported.ballots
          .filter((ballot) => ids.has(ballot.operatorId))
          .flatMap((ballot) => ballot.allocations.map((allocation) => allocation.votes)),
      );
    };
    expect([farm, largeCorp, largeCorpSplit, neighbours, intrudedCorp, intruder].map(votesOf)).toEqual([
      0, 100, 100, 14, 99, 0,
    ]);
    const configs =
      exported.configVersion === null
        ? undefined
        : {
            base: (await client.get(`/api/v1/config/${exported.configVersion - 1}`)).body,
            created: (await client.get(`/api/v1/config/${exported.configVersion}`)).body,
          };
    const loaded = interpretExport(
      { audit: audit.body, rounds: [{ counted: counted.body, all: all.body, configs }] },
      "bundle",
    );
    if (!("input" in loaded)) throw new Error(`The export is malformed: ${JSON.stringify(loaded.format)}`);
    const report = verifyExports(loaded.input);
    expect(report.groups.filter((group) => group.differences.length > 0)).toEqual([]);
    expect(report.ok).toBe(true);
    const budgets = report.groups.find((group) => group.check === "budgets")!;
    // One cluster per /24: the farm's, LargeCorp's two, the neighbours', the intruded one and the six of
    // the movers; all but LargeCorp's own and the two residents alone are shared.
    expect(budgets.summary).toBe(
      "614 operators, 812 eligible nodes in 11 network clusters (7 shared clusters), 100 credits per node",
    );
  });
});
