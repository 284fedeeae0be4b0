/**
 * The verifier against a real closed round built through the services: the honest exports pass, and each
 * row changed, deleted or reordered directly in the database is flagged by the check it breaks.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getAuditResponse } from "@/app/api/v1/audit/get-audit";
import { getConfigVersionResponse } from "@/app/api/v1/config/[version]/get-config-version";
import { getRoundBallotsResponse } from "@/app/api/v1/rounds/[roundId]/ballots/get-round-ballots";
import type { ParameterKey } from "@/lib/domain/parameters/catalogue";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { getConfigVersion } from "@/lib/server/governance/config-version-queries";
import { openRound } from "@/lib/server/voting/open-round";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import { exportAudit, exportRoundBallots } from "@/lib/server/voting/round-export-queries";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import type { Db } from "@/lib/server/platform/db";
import { interpretExport } from "./load-exports";
import type { CheckName } from "./report";
import { verifyExports } from "./verify-exports";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const OPENS = new Date("2026-12-01T12:00:00.000Z");
const at = (minutes: number) => new Date(OPENS.getTime() + minutes * 60_000);

let database: TestDatabase | undefined;
const directory = mkdtempSync(path.join(os.tmpdir(), "plenum-verify-"));

afterEach(async () => {
  await database?.drop();
  database = undefined;
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PROPOSALS: [title: string, key: ParameterKey, toValue: number][] = [
  ["Raise the upload reward", "reward.perGbUploaded", 1.5],
  ["Lower the upload reward", "reward.perGbUploaded", 0.5],
  ["Raise the quorum", "gov.quorum", 0.25],
];

/**
 * A fresh database holding one closed round whose proposals were drafted, published (their changes in
 * the audit chain) and queued through the services: operator A (2 nodes) votes, B votes, A replaces its
 * ballot, C votes, D abstains; ballot seqs 1–4 are A, B, A, C. Both reward proposals pass the vote and
 * the lowering one (net 1) is superseded by the raising one (net 15); the quorum change passes too.
 */
async function closedRound(): Promise<{ db: Db; roundId: string; proposalIds: string[] }> {
  database = await createTestDatabase();
  const { db } = database;
  const { operators } = await prepareVotingRound(db, {
    now: OPENS,
    nodesPerOperator: [2, 1, 1, 1],
    proposals: [],
  });
  const published = at(-3 * 24 * 60);
  const proposalIds: string[] = [];
  for (const [index, [title, key, toValue]] of PROPOSALS.entries()) {
    const writer = { id: operators[index]![0]!.operatorId, role: "operator" as const };
    const input = {
      title,
      summary: `${title}: one parameter, written by the verifier's test.`,
      rationale: "The verifier needs proposals whose changes the audit chain records.",
      changes: [{ key, toValue }],
    };
    const { proposalId } = await createProposalDraft(db, { writer, now: published, input });
    await publishProposal(db, { writer, now: published, proposalId });
    proposalIds.push(proposalId);
  }
  await queueReadyProposals(db, at(-60));
  const { roundId } = await openRound(db, { now: OPENS });
  const ballots: [voter: number, votes: [proposal: number, votes: number][]][] = [
    [0, [[0, 10]]],
    [
      1,
      [
        [0, 5],
        [2, 3],
      ],
    ],
    [
      0,
      [
        [0, 10],
        [1, -5],
      ],
    ],
    [2, [[1, 6]]],
  ];
  for (const [index, [voter, votes]] of ballots.entries()) {
    await castBallot(db, {
      operatorId: operators[voter]![0]!.operatorId,
      roundId,
      allocations: votes.map(([proposal, v]) => ({ proposalId: proposalIds[proposal]!, votes: v })),
      source: "web",
      now: at(10 * (index + 1)),
    });
  }
  await closeRound(db, { now: at(60), roundId });
  return { db, roundId, proposalIds };
}

/**
 * The exports as a client receives them (JSON), read back through the verifier's own shape detection;
 * `counted` alone leaves out the ?all=1 list and the config versions, as a saved round file would.
 */
async function bundle(db: Db, roundId: string, { counted = false } = {}) {
  const exported = await exportRoundBallots(db, { roundId, all: false });
  const version = exported.configVersion!;
  const round = counted
    ? { counted: exported }
    : {
        counted: exported,
        all: await exportRoundBallots(db, { roundId, all: true }),
        configs: {
          base: await getConfigVersion(db, version - 1),
          created: await getConfigVersion(db, version),
        },
      };
  return JSON.parse(
    JSON.stringify({ audit: await exportAudit(db, { after: 0, limit: 1000 }), rounds: [round] }),
  ) as unknown;
}

async function verify(db: Db, roundId: string, options: { counted?: boolean } = {}) {
  const loaded = interpretExport(await bundle(db, roundId, options), "bundle");
  if (!("input" in loaded)) throw new Error(`The export is malformed: ${JSON.stringify(loaded.format)}`);
  const report = verifyExports(loaded.input);
  const failed = report.groups.filter((group) => group.differences.length > 0);
  return {
    report,
    failed: failed.map((group) => group.check),
    where: (check: CheckName) =>
      failed.find((group) => group.check === check)?.differences.map((difference) => difference.where) ?? [],
  };
}

async function eventSeq(db: Db, type: string, nth = 0): Promise<number> {
  const events = await db.governanceEvent.findMany({
    where: { type },
    orderBy: { seq: "asc" },
    select: { seq: true },
  });
  return events[nth]!.seq;
}

async function swapEventSeqs(db: Db, a: number, b: number): Promise<void> {
  await db.governanceEvent.update({ where: { seq: a }, data: { seq: -1 }, select: { seq: true } });
  await db.governanceEvent.update({ where: { seq: b }, data: { seq: a }, select: { seq: true } });
  await db.governanceEvent.update({ where: { seq: -1 }, data: { seq: b }, select: { seq: true } });
}

/** The public export and config routes over plain node:http, so the CLI can be given a base URL. */
async function serveExports(db: Db): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    const request = new Request(new URL(incoming.url!, "http://verify.test"));
    const { pathname } = new URL(request.url);
    const ballots = /^\/api\/v1\/rounds\/([^/]+)\/ballots$/.exec(pathname);
    const config = /^\/api\/v1\/config\/(\d+)$/.exec(pathname);
    const answer = ballots
      ? getRoundBallotsResponse(db, request, Promise.resolve({ roundId: ballots[1]! }))
      : config
        ? getConfigVersionResponse(db, request, Promise.resolve({ version: config[1]! }))
        : getAuditResponse(db, request);
    void answer.then(async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The CLI as its own process; asynchronous so this process can keep answering its requests. */
function runCli(target: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/verify.ts", target], { cwd: ROOT, timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run verify on a round built through the services", () => {
  it("passes the honest exports, with every check run and the counts it saw", async () => {
    const { db, roundId } = await closedRound();
    const { report } = await verify(db, roundId);
    expect(report.groups.map((group) => [group.check, group.differences, group.skipped])).toEqual(
      (
        [
          "audit chain",
          "rounds covered",
          "budgets",
          "ballots",
          "receipt chain",
          "tallies",
          "outcomes",
          "ratification",
          "config version",
          "audit cross-check",
        ] as const
      ).map((check) => [check, [], undefined]),
    );
    const summaries = Object.fromEntries(report.groups.map((group) => [group.check, group.summary]));
    expect(summaries.ballots).toBe("3 counted ballots");
    expect(summaries["receipt chain"]).toMatch(/^4 stored ballots, head [0-9a-f]{8}…$/);
    expect(summaries["audit cross-check"]).toMatch(/^4 ballot\.cast events, round\.closed at seq \d+$/);
    expect(summaries.outcomes).toBe("2 passed, 0 rejected, 1 superseded, 0 failed, config version 2");
    expect(summaries["config version"]).toBe("version 1 → 2, 2 proposals applied");
  });

  it("flags a ballot whose allocations were changed", async () => {
    const { db, roundId } = await closedRound();
    const ballot = await db.ballot.findFirstOrThrow({
      where: { roundId, seq: 2 },
      select: { allocations: true },
    });
    const allocations = JSON.parse(ballot.allocations) as { proposalId: string; votes: number }[];
    allocations[0]!.votes = 9;
    await db.ballot.update({
      where: { roundId_seq: { roundId, seq: 2 } },
      data: { allocations: JSON.stringify(allocations) },
      select: { id: true },
    });
    const { failed, where } = await verify(db, roundId);
    expect(failed).toEqual(["ballots", "receipt chain", "tallies"]);
    expect(where("receipt chain")).toEqual([expect.stringMatching(/^ballot 2 \(operator /)]);
  });

  it.each([
    ["a replaced ballot", 1, ["receipt chain", "audit cross-check"]],
    // B alone voted for raising the quorum: without its ballot that proposal's "passed" and the version it made are flagged too.
    ["a counted ballot", 2, ["receipt chain", "tallies", "outcomes", "config version", "audit cross-check"]],
  ] as const)("flags %s deleted", async (_label, seq, expected) => {
    const { db, roundId } = await closedRound();
    const ballot = await db.ballot.findFirstOrThrow({ where: { roundId, seq }, select: { id: true } });
    await db.roundVoter.updateMany({
      where: { countedBallotId: ballot.id },
      data: { countedBallotId: null },
    });
    await db.ballot.delete({ where: { id: ballot.id }, select: { id: true } });
    const { failed, where } = await verify(db, roundId);
    expect(failed).toEqual(expected);
    expect(where("receipt chain")).toEqual([
      expect.stringMatching(new RegExp(`^ballot ${seq} \\(operator `)),
    ]);
  });

  it("flags two ballots reordered (their seqs swapped)", async () => {
    const { db, roundId } = await closedRound();
    const setSeq = (from: number, to: number) =>
      db.ballot.update({
        where: { roundId_seq: { roundId, seq: from } },
        data: { seq: to },
        select: { id: true },
      });
    await setSeq(2, 1000);
    await setSeq(3, 2);
    await setSeq(1000, 3);
    const { failed, where } = await verify(db, roundId);
    // The prevReceipts of the moved ballots and the one after them break, and so do the receipts the
    // ballot.cast events published at the close.
    expect(failed).toEqual(["receipt chain", "audit cross-check"]);
    expect(where("receipt chain")).toEqual([
      expect.stringMatching(/^ballot 2 /),
      expect.stringMatching(/^ballot 3 /),
      expect.stringMatching(/^ballot 4 /),
    ]);
    const casts = [await eventSeq(db, "ballot.cast", 1), await eventSeq(db, "ballot.cast", 2)];
    expect(where("audit cross-check")).toEqual(casts.map((seq) => `seq ${seq} (ballot.cast)`));
  });

  it.each([
    ["every export", false],
    ["the counted ballots and the audit alone", true],
  ])(
    "flags the newest ballot deleted, from %s, by the head round.closed commits to",
    async (_label, counted) => {
      const { db, roundId } = await closedRound();
      const ballot = await db.ballot.findFirstOrThrow({ where: { roundId, seq: 4 }, select: { id: true } });
      await db.roundVoter.updateMany({
        where: { countedBallotId: ballot.id },
        data: { countedBallotId: null },
      });
      await db.ballot.delete({ where: { id: ballot.id }, select: { id: true } });
      const closedSeq = await eventSeq(db, "round.closed");
      const lastCastSeq = await eventSeq(db, "ballot.cast", 3);
      const { failed, where } = await verify(db, roundId, { counted });
      // Without C's votes lowering the reward no longer passes the vote, so its "superseded" is flagged too.
      expect(failed).toEqual(["tallies", "outcomes", "audit cross-check"]);
      // With the ?all=1 list the last ballot.cast also names a receipt the list no longer has.
      expect(new Set(where("audit cross-check"))).toEqual(
        new Set([
          ...(counted ? [] : [`seq ${lastCastSeq} (ballot.cast)`]),
          `seq ${closedSeq} (round.closed)`,
        ]),
      );
    },
  );

  it("flags an outcome changed from superseded to passed", async () => {
    const { db, roundId, proposalIds } = await closedRound();
    await db.roundProposal.update({
      where: { roundId_proposalId: { roundId, proposalId: proposalIds[1]! } },
      data: { outcome: "passed" },
      select: { proposalId: true },
    });
    const { failed, where } = await verify(db, roundId);
    expect(failed).toEqual(["ratification", "audit cross-check"]);
    expect(where("ratification")).toEqual([`proposal ${proposalIds[1]}`]);
  });

  it("flags an operator's nodes and budget raised after the round opened", async () => {
    const { db, roundId } = await closedRound();
    const voter = await db.roundVoter.findFirstOrThrow({
      where: { roundId },
      orderBy: { operatorId: "asc" },
      select: { operatorId: true, eligibleNodes: true, budget: true },
    });
    // Raised in proportion, as creditsPerNode × nodes would be: the clusters and the commitment tell.
    await db.roundVoter.update({
      where: { roundId_operatorId: { roundId, operatorId: voter.operatorId } },
      data: {
        eligibleNodes: voter.eligibleNodes + 5,
        budget: Math.round((Number(voter.budget) / voter.eligibleNodes) * (voter.eligibleNodes + 5)),
      },
      select: { operatorId: true },
    });
    const openedSeq = await eventSeq(db, "round.opened");
    const { failed, where } = await verify(db, roundId);
    expect(failed).toContain("audit cross-check");
    expect(where("audit cross-check")).toContain(`seq ${openedSeq} (round.opened)`);
  });

  it("flags a budget raised after the round opened: it no longer follows from the clusters, nor matches the commitment", async () => {
    const { db, roundId } = await closedRound();
    const voter = await db.roundVoter.findFirstOrThrow({
      where: { roundId, eligibleNodes: 2 },
      select: { operatorId: true, budget: true },
    });
    // Two nodes alone in one cluster: C × 2 = 200 credits, raised to 300.
    expect(voter.budget).toBe(200n);
    await db.roundVoter.update({
      where: { roundId_operatorId: { roundId, operatorId: voter.operatorId } },
      data: { budget: 300 },
      select: { operatorId: true },
    });
    const openedSeq = await eventSeq(db, "round.opened");
    const { failed, report, where } = await verify(db, roundId);
    expect(failed).toEqual(["budgets", "audit cross-check"]);
    expect(report.groups.find((group) => group.check === "budgets")?.differences).toEqual([
      {
        where: `operator ${voter.operatorId}`,
        what: 'budget does not follow from its clusters at 100 credits per node (product.md "Who counts")',
        expected: 200,
        found: 300,
      },
    ]);
    expect(where("audit cross-check")).toEqual([`seq ${openedSeq} (round.opened)`]);
  });

  it("flags a node moved to a cluster of its own after the round opened, its budget made to match, by the commitment alone", async () => {
    const { db, roundId } = await closedRound();
    const voter = await db.roundVoter.findFirstOrThrow({
      where: { roundId, eligibleNodes: 2 },
      select: { operatorId: true },
    });
    const node = await db.roundEligibleNode.findFirstOrThrow({
      where: { roundId, operatorId: voter.operatorId },
      orderBy: { nodeId: "asc" },
      select: { nodeId: true, clusterId: true },
    });
    // An opaque id like the others (16 hex digits) that no other node has: the operator's two nodes now
    // sit alone in two clusters, r = 2·√C, so 400 credits instead of 200 — consistent on its face.
    const forged = "0123456789abcdef";
    expect(node.clusterId).toMatch(/^[0-9a-f]{16}$/);
    expect(node.clusterId).not.toBe(forged);
    await db.roundEligibleNode.update({
      where: { roundId_nodeId: { roundId, nodeId: node.nodeId } },
      data: { clusterId: forged },
      select: { nodeId: true },
    });
    await db.roundVoter.update({
      where: { roundId_operatorId: { roundId, operatorId: voter.operatorId } },
      data: { budget: 400 },
      select: { operatorId: true },
    });
    const openedSeq = await eventSeq(db, "round.opened");
    const exported = await exportRoundBallots(db, { roundId, all: false });
    expect(exported.eligible.find((entry) => entry.operatorId === voter.operatorId)).toMatchObject({
      eligibleNodes: 2,
      budget: 400,
      clusters: expect.arrayContaining([{ clusterId: forged, nodes: 1, clusterNodes: 1 }]),
    });
    const opened = await db.governanceEvent.findUniqueOrThrow({
      where: { seq: openedSeq },
      select: { data: true },
    });
    const { failed, report } = await verify(db, roundId);
    // Budgets, ballots, tallies and outcomes all still add up: only the snapshot committed at open tells.
    expect(failed).toEqual(["audit cross-check"]);
    expect(report.groups.find((group) => group.check === "audit cross-check")?.differences).toEqual([
      {
        where: `seq ${openedSeq} (round.opened)`,
        what: "the export's eligible operators, nodes, clusters or budgets differ from the snapshot committed when the round opened",
        expected: (JSON.parse(opened.data) as { eligibleSha256: string }).eligibleSha256,
        found: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it("flags a round's quorum changed after the round opened", async () => {
    const { db, roundId } = await closedRound();
    await db.round.update({ where: { id: roundId }, data: { quorum: 0.05 }, select: { id: true } });
    const openedSeq = await eventSeq(db, "round.opened");
    const { failed, report } = await verify(db, roundId);
    expect(failed).toContain("audit cross-check");
    expect(report.groups.find((group) => group.check === "audit cross-check")?.differences).toEqual([
      {
        where: `seq ${openedSeq} (round.opened)`,
        what: "the export's quorum differs from the round's opening",
        expected: 0.2,
        found: 0.05,
      },
    ]);
  });

  it("flags an audit row whose data was changed", async () => {
    const { db, roundId } = await closedRound();
    const seq = await eventSeq(db, "round.opened");
    const row = await db.governanceEvent.findUniqueOrThrow({ where: { seq }, select: { data: true } });
    const data = { ...(JSON.parse(row.data) as Record<string, unknown>), eligibleNodes: 1000 };
    await db.governanceEvent.update({
      where: { seq },
      data: { data: JSON.stringify(data) },
      select: { seq: true },
    });
    const { failed, where } = await verify(db, roundId);
    // The forged Σ eligible nodes no longer matches the export either.
    expect(failed).toEqual(["audit chain", "audit cross-check"]);
    expect(where("audit chain")).toEqual([`seq ${seq}`]);
    expect(where("audit cross-check")).toEqual([`seq ${seq} (round.opened)`]);
  });

  it("flags a deleted audit row", async () => {
    const { db, roundId } = await closedRound();
    const seq = await eventSeq(db, "ballot.cast", 1);
    await db.governanceEvent.delete({ where: { seq }, select: { seq: true } });
    const { failed, where } = await verify(db, roundId);
    expect(failed).toEqual(["audit chain", "audit cross-check"]);
    expect(where("audit chain")).toEqual([`seq ${seq + 1}`, `seq ${seq + 1}`]);
  });

  it("flags audit rows reordered (their seqs swapped)", async () => {
    const { db, roundId } = await closedRound();
    const seq = await eventSeq(db, "round.opened");
    await swapEventSeqs(db, seq, seq + 1);
    const { failed, where } = await verify(db, roundId);
    expect(failed).toContain("audit chain");
    expect(where("audit chain")).toEqual(
      expect.arrayContaining([`seq ${seq}`, `seq ${seq + 1}`, `seq ${seq + 2}`]),
    );
  });

  it("the CLI on the server's base URL: exit 0 honest, 1 once an audit row is changed", async () => {
    const { db, roundId } = await closedRound();
    const server = await serveExports(db);
    try {
      const honest = await runCli(server.base);
      expect(honest.code, honest.stderr).toBe(0);
      expect(honest.stdout).toContain(`Found: server ${server.base}: audit export (`);
      expect(honest.stdout).toContain(`✓ round ${roundId} audit cross-check: 4 ballot.cast events`);
      expect(honest.stdout).toContain(
        `✓ round ${roundId} config version: version 1 → 2, 2 proposals applied`,
      );
      const seq = await eventSeq(db, "ballot.cast");
      await db.governanceEvent.update({ where: { seq }, data: { at: at(-1) }, select: { seq: true } });
      const tampered = await runCli(`${server.base}/`);
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(`✗ audit chain:`);
      expect(tampered.stdout).toContain(
        `    seq ${seq}: hash does not match the event's content (ballot.cast on round:${roundId})`,
      );
    } finally {
      await server.close();
    }
  }, 60_000);

  it("the CLI on saved bundles: exit 0 honest, 1 tampered, 2 for a file it cannot read", async () => {
    const { db, roundId } = await closedRound();
    const honest = await bundle(db, roundId);
    const tampered = structuredClone(honest) as { rounds: { counted: { tallies: { net: number }[] } }[] };
    tampered.rounds[0]!.counted.tallies[0]!.net += 1;
    const files = {
      honest: path.join(directory, "honest.json"),
      tampered: path.join(directory, "tampered.json"),
    };
    writeFileSync(files.honest, JSON.stringify(honest));
    writeFileSync(files.tampered, JSON.stringify(tampered));
    const run = (file: string) =>
      spawnSync(TSX, ["scripts/verify.ts", file], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });

    const passed = run(files.honest);
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stdout).toContain("Found: bundle (audit export and 1 round)");
    expect(passed.stdout).toContain("✓ audit chain:");
    const failed = run(files.tampered);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`✗ round ${roundId} tallies: 3 proposals, 1 difference`));
    const missing = run(path.join(directory, "missing.json"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Cannot read");
  }, 60_000);
});
