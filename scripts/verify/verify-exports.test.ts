/** The verifier on hand-built exports: honest ones pass, and each kind of corruption is flagged by the check it belongs to. */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import type { AuditExport, RoundBallotsExport, RoundConfigs } from "./export-shapes";
import { interpretExport } from "./load-exports";
import { formatReport, type CheckName } from "./report";
import { verifyExports, type VerifyInput } from "./verify-exports";

const hash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const jcs = (value: unknown) => canonicalize(value)!;

const ROUND = "r1";
type Votes = [proposalId: string, votes: number][];

/** Every ballot stored, in order; 3 operators vote, opA replaces its first ballot, opD (4 nodes) abstains. */
const BALLOTS: [operatorId: string, votes: Votes][] = [
  ["opA", [["p1", 5]]],
  [
    "opB",
    [
      ["p1", 10],
      ["p2", 4],
    ],
  ],
  [
    "opA",
    [
      ["p1", 6],
      ["p2", -8],
    ],
  ],
  [
    "opC",
    [
      ["p2", 10],
      ["p3", -3],
    ],
  ],
];

function storedBallots(ballots = BALLOTS, roundId = ROUND) {
  let prevReceipt = "";
  return ballots.map(([operatorId, votes], index) => {
    const submittedAt = new Date(Date.UTC(2030, 0, 2, 0, index)).toISOString();
    const allocations = votes.map(([proposalId, v]) => ({ proposalId, votes: v }));
    const receipt = hash(`${prevReceipt}\n${jcs({ roundId, operatorId, submittedAt, allocations })}`);
    const ballot = {
      operatorId,
      submittedAt,
      allocations,
      cost: votes.reduce((sum, [, v]) => sum + v * v, 0),
      prevReceipt,
      receipt,
    };
    prevReceipt = receipt;
    return ballot;
  });
}

// By hand, 10 eligible nodes: p1 16 net from opA (1 node) and opB (2): 30 % turnout, passes;
// p2 (gov.*) 14 for / 8 against is below 66 % support: rejected; p3 net −3: rejected.
const TALLIES = [
  {
    proposalId: "p1",
    touchesGov: false,
    net: 16,
    support: 16,
    opposition: 0,
    turnout: 0.3,
    outcome: "passed",
    reason: "",
  },
  {
    proposalId: "p2",
    touchesGov: true,
    net: 6,
    support: 14,
    opposition: 8,
    turnout: 0.6,
    outcome: "rejected",
    reason: "",
  },
  {
    proposalId: "p3",
    touchesGov: false,
    net: -3,
    support: 0,
    opposition: 3,
    turnout: 0.3,
    outcome: "rejected",
    reason: "",
  },
];

function roundExports(all = storedBallots()): { counted: RoundBallotsExport; all: RoundBallotsExport } {
  const header = {
    roundId: ROUND,
    opensAt: "2030-01-01T00:00:00.000Z",
    closesAt: "2030-01-04T00:00:00.000Z",
    creditsPerNode: 100,
    quorum: 0.2,
    metaSupermajority: 0.66,
    // Each operator's nodes make up one cluster of their own: budget C × n.
    eligible: [1, 2, 3, 4].map((nodes, index) => ({
      operatorId: `op${"ABCD"[index]}`,
      eligibleNodes: nodes,
      budget: 100 * nodes,
      clusters: [{ clusterId: `c${"ABCD"[index]}`, nodes, clusterNodes: nodes }],
    })),
    tallies: structuredClone(TALLIES),
    configVersion: 2,
  };
  const last = new Map(all.map((ballot) => [ballot.operatorId, ballot]));
  return {
    counted: {
      ...structuredClone(header),
      ballots: structuredClone(all.filter((ballot) => last.get(ballot.operatorId) === ballot)),
    },
    all: { ...header, ballots: all },
  };
}

type EventInput = { at?: string; type: string; subject: string; data: Record<string, unknown> };

function chain(events: EventInput[]): AuditExport {
  let prevHash = "";
  const chained = events.map((event, index) => {
    const fields = {
      seq: index + 1,
      at: event.at ?? new Date(Date.UTC(2030, 0, 1, 0, 0, index)).toISOString(),
      type: event.type,
      subject: event.subject,
      data: event.data,
    };
    const row = { ...fields, prevHash, hash: hash(`${prevHash}\n${jcs(fields)}`) };
    prevHash = row.hash;
    return row;
  });
  return { events: chained, head: { seq: chained.length, hash: prevHash } };
}

/** What each proposal changes, as its proposal.published event records it. */
const CHANGES: Record<string, Record<string, number>> = {
  p1: { "reward.perGbUploaded": 1.5 },
  p2: { "gov.quorum": 0.25 },
  p3: { "freeRider.graceDays": 3 },
};

const published = (proposalId: string, changes: Record<string, number>): EventInput => ({
  type: "proposal.published",
  subject: `proposal:${proposalId}`,
  data: {
    proposalId,
    title: `Proposal ${proposalId}`,
    changes: Object.entries(changes).map(([key, toValue]) => ({ key, fromValue: 0, toValue })),
  },
});

/** round.opened as the server records it, agreeing with roundExports(). */
const OPENED = {
  number: 1,
  opensAt: "2030-01-01T00:00:00.000Z",
  closesAt: "2030-01-04T00:00:00.000Z",
  creditsPerNode: 100,
  quorum: 0.2,
  metaSupermajority: 0.66,
  eligibleNodes: 10,
  voters: 4,
  proposalIds: ["p1", "p2", "p3"],
};

function auditEvents(all = storedBallots(), tallies = TALLIES, changes = CHANGES): EventInput[] {
  const subject = `round:${ROUND}`;
  return [
    ...Object.entries(changes).map(([proposalId, values]) => published(proposalId, values)),
    { type: "round.opened", subject, data: OPENED },
    // Appended at the close, with their receipts, just before round.closed.
    ...all.map((ballot, index) => ({
      type: "ballot.cast",
      subject,
      data: { roundId: ROUND, seq: index + 1, receipt: ballot.receipt },
    })),
    {
      type: "round.closed",
      subject,
      data: {
        number: 1,
        configVersion: 2,
        ballotCount: all.length,
        headReceipt: all.at(-1)?.receipt ?? "",
        tallies: tallies.map(({ proposalId, net, support, opposition, turnout, outcome }) => ({
          proposalId,
          net,
          support,
          opposition,
          turnout,
          outcome,
        })),
      },
    },
  ];
}

const BASE_PARAMS = {
  "reward.perGbUploaded": 1,
  "freeRider.minShareRatio": 0.5,
  "freeRider.throttleFactor": 0.5,
  "freeRider.graceDays": 7,
  "selection.weightSpeed": 0.4,
  "selection.weightReliability": 0.3,
  "selection.weightContribution": 0.3,
  "gov.quorum": 0.2,
};

/** Version 1 the round built on and version 2 it created by applying p1. */
function configs(): RoundConfigs {
  return {
    base: { version: 1, proposals: [], params: { ...BASE_PARAMS } },
    created: { version: 2, proposals: ["p1"], params: { ...BASE_PARAMS, "reward.perGbUploaded": 1.5 } },
  };
}

function honest(): VerifyInput & {
  audit: AuditExport;
  rounds: [{ counted: RoundBallotsExport; all: RoundBallotsExport; configs: RoundConfigs }];
} {
  return { audit: chain(auditEvents()), rounds: [{ ...roundExports(), configs: configs() }] };
}

function failed(input: VerifyInput): CheckName[] {
  return verifyExports(input)
    .groups.filter((group) => group.differences.length > 0)
    .map((group) => group.check);
}

function differences(input: VerifyInput, check: CheckName) {
  return verifyExports(input).groups.find((group) => group.check === check)!.differences;
}

describe("verifyExports on honest exports", () => {
  it("passes every check and says what it counted", () => {
    const report = verifyExports(honest());
    expect(report.groups.map((group) => [group.check, group.differences])).toEqual(
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
      ).map((check) => [check, []]),
    );
    expect(report.ok).toBe(true);
    const text = formatReport(report);
    expect(text).toContain(`✓ audit chain: 9 events, head ${honest().audit.head.hash.slice(0, 8)}…`);
    expect(text).toContain("✓ round r1 ballots: 3 counted ballots");
    expect(text).toContain(
      "✓ round r1 outcomes: 1 passed, 2 rejected, 0 superseded, 0 failed, config version 2",
    );
    expect(text).toContain("✓ round r1 ratification: 1 proposal passed the vote, ratified in the order p1");
    expect(text).toContain("✓ round r1 config version: version 1 → 2, 1 proposal applied");
    expect(text).not.toContain("✗");
  });

  it("the vote rule alone accepts superseded and failed for proposals that pass it, and a round where nothing passed", () => {
    const input = honest();
    input.rounds[0].counted.tallies[0]!.outcome = "superseded";
    input.rounds[0].all.tallies[0]!.outcome = "superseded";
    expect(differences(input, "outcomes")).toEqual([
      expect.objectContaining({ where: "configVersion", found: 2 }),
    ]);
    input.rounds[0].counted.configVersion = null;
    input.rounds[0].all.configVersion = null;
    expect(differences(input, "outcomes")).toEqual([]);
    input.rounds[0].counted.tallies[0]!.outcome = "failed";
    expect(differences(input, "outcomes")).toEqual([]);
  });

  it("skips the cross-checks it lacks input for without failing", () => {
    const { counted } = roundExports();
    const report = verifyExports({ rounds: [{ counted }] });
    expect(report.ok).toBe(true);
    expect(report.groups.filter((group) => group.skipped).map((group) => group.check)).toEqual([
      "receipt chain",
      "ratification",
      "config version",
      "audit cross-check",
    ]);
    expect(formatReport(report)).toContain("– round r1 receipt chain: skipped");
  });
});

describe("verifyExports flags each kind of corruption", () => {
  it("an audit row whose data changed", () => {
    const input = honest();
    input.audit.events[1]!.data.number = 7;
    expect(failed(input)).toEqual(["audit chain"]);
    expect(differences(input, "audit chain")).toEqual([
      expect.objectContaining({ where: "seq 2", what: expect.stringContaining("hash does not match") }),
    ]);
  });

  it("a deleted audit row", () => {
    const input = honest();
    input.audit.events.splice(4, 1);
    expect(failed(input)).toEqual(["audit chain", "audit cross-check"]);
    const where = differences(input, "audit chain").map((difference) => difference.where);
    expect(where).toEqual(["seq 6", "seq 6"]);
  });

  it("two audit rows swapped (seq exchanged)", () => {
    const input = honest();
    const [fifth, sixth] = [input.audit.events[4]!, input.audit.events[5]!];
    input.audit.events[4] = { ...sixth, seq: 5 };
    input.audit.events[5] = { ...fifth, seq: 6 };
    expect(failed(input)).toContain("audit chain");
    expect(new Set(differences(input, "audit chain").map((difference) => difference.where))).toEqual(
      new Set(["seq 5", "seq 6", "seq 7"]),
    );
  });

  it('an audit chain that starts anywhere but "", or a head that is not its last event', () => {
    const restarted = honest();
    restarted.audit = chain(auditEvents());
    restarted.audit.events[0]!.prevHash = "0".repeat(64);
    expect(differences(restarted, "audit chain")[0]).toMatchObject({ where: "seq 1", expected: "" });
    const truncated = honest();
    truncated.audit.events.pop();
    expect(differences(truncated, "audit chain")).toEqual([
      expect.objectContaining({ where: "head", what: expect.stringContaining("export every page") }),
    ]);
  });

  it("a budget that does not follow from the operator's clusters", () => {
    const input = honest();
    input.rounds[0].counted.eligible[0]!.budget = 1000;
    expect(differences(input, "budgets")).toEqual([
      expect.objectContaining({ where: "operator opA", expected: 100, found: 1000 }),
    ]);
  });

  it("budgets of operators sharing a cluster: √(C/N) votes per node", () => {
    const input = honest();
    const [opA, opB] = input.rounds[0].counted.eligible;
    // opA's node and opB's 2 nodes in one cluster of 3: opA holds ⌈√(100·10¹²/3)⌉ micro-votes.
    opA!.clusters = [{ clusterId: "shared", nodes: 1, clusterNodes: 3 }];
    opB!.clusters = [{ clusterId: "shared", nodes: 2, clusterNodes: 3 }];
    opA!.budget = 33;
    opB!.budget = 133;
    expect(differences(input, "budgets")).toEqual([]);
    opB!.budget = 200;
    expect(differences(input, "budgets")).toEqual([
      expect.objectContaining({ where: "operator opB", expected: 133, found: 200 }),
    ]);
  });

  it("clusters whose sizes disagree, or whose nodes do not add up", () => {
    const input = honest();
    const [opA, opB, opC] = input.rounds[0].counted.eligible;
    opA!.clusters = [{ clusterId: "shared", nodes: 1, clusterNodes: 3 }];
    opB!.clusters = [{ clusterId: "shared", nodes: 2, clusterNodes: 4 }];
    opC!.clusters = [{ clusterId: "cC", nodes: 2, clusterNodes: 3 }];
    expect(differences(input, "budgets").map(({ where, what }) => `${where}: ${what}`)).toEqual([
      expect.stringMatching(/^operator opA: budget does not follow/),
      expect.stringMatching(/^operator opB: budget does not follow/),
      "operator opC: its nodes in clusters do not add up to its eligible nodes",
      expect.stringMatching(/^operator opC: budget does not follow/),
      "cluster shared: operators give the cluster different sizes",
      "cluster cC: its size is not the sum of the nodes its operators have in it",
    ]);
  });

  it("a ballot whose allocations changed", () => {
    const input = honest();
    input.rounds[0].counted.ballots[0]!.allocations[0]!.votes = 11;
    expect(failed(input)).toEqual(["ballots", "tallies"]);
    expect(differences(input, "ballots").map((difference) => difference.what)).toEqual([
      "cost is not Σ votes²",
      "receipt does not match the ballot's content",
    ]);
  });

  it("a ballot over budget, unsorted, from an ineligible operator or on an unknown proposal, even with honest receipts", () => {
    const stored = storedBallots([
      [
        "opA",
        [
          ["p2", 1],
          ["p1", 10],
        ],
      ],
      ["opB", [["p1", 15]]],
      ["opX", [["p1", 1]]],
      ["opC", [["p9", 1]]],
    ]);
    const { counted } = roundExports(stored);
    const found = differences({ rounds: [{ counted }] }, "ballots").map(
      ({ where, what }) => `${where}: ${what}`,
    );
    expect(found).toEqual([
      "operator opA: allocations are not sorted by proposalId (each proposal at most once)",
      "operator opA: the ballot costs more than the operator's budget",
      "operator opB: the ballot costs more than the operator's budget",
      "operator opX: cast a counted ballot but is not among the eligible operators",
      "operator opC, proposal p9: votes on a proposal that is not in the round's tallies",
    ]);
  });

  it("a deleted ballot (replaced or counted)", () => {
    const replaced = honest();
    replaced.rounds[0].all.ballots.splice(0, 1);
    expect(failed(replaced)).toEqual(["receipt chain", "audit cross-check"]);
    expect(differences(replaced, "receipt chain")).toEqual([
      expect.objectContaining({ where: "ballot 1 (operator opB)", expected: "" }),
    ]);
    // Each ballot.cast from the gap on names a receipt the shortened list has elsewhere or not at all.
    expect(differences(replaced, "audit cross-check").map(({ where, what }) => `${where}: ${what}`)).toEqual([
      "seq 5 (ballot.cast): receipt differs from ballot 1 of the ?all=1 list",
      "seq 6 (ballot.cast): receipt differs from ballot 2 of the ?all=1 list",
      "seq 7 (ballot.cast): receipt differs from ballot 3 of the ?all=1 list",
      "seq 8 (ballot.cast): receipt differs from ballot 4 of the ?all=1 list",
      "seq 9 (round.closed): ballotCount differs from the number of ballots in the ?all=1 list",
    ]);

    const counted = honest();
    counted.rounds[0].counted.ballots.splice(0, 1);
    counted.rounds[0].all.ballots.splice(1, 1);
    // Without opB's votes p1 misses the quorum, so its "passed" and the version it made are flagged too.
    expect(failed(counted)).toEqual([
      "receipt chain",
      "tallies",
      "outcomes",
      "config version",
      "audit cross-check",
    ]);
    expect(differences(counted, "receipt chain")).toEqual([
      expect.objectContaining({
        where: "ballot 2 (operator opA)",
        what: expect.stringContaining("prevReceipt"),
      }),
    ]);

    // The newest ballot leaves no gap in the receipt chain; round.closed still commits to it.
    const newest = honest();
    const head = newest.rounds[0].all.ballots[3]!.receipt;
    newest.rounds[0].counted.ballots.splice(2, 1);
    newest.rounds[0].all.ballots.splice(3, 1);
    expect(failed(newest)).toEqual(["tallies", "audit cross-check"]);
    expect(
      differences(newest, "audit cross-check").map(({ what, expected, found }) => [what, expected, found]),
    ).toEqual([
      ["receipt differs from ballot 4 of the ?all=1 list", null, head],
      ["ballotCount differs from the number of ballots in the ?all=1 list", 3, 4],
      [
        "headReceipt is not the receipt of the last ballot in the ?all=1 list",
        newest.rounds[0].all.ballots[2]!.receipt,
        head,
      ],
    ]);
  });

  it("the newest ballot deleted from a counted export checked against the audit alone", () => {
    const { audit, rounds } = honest();
    const counted = rounds[0].counted;
    counted.ballots.pop();
    const input: VerifyInput = { audit, rounds: [{ counted }] };
    expect(differences(input, "audit cross-check")).toEqual([
      expect.objectContaining({
        where: "seq 9 (round.closed)",
        what: expect.stringContaining("headReceipt is not the receipt of a counted ballot"),
      }),
    ]);
    const events = auditEvents();
    events.at(-1)!.data.ballotCount = 1;
    const undercounted = { audit: chain(events), rounds: [{ counted: roundExports().counted }] };
    expect(differences(undercounted, "audit cross-check")).toContainEqual(
      expect.objectContaining({
        what: "ballotCount is fewer than the counted ballots",
        expected: "≥ 3",
        found: 1,
      }),
    );
    const none: VerifyInput = { audit, rounds: [{ counted: { ...counted, ballots: [] } }] };
    expect(differences(none, "audit cross-check").map((difference) => difference.what)).toEqual([
      expect.stringContaining("headReceipt"),
    ]);
  });

  it("ballot.cast events out of order, or fewer than round.closed counts", () => {
    const events = auditEvents();
    [events[5], events[6]] = [events[6]!, events[5]!];
    const reordered = { ...honest(), audit: chain(events) };
    const [, second, third] = reordered.rounds[0].all.ballots.map((ballot) => ballot.receipt);
    expect(failed(reordered)).toEqual(["audit cross-check"]);
    expect(
      differences(reordered, "audit cross-check").map(({ where, expected, found }) => [
        where,
        expected,
        found,
      ]),
    ).toEqual([
      ["seq 6 (ballot.cast)", 2, 3],
      ["seq 6 (ballot.cast)", second, third],
      ["seq 7 (ballot.cast)", 3, 2],
      ["seq 7 (ballot.cast)", third, second],
    ]);
    const dropped = { ...honest(), audit: chain(auditEvents().filter((_event, index) => index !== 7)) };
    expect(differences(dropped, "audit cross-check").map((difference) => difference.what)).toEqual([
      "ballotCount differs from the round's ballot.cast events",
    ]);
  });

  it("still reads ballot.cast events recorded without a receipt; one with a receipt must match the ?all=1 list", () => {
    const withReceipt = (receipt?: string) =>
      auditEvents().map((event) =>
        event.type === "ballot.cast" ? { ...event, data: { ...event.data, receipt } } : event,
      );
    expect(verifyExports({ ...honest(), audit: chain(withReceipt()) }).ok).toBe(true);
    const forged = { ...honest(), audit: chain(withReceipt("0".repeat(64))) };
    expect(failed(forged)).toEqual(["audit cross-check"]);
    expect(differences(forged, "audit cross-check").map(({ where, what }) => `${where}: ${what}`)).toEqual(
      [1, 2, 3, 4].map(
        (n) => `seq ${n + 4} (ballot.cast): receipt differs from ballot ${n} of the ?all=1 list`,
      ),
    );
  });

  it("an export whose rules, times, eligible nodes or proposals differ from round.opened", () => {
    const input = honest();
    for (const round of [input.rounds[0].counted, input.rounds[0].all]) {
      round.quorum = 0.1;
      round.closesAt = "2030-01-05T00:00:00.000Z";
      round.eligible[0] = {
        operatorId: "opA",
        eligibleNodes: 2,
        budget: 200,
        clusters: [{ clusterId: "cA", nodes: 2, clusterNodes: 2 }],
      };
    }
    expect(
      differences(input, "audit cross-check").map(({ where, what, expected, found }) => [
        where,
        what,
        expected,
        found,
      ]),
    ).toEqual([
      ["seq 4 (round.opened)", "the export's quorum differs from the round's opening", 0.2, 0.1],
      [
        "seq 4 (round.opened)",
        "the export's closesAt differs from the round's opening",
        "2030-01-04T00:00:00.000Z",
        "2030-01-05T00:00:00.000Z",
      ],
      ["seq 4 (round.opened)", "the export's Σ eligible nodes differs from the round's opening", 10, 11],
    ]);

    const events = auditEvents().map((event) =>
      event.type === "round.opened" ? { ...event, data: { ...OPENED, proposalIds: ["p1", "p2"] } } : event,
    );
    expect(differences({ ...honest(), audit: chain(events) }, "audit cross-check")).toEqual([
      {
        where: "seq 4 (round.opened)",
        what: "the export's set of tallied proposals differs from the round's opening",
        expected: ["p1", "p2"],
        found: ["p1", "p2", "p3"],
      },
    ]);
  });

  it("two ballots reordered", () => {
    const input = honest();
    const all = input.rounds[0].all.ballots;
    [all[1], all[2]] = [all[2]!, all[1]!];
    // Both the chain of prevReceipts and the receipts the ballot.cast events published at the close show it.
    expect(failed(input)).toEqual(["receipt chain", "audit cross-check"]);
    expect(differences(input, "audit cross-check").map((difference) => difference.where)).toEqual([
      "seq 6 (ballot.cast)",
      "seq 7 (ballot.cast)",
    ]);
    expect(differences(input, "receipt chain").map((difference) => difference.where)).toEqual([
      "ballot 2 (operator opA)",
      "ballot 3 (operator opB)",
      "ballot 4 (operator opC)",
    ]);
  });

  it("a replaced ballot counted instead of the operator's last", () => {
    const input = honest();
    const stale = storedBallots()[0]!;
    input.rounds[0].counted.ballots = input.rounds[0].counted.ballots.map((ballot) =>
      ballot.operatorId === "opA" ? stale : ballot,
    );
    expect(differences(input, "receipt chain")).toEqual([
      expect.objectContaining({
        where: "operator opA",
        what: "the counted ballot is not the operator's last ballot",
      }),
    ]);
  });

  it("an ?all=1 export that disagrees with the counted one outside its ballots", () => {
    const input = honest();
    input.rounds[0].all.eligible[1]!.budget = 201;
    expect(failed(input)).toEqual(["receipt chain"]);
    expect(differences(input, "receipt chain")).toEqual([
      expect.objectContaining({
        where: "?all=1 export, eligible[1]",
        found: {
          operatorId: "opB",
          eligibleNodes: 2,
          budget: 201,
          clusters: [{ clusterId: "cB", nodes: 2, clusterNodes: 2 }],
        },
      }),
    ]);
  });

  it("a tally that does not match the recount, turnout beyond 1e-12", () => {
    const input = honest();
    input.rounds[0].counted.tallies[2]!.net = -2;
    input.rounds[0].counted.tallies[0]!.turnout = 0.3 + 1e-9;
    input.rounds[0].counted.tallies[1]!.turnout = 0.6 + 1e-14;
    expect(differences(input, "tallies").map(({ where, what }) => `${where}: ${what}`)).toEqual([
      "proposal p1: turnout does not match the recount of the counted ballots",
      "proposal p3: net does not match the recount of the counted ballots",
    ]);
  });

  it("outcomes that contradict the vote rule, or a config version without a passed proposal", () => {
    const input = honest();
    const tallies = input.rounds[0].counted.tallies;
    tallies[0]!.outcome = "rejected";
    tallies[1]!.outcome = "passed";
    expect(differences(input, "outcomes").map(({ where, expected }) => [where, expected])).toEqual([
      ["proposal p1", "passed, superseded or failed"],
      ["proposal p2", "rejected"],
    ]);
    tallies[1]!.outcome = "rejected";
    expect(differences(input, "outcomes").map((difference) => difference.where)).toEqual([
      "proposal p1",
      "configVersion",
    ]);
  });

  it("a round.closed event whose tallies or configVersion differ from the export", () => {
    const input = honest();
    const recorded = structuredClone(TALLIES);
    recorded[0]!.net = 15;
    input.audit = chain(auditEvents(storedBallots(), recorded));
    expect(failed(input)).toEqual(["audit cross-check"]);
    expect(differences(input, "audit cross-check")).toEqual([
      expect.objectContaining({ where: "seq 9 (round.closed), proposal p1", expected: 16, found: 15 }),
    ]);
    input.rounds[0].counted.configVersion = 3;
    input.rounds[0].all.configVersion = 3;
    expect(differences(input, "audit cross-check").map((difference) => difference.what)).toContain(
      "configVersion differs from the export",
    );
  });

  it("a round missing from the bundle, or exported without a round.closed event", () => {
    const missing: VerifyInput = { audit: honest().audit, rounds: [] };
    expect(differences(missing, "rounds covered")).toEqual([
      expect.objectContaining({ where: "round r1", what: expect.stringContaining("(seq 9)") }),
    ]);
    const unclosed = honest();
    unclosed.audit = chain(auditEvents().slice(0, -1));
    expect(failed(unclosed)).toEqual(["rounds covered", "audit cross-check"]);
  });
});

/** honest() with other tallies (in both exports and round.closed) and other recorded changes. */
function withTallies(change: (tallies: typeof TALLIES) => void, changes = CHANGES) {
  const tallies = structuredClone(TALLIES);
  change(tallies);
  const input = honest();
  input.rounds[0].counted.tallies = structuredClone(tallies);
  input.rounds[0].all.tallies = structuredClone(tallies);
  input.audit = chain(auditEvents(storedBallots(), tallies, changes));
  return input;
}

/** Nothing passed: no config version in the exports, the round.closed event or the configs. */
function withoutVersion(input: ReturnType<typeof honest>) {
  input.rounds[0].counted.configVersion = null;
  input.rounds[0].all.configVersion = null;
  input.rounds[0].configs.created = null;
  const events = input.audit.events.map(({ at, type, subject, data }) => ({ at, type, subject, data }));
  events.at(-1)!.data = { ...events.at(-1)!.data, configVersion: null };
  input.audit = chain(events);
  return input;
}

const withoutConfigs = ({ audit, rounds: [{ counted, all }] }: ReturnType<typeof honest>): VerifyInput => ({
  audit,
  rounds: [{ counted, all }],
});

describe("ratification replayed from the proposals' recorded changes", () => {
  // p2 made non-gov and changing p1's parameter: it passes the vote with net 6 against p1's 16.
  const rival = { ...CHANGES, p2: { "reward.perGbUploaded": 0.5 } };

  it("accepts the lower-net proposal on a taken parameter as superseded", () => {
    const input = withTallies((tallies) => {
      tallies[1]!.touchesGov = false;
      tallies[1]!.outcome = "superseded";
    }, rival);
    expect(failed(input)).toEqual([]);
    expect(formatReport(verifyExports(input))).toContain(
      "ratification: 2 proposals passed the vote, ratified in the order p1, p2",
    );
  });

  it("flags a superseded-by-lower-net export, with or without the config versions", () => {
    const input = withTallies((tallies) => {
      tallies[0]!.outcome = "superseded";
      tallies[1]!.touchesGov = false;
      tallies[1]!.outcome = "passed";
    }, rival);
    input.rounds[0].configs.created = {
      version: 2,
      proposals: ["p2"],
      params: { ...BASE_PARAMS, "reward.perGbUploaded": 0.5 },
    };
    expect(failed(input)).toEqual(["ratification", "config version"]);
    expect(
      differences(input, "ratification").map(({ where, expected, found }) => [where, expected, found]),
    ).toEqual([
      ["proposal p1", "passed or failed", "superseded"],
      ["proposal p2", "superseded", "passed"],
    ]);
    expect(differences(input, "config version").map((difference) => difference.where)).toEqual([
      "config version 2",
      "config version 2, reward.perGbUploaded",
    ]);
    const fileOnly = withoutConfigs(input);
    expect(failed(fileOnly)).toEqual(["ratification"]);
    expect(differences(fileOnly, "ratification").map((difference) => difference.where)).toEqual([
      "proposal p1",
    ]);
    expect(formatReport(verifyExports(fileOnly))).toContain(
      "– round r1 config version: skipped, the cross-parameter rules",
    );
  });

  it("flags touchesGov that does not match the recorded changes", () => {
    const input = honest();
    for (const round of [input.rounds[0].counted, input.rounds[0].all]) round.tallies[1]!.touchesGov = false;
    expect(differences(input, "ratification")).toEqual([
      expect.objectContaining({ where: "proposal p2", expected: true, found: false }),
    ]);
  });

  it.each([
    [
      "selection weights that no longer sum to 1",
      { "selection.weightSpeed": 0.5 },
      /selection weights add up to 1\.1/,
    ],
    [
      "a throttle of 1 with the free-rider rule on",
      { "freeRider.throttleFactor": 1 },
      /throttleFactor is 1, not below 1/,
    ],
  ])("decides failed from the previous version's params: %s", (_label, breaking, reason) => {
    const changes = { ...CHANGES, p1: breaking };
    const honestFailure = withoutVersion(withTallies((tallies) => (tallies[0]!.outcome = "failed"), changes));
    expect(failed(honestFailure)).toEqual([]);
    const claimed = withTallies(() => {}, changes);
    claimed.rounds[0].configs.created!.params = { ...BASE_PARAMS, ...breaking };
    expect(failed(claimed)).toEqual(["config version"]);
    expect(differences(claimed, "config version")[0]).toMatchObject({
      where: "proposal p1",
      what: expect.stringMatching(reason),
      expected: "failed",
      found: "passed",
    });
    expect(verifyExports(withoutConfigs(claimed)).ok).toBe(true);
  });

  it("flags a passing proposal exported as failed though it breaks no rule", () => {
    const input = withoutVersion(withTallies((tallies) => (tallies[0]!.outcome = "failed")));
    expect(failed(input)).toEqual(["config version"]);
    expect(differences(input, "config version")).toEqual([
      expect.objectContaining({ where: "proposal p1", expected: "passed", found: "failed" }),
      expect.objectContaining({ where: "configVersion", expected: ["p1"] }),
    ]);
  });

  it("uses the changes a proposal.base-confirmed event re-stated last", () => {
    const events = auditEvents(storedBallots(), TALLIES, { ...CHANGES, p1: { "reward.perGbUploaded": 1.2 } });
    const confirmed: EventInput = {
      type: "proposal.base-confirmed",
      subject: "proposal:p1",
      data: {
        proposalId: "p1",
        baseVersion: 1,
        changes: [{ key: "reward.perGbUploaded", fromValue: 1, previousFromValue: 0.9, toValue: 1.5 }],
      },
    };
    const input = honest();
    input.audit = chain([...events.slice(0, 3), confirmed, ...events.slice(3)]);
    expect(failed(input)).toEqual([]);
    input.audit = chain(events);
    expect(differences(input, "config version")).toEqual([
      expect.objectContaining({ where: "config version 2, reward.perGbUploaded", expected: 1.2, found: 1.5 }),
    ]);
  });

  it("flags a created version whose proposals or params are not the passed changes applied", () => {
    const input = honest();
    const created = input.rounds[0].configs.created!;
    created.proposals = ["p1", "p3"];
    created.params["gov.quorum"] = 0.3;
    delete created.params["freeRider.graceDays"];
    expect(
      differences(input, "config version").map(({ where, expected, found }) => [where, expected, found]),
    ).toEqual([
      ["config version 2", ["p1"], ["p1", "p3"]],
      ["config version 2, freeRider.graceDays", 7, null],
      ["config version 2, gov.quorum", 0.2, 0.3],
    ]);
    input.rounds[0].configs.base.version = 0;
    expect(differences(input, "config version")[0]).toMatchObject({ where: "config version 0", expected: 1 });
  });

  it("flags a proposal whose changes the audit chain does not record", () => {
    const { p1, p2 } = CHANGES;
    const input = honest();
    input.audit = chain(auditEvents(storedBallots(), TALLIES, { p1: p1!, p2: p2! }));
    expect(differences(input, "ratification")).toEqual([
      expect.objectContaining({
        where: "proposal p3",
        what: expect.stringContaining("no proposal.published"),
      }),
    ]);
  });
});

describe("interpretExport detects the input by its shape", () => {
  it("bundle, audit export, counted and ?all=1 round exports", () => {
    const { audit, rounds } = honest();
    expect(interpretExport({ audit, rounds }, "f").found).toBe("bundle (audit export and 1 round)");
    expect(interpretExport(audit, "f").found).toBe("audit export (9 events)");
    expect(interpretExport(rounds[0].counted, "f").found).toBe(
      "round ballots export (round r1, counted ballots)",
    );
    const all = interpretExport(rounds[0].all, "f");
    expect(all.found).toBe("round ballots export (round r1, every stored ballot: ?all=1)");
    expect("input" in all && verifyExports(all.input).ok).toBe(true);
    expect(
      "input" in all && all.input.rounds?.[0]?.counted.ballots.map((ballot) => ballot.operatorId),
    ).toEqual(["opB", "opA", "opC"]);
  });

  it("a bundle's config versions as the server publishes them (base64url envelope)", () => {
    const { audit, rounds } = honest();
    const { base, created } = rounds[0].configs;
    const published = (envelope: typeof base, version = envelope.version) => ({
      version,
      envelope: Buffer.from(JSON.stringify({ schema: "plenum.config/1", ...envelope })).toString("base64url"),
      sha256: "",
    });
    const bundle = (configs: unknown) => ({ audit, rounds: [{ ...rounds[0], configs }] });
    const loaded = interpretExport(bundle({ base: published(base), created: published(created!) }), "f");
    expect("input" in loaded && verifyExports(loaded.input).ok).toBe(true);
    expect("input" in loaded && loaded.input.rounds?.[0]?.configs?.created?.params).toEqual(created!.params);
    const mismatched = interpretExport(
      bundle({ base: published(base), created: published(created!, 3) }),
      "f",
    );
    expect("format" in mismatched && mismatched.format.differences).toEqual([
      expect.objectContaining({ where: "rounds.0.configs.created.envelope.version" }),
    ]);
    const garbled = interpretExport(bundle({ base: { version: 1, envelope: "!!" }, created: null }), "f");
    expect("format" in garbled && garbled.format.differences).toEqual([
      expect.objectContaining({
        where: "rounds.0.configs.base.envelope",
        what: "is not base64url-encoded JSON",
      }),
    ]);
  });

  it("reports a malformed export as a format difference and an unknown document as an input error", () => {
    const { audit } = honest();
    const broken = interpretExport({ ...audit, events: [{ ...audit.events[0], seq: "1" }] }, "f");
    expect("format" in broken && broken.format.differences).toEqual([
      expect.objectContaining({ where: "events.0.seq" }),
    ]);
    expect(() => interpretExport({ hello: 1 }, "f.json")).toThrow(/f\.json is not an audit export/);
  });
});
