import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/lib/server/platform/database-url";
import { createDb } from "@/lib/server/platform/db";
import { createTestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { closeRound } from "@/lib/server/voting/close-round";
import {
  listGovernanceEventsForSubject,
  verifyGovernanceChain,
} from "@/lib/server/governance/governance-chain";
import { openDueRound, openRound } from "@/lib/server/voting/open-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { confirmProposalBase, publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { recordTelemetry } from "@/lib/server/telemetry/record-telemetry";
import { getCurrentRoundForNodes } from "@/lib/server/voting/round-export-queries";
import { noOpenRoundMessage } from "@/lib/server/voting/round-state";
import { getRoundOverview } from "@/lib/server/voting/round-queries";
import {
  createTestDatabase,
  POSTGRES_ADMIN_URL_VARIABLE,
  withDatabase,
  withPostgresAdmin,
  type TestDatabase,
} from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR_MS = 3_600_000;
let database: TestDatabase;
let alice: Awaited<ReturnType<typeof insertVotingOperator>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Test swarm",
    now: new Date(NOW.getTime() - 60 * 24 * HOUR_MS),
  });
  // Default rules: 3 days of reports with 50 % uptime, 100 credits per node.
  alice = await insertVotingOperator(database.db, {
    now: NOW,
    name: "Alice",
    nodes: [{}, { reportedForDays: 3.5, uptimeShare: 0.6 }, { status: "Gone" }],
  });
  await insertVotingOperator(database.db, { now: NOW, name: "Young", nodes: [{ reportedForDays: 2 }] });
  await insertVotingOperator(database.db, { now: NOW, name: "Idle", nodes: [{ uptimeShare: 0.4 }] });
  await insertVotingOperator(database.db, { now: NOW, name: "Unproven", nodes: [{ isVerified: false }] });
  await insertVotingOperator(database.db, { now: NOW, name: "Silent", nodes: [{ reportedForDays: null }] });
});
afterAll(() => database.drop());

describe("openRound", () => {
  it("refuses to open a round with nothing queued and says what to do", async () => {
    await expect(openRound(database.db, { now: NOW })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringContaining("round open --cut-discussion"),
    });
    expect(await database.db.round.count()).toBe(0);
  });

  it("snapshots eligibility and budgets, copies the rules and puts every queued proposal to the vote", async () => {
    const gov = await insertQueuedProposal(database.db, {
      authorId: alice.operatorId,
      now: NOW,
      title: "Stronger quorum",
      changes: [{ key: "gov.quorum", toValue: 0.3 }],
    });
    const reward = await insertQueuedProposal(database.db, {
      authorId: alice.operatorId,
      now: NOW,
      title: "Pay uploads more",
      changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
    });

    const opened = await openRound(database.db, { now: NOW });

    expect(opened).toMatchObject({
      number: 1,
      opensAt: NOW,
      closesAt: new Date(NOW.getTime() + 72 * HOUR_MS),
      proposalIds: [gov, reward].sort(),
      voters: 1,
      eligibleNodes: 2,
    });
    const round = await database.db.round.findUniqueOrThrow({
      where: { id: opened.roundId },
      select: {
        state: true,
        isOpen: true,
        rulesVersion: true,
        creditsPerNode: true,
        quorum: true,
        metaSupermajority: true,
        eligibleNodes: true,
        voters: { select: { operatorId: true, eligibleNodes: true, budget: true, countedBallotId: true } },
        eligible: { select: { nodeId: true }, orderBy: { nodeId: "asc" } },
        proposals: { select: { proposalId: true, touchesGov: true }, orderBy: { proposalId: "asc" } },
      },
    });
    expect(round).toEqual({
      state: "Open",
      isOpen: true,
      rulesVersion: 1,
      creditsPerNode: 100,
      quorum: 0.2,
      metaSupermajority: 0.66,
      eligibleNodes: 2,
      voters: [{ operatorId: alice.operatorId, eligibleNodes: 2, budget: 200n, countedBallotId: null }],
      eligible: alice.nodes
        .slice(0, 2)
        .map(({ nodeId }) => ({ nodeId }))
        .sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)),
      proposals: [
        { proposalId: gov, touchesGov: true },
        { proposalId: reward, touchesGov: false },
      ].sort((a, b) => (a.proposalId < b.proposalId ? -1 : 1)),
    });
    const states = await database.db.proposal.findMany({
      where: { id: { in: [gov, reward] } },
      select: { state: true },
    });
    expect(states).toEqual([{ state: "Voting" }, { state: "Voting" }]);

    const [openedEvent] = await listGovernanceEventsForSubject(database.db, `round:${opened.roundId}`);
    expect(openedEvent).toMatchObject({
      type: "round.opened",
      data: {
        number: 1,
        eligibleNodes: 2,
        voters: 1,
        proposalIds: opened.proposalIds,
        discussionCutShort: [],
        heldBack: [],
      },
    });
    const proposalEvents = await listGovernanceEventsForSubject(database.db, `proposal:${gov}`);
    expect(proposalEvents.map((event) => event.type)).toEqual(["proposal.voting"]);
    expect(proposalEvents[0]!.data).toMatchObject({ roundId: opened.roundId, roundNumber: 1 });
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();
  });

  it("refuses a second open round, naming the open one and how to close it", async () => {
    await insertQueuedProposal(database.db, {
      authorId: alice.operatorId,
      now: NOW,
      title: "Waits its turn",
      changes: [{ key: "reward.perGbUploaded", toValue: 2 }],
    });
    await expect(openRound(database.db, { now: NOW })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Round 1 is already open until .*npm run admin -- round close/),
    });
    expect(await database.db.round.count()).toBe(1);
    expect(await openDueRound(database.db, { now: new Date(NOW.getTime() + 100 * HOUR_MS) })).toBeNull();
  });
});

describe("openDueRound", () => {
  it("opens the next round once the last one is over and a proposal is queued", async () => {
    const closesAt = new Date(NOW.getTime() + 72 * HOUR_MS);
    await closeRound(database.db, { now: closesAt });

    expect(await openDueRound(database.db, { now: new Date(closesAt.getTime() - 1) })).toBeNull();
    const opened = await openDueRound(database.db, { now: closesAt });
    // Nobody reported since the first round opened, so nobody is eligible any more.
    expect(opened).toMatchObject({
      number: 2,
      proposalIds: [expect.any(String)],
      voters: 0,
      eligibleNodes: 0,
    });

    const later = new Date(closesAt.getTime() + 72 * HOUR_MS);
    await closeRound(database.db, { now: later });
    expect(await database.db.proposal.count({ where: { state: "Queued" } })).toBe(0);
    expect(await openDueRound(database.db, { now: later })).toBeNull();
  });

  it("with --cut-discussion also puts proposals still in discussion to the vote", async () => {
    const at = new Date(NOW.getTime() + 200 * HOUR_MS);
    const writer = { id: alice.operatorId, role: "operator" as const };
    const { proposalId } = await createProposalDraft(database.db, {
      writer,
      now: at,
      input: {
        title: "Shorter rounds",
        summary: "Two days are enough to vote.",
        rationale: "Rounds drag on and people forget to vote.",
        changes: [{ key: "gov.roundLengthHours", toValue: 48 }],
      },
    });
    await publishProposal(database.db, { writer, now: at, proposalId });

    const opened = await openRound(database.db, { now: at, cutDiscussionShort: true });

    expect(opened.proposalIds).toEqual([proposalId]);
    const events = await listGovernanceEventsForSubject(database.db, `proposal:${proposalId}`);
    expect(events.map((event) => event.type)).toEqual([
      "proposal.created",
      "proposal.published",
      "proposal.queued",
      "proposal.voting",
    ]);
    expect(events[2]!.data).toMatchObject({ discussionCutShort: true });
    const [openedEvent] = await listGovernanceEventsForSubject(database.db, `round:${opened.roundId}`);
    expect(openedEvent!.data).toMatchObject({ discussionCutShort: [proposalId] });
  });
});

describe("proposals whose parameters changed since they were queued", () => {
  it("are held back until their author confirms them, listed in round.opened; with nothing else queued no round opens", async () => {
    const at = new Date(NOW.getTime() + 300 * HOUR_MS);
    await closeRound(database.db, { now: at });
    const stale = await insertQueuedProposal(database.db, {
      authorId: alice.operatorId,
      now: at,
      title: "Upload reward from 1",
      changes: [{ key: "reward.perGbUploaded", toValue: 2.5 }],
    });
    const fresh = await insertQueuedProposal(database.db, {
      authorId: alice.operatorId,
      now: at,
      title: "Longer grace",
      changes: [{ key: "freeRider.graceDays", toValue: 20 }],
    });
    const active = await getActiveConfigVersion(database.db);
    await issueConfigVersion(database.db, {
      params: { ...active.params, "reward.perGbUploaded": 1.2 },
      activateAt: at,
      proposals: [],
      now: at,
    });
    await activateDueConfigVersions(database.db, { now: at });

    const opened = await openRound(database.db, { now: at });

    expect(opened.proposalIds).toEqual([fresh]);
    const [openedEvent] = await listGovernanceEventsForSubject(database.db, `round:${opened.roundId}`);
    expect(openedEvent!.data).toMatchObject({ proposalIds: [fresh], heldBack: [stale] });
    const state = async () =>
      (await database.db.proposal.findUniqueOrThrow({ where: { id: stale }, select: { state: true } })).state;
    expect(await state()).toBe("Queued");

    const later = new Date(opened.closesAt.getTime() + HOUR_MS);
    await closeRound(database.db, { now: later });
    await expect(openRound(database.db, { now: later })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringContaining(
        `1 queued proposal waits for its author to confirm the changes against the current values (${stale})`,
      ),
    });
    expect(await openDueRound(database.db, { now: later })).toBeNull();
    expect(await state()).toBe("Queued");

    await confirmProposalBase(database.db, {
      writer: { id: alice.operatorId, role: "operator" },
      now: later,
      proposalId: stale,
    });
    const next = await openDueRound(database.db, { now: later });
    expect(next?.proposalIds).toEqual([stale]);
    expect(await state()).toBe("Voting");
  });

  it("are held back against a newer version that waits for activation, and the round shows that version's values", async () => {
    const at = new Date(NOW.getTime() + 600 * HOUR_MS);
    await closeRound(database.db, { now: at });
    const active = await getActiveConfigVersion(database.db);
    const queue = (
      title: string,
      changes: { key: "reward.perGbUploaded" | "freeRider.graceDays"; toValue: number }[],
    ) => insertQueuedProposal(database.db, { authorId: alice.operatorId, now: at, title, changes });
    const held = await queue("Upload reward to 3", [{ key: "reward.perGbUploaded", toValue: 3 }]);
    const confirmed = await queue("Upload reward to 2", [{ key: "reward.perGbUploaded", toValue: 2 }]);
    const other = await queue("Even longer grace", [{ key: "freeRider.graceDays", toValue: 25 }]);
    // The worker's close of the last round issued this version a moment ago; it takes effect tomorrow.
    const pending = await issueConfigVersion(database.db, {
      params: { ...active.params, "reward.perGbUploaded": 1.4 },
      activateAt: new Date(at.getTime() + 24 * HOUR_MS),
      proposals: [],
      now: at,
    });
    expect((await getActiveConfigVersion(database.db)).version).toBe(active.version);

    const writer = { id: alice.operatorId, role: "operator" as const };
    expect(await confirmProposalBase(database.db, { writer, now: at, proposalId: confirmed })).toEqual({
      proposalId: confirmed,
      baseVersion: pending.version,
    });
    const waiting = await noOpenRoundMessage(database.db, at);
    expect(waiting).toContain("2 queued proposals go to the next round");
    expect(waiting).toContain("1 queued proposal waits for its author to confirm its changes");

    const opened = await openRound(database.db, { now: at });

    expect(opened.proposalIds).toEqual([confirmed, other].sort());
    const [openedEvent] = await listGovernanceEventsForSubject(database.db, `round:${opened.roundId}`);
    expect(openedEvent!.data).toMatchObject({ heldBack: [held], rulesVersion: active.version });
    const graceDays = active.params["freeRider.graceDays"];
    const current = await getCurrentRoundForNodes(database.db, { now: at });
    expect(Object.fromEntries(current.proposals.map(({ id, changes }) => [id, changes]))).toEqual({
      [confirmed]: [{ key: "reward.perGbUploaded", from: 1.4, to: 2 }],
      [other]: [{ key: "freeRider.graceDays", from: graceDays, to: 25 }],
    });
    const overview = await getRoundOverview(database.db, { roundNumber: opened.number, now: at });
    expect(
      Object.fromEntries(
        overview.proposals.map(({ id, changes }) => [
          id,
          changes.map(({ key, fromValue, toValue }) => ({ key, fromValue, toValue })),
        ]),
      ),
    ).toEqual({
      [confirmed]: [{ key: "reward.perGbUploaded", fromValue: 1.4, toValue: 2 }],
      [other]: [{ key: "freeRider.graceDays", fromValue: graceDays, toValue: 25 }],
    });
  });
});

describe("proof of service", () => {
  it("starts with a node's first accepted telemetry report and is not moved by later ones", async () => {
    const node = await createTestNode(database.db, { name: "first-report" });
    const report = async (at: Date) => {
      const body = JSON.stringify({
        at: new Date(at.getTime() - 30_000).toISOString(),
        windowSeconds: 60,
        uptimeSeconds: 60,
        bytesUp: 0,
        bytesDown: 0,
        peers: 1,
        medianLatencyMs: 10,
        activeConfigVersion: 1,
        stagedConfigVersion: 1,
        agent: "test",
      });
      const path = `/api/v1/nodes/${node.nodeId}/telemetry`;
      const timestamp = Math.floor(at.getTime() / 1000);
      const headers = new Headers(
        signNodeRequest({
          privateKey: node.privateKey,
          nodeId: node.nodeId,
          method: "POST",
          path,
          body,
          timestamp,
        }),
      );
      const bodyBytes = new TextEncoder().encode(body);
      await recordTelemetry(database.db, {
        nodeId: node.nodeId,
        headers,
        method: "POST",
        path,
        bodyBytes,
        sourceAddress: "192.0.2.10",
        now: at,
      });
    };
    const firstReportedAt = async () =>
      (
        await database.db.node.findUniqueOrThrow({
          where: { id: node.nodeId },
          select: { firstReportedAt: true },
        })
      ).firstReportedAt;

    expect(await firstReportedAt()).toBeNull();
    await report(NOW);
    await report(new Date(NOW.getTime() + HOUR_MS));
    expect(await firstReportedAt()).toEqual(NOW);
  });
});

describe("the voting rounds migration", () => {
  const VOTING_MIGRATION = "20261125174603_voting_rounds";

  /**
   * A fresh database of the test run's kind, with `run(sql)` applying one migration script the way the
   * database reads it; `url` for a Prisma client.
   */
  async function emptyDatabase(kind: "sqlite" | "postgres") {
    const name = `plenum_migration_${process.pid}_${randomBytes(4).toString("hex")}`;
    if (kind === "sqlite") {
      const file = path.join(os.tmpdir(), "plenum-tests", `${name}.sqlite`);
      const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => {
        exec(sql: string): void;
        close(): void;
      };
      return {
        dir: "prisma/migrations",
        url: `file:${file}`,
        run: async (sql: string) => {
          const bare = new Database(file);
          bare.exec(sql);
          bare.close();
        },
        drop: async () => rmSync(file, { force: true }),
      };
    }
    const adminUrl = process.env[POSTGRES_ADMIN_URL_VARIABLE]!;
    await withPostgresAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = withDatabase(adminUrl, name);
    return {
      dir: "prisma/postgres/migrations",
      url,
      run: (sql: string) => withPostgresAdmin(url, (client) => client.query(sql)).then(() => undefined),
      drop: () =>
        withPostgresAdmin(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        ).then(() => undefined),
    };
  }

  it("starts the proof of service of a node that reported before it at the node's earliest sample", async () => {
    const empty = await emptyDatabase(database.target.kind);
    const db = createDb(parseDatabaseUrl(empty.url));
    try {
      const migrations = readdirSync(empty.dir)
        .filter((entry) => /^\d{14}_/.test(entry))
        .sort();
      const script = (name: string) => readFileSync(path.join(empty.dir, name, "migration.sql"), "utf8");
      for (const name of migrations.slice(0, migrations.indexOf(VOTING_MIGRATION)))
        await empty.run(script(name));

      // The operator and its nodes in raw SQL: the product's client also writes the columns later
      // migrations added to Operator and Node. Telemetry goes through the client, so its dates are
      // stored as the product stores them.
      const operatorId = "operator-early";
      await db.$executeRaw`INSERT INTO "Operator" ("id", "displayName", "email")
        VALUES (${operatorId}, ${"Early"}, ${"early@voters.example"})`;
      const node = async (name: string) => {
        const id = `node-${name}`;
        await db.$executeRaw`INSERT INTO "Node" ("id", "operatorId", "name", "nameSearch", "publicKey", "region")
          VALUES (${id}, ${operatorId}, ${name}, ${name}, ${`key-${name}`}, ${"eu-west"})`;
        return { id };
      };
      const [reported, silent] = [await node("reported"), await node("silent")];
      const earliest = new Date(NOW.getTime() - 20 * 24 * HOUR_MS);
      await db.telemetrySample.createMany({
        data: [5, 0, 12].map((hours) => ({
          nodeId: reported.id,
          // A node's own `at` could be backdated; the backfill goes by when the platform received it.
          at: new Date(earliest.getTime() - 100 * HOUR_MS),
          receivedAt: new Date(earliest.getTime() + hours * HOUR_MS),
          windowSeconds: 3600,
          uptimeSeconds: 3600,
          bytesUp: 0n,
          bytesDown: 0n,
          peers: 1,
          medianLatencyMs: 10,
          agent: "before-voting",
        })),
      });

      await empty.run(script(VOTING_MIGRATION));

      const nodes = await db.node.findMany({
        where: { id: { in: [reported.id, silent.id] } },
        select: { id: true, firstReportedAt: true },
      });
      expect(Object.fromEntries(nodes.map((row) => [row.id, row.firstReportedAt]))).toEqual({
        [reported.id]: earliest,
        [silent.id]: null,
      });
    } finally {
      await db.$disconnect();
      await empty.drop();
    }
  });
});
