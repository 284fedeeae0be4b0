import { checkRatification } from "./check-ratification";
import type { AuditEvent, ExportedBallot, RoundBallotsExport, RoundConfigs } from "./export-shapes";
import { canonical, sha256Hex } from "./hashing";
import { count, shortHash, type CheckGroup, type Difference } from "./report";
import { voteRule, type Recount } from "./vote-rule";

/**
 * A closed round as published: the counted ballots and, when available, every stored ballot (?all=1)
 * and the config versions it built on and created.
 */
export interface RoundExports {
  counted: RoundBallotsExport;
  all?: RoundBallotsExport;
  configs?: RoundConfigs;
}

const TURNOUT_TOLERANCE = 1e-12;
const OUTCOMES = ["passed", "rejected", "superseded", "failed"];
const TALLY_FIELDS = ["net", "support", "opposition", "outcome"] as const;
/** Fields the ?all=1 export must share with the counted one: everything but the ballot list. */
const SHARED_FIELDS = [
  "opensAt",
  "closesAt",
  "creditsPerNode",
  "quorum",
  "metaSupermajority",
  "eligible",
  "tallies",
  "configVersion",
] as const;

export function ballotReceipt(roundId: string, ballot: ExportedBallot): string {
  const { operatorId, submittedAt } = ballot;
  const allocations = ballot.allocations.map(({ proposalId, votes }) => ({ proposalId, votes }));
  return sha256Hex(`${ballot.prevReceipt}\n${canonical({ roundId, operatorId, submittedAt, allocations })}`);
}

const sameTurnout = (a: number, b: number) => Math.abs(a - b) <= TURNOUT_TOLERANCE;

function checkBudgets(round: RoundBallotsExport): CheckGroup {
  const differences: Difference[] = [];
  const seen = new Set<string>();
  for (const voter of round.eligible) {
    const where = `operator ${voter.operatorId}`;
    if (seen.has(voter.operatorId)) differences.push({ where, what: "is listed twice among the eligible" });
    seen.add(voter.operatorId);
    const budget = round.creditsPerNode * voter.eligibleNodes;
    if (voter.budget !== budget) {
      differences.push({
        where,
        what: `budget is not creditsPerNode × eligibleNodes (${round.creditsPerNode} × ${voter.eligibleNodes})`,
        expected: budget,
        found: voter.budget,
      });
    }
  }
  const nodes = round.eligible.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
  return {
    check: "budgets",
    roundId: round.roundId,
    summary: `${count(round.eligible.length, "operator")}, ${count(nodes, "eligible node")}, ${count(round.creditsPerNode, "credit")} per node`,
    differences,
  };
}

function checkBallots(round: RoundBallotsExport): CheckGroup {
  const differences: Difference[] = [];
  const eligible = new Map(round.eligible.map((voter) => [voter.operatorId, voter]));
  const proposalIds = new Set(round.tallies.map((tally) => tally.proposalId));
  const seen = new Set<string>();
  for (const ballot of round.ballots) {
    const where = `operator ${ballot.operatorId}`;
    const voter = eligible.get(ballot.operatorId);
    if (!voter)
      differences.push({ where, what: "cast a counted ballot but is not among the eligible operators" });
    if (seen.has(ballot.operatorId)) differences.push({ where, what: "has more than one counted ballot" });
    seen.add(ballot.operatorId);
    const ids = ballot.allocations.map((allocation) => allocation.proposalId);
    if (ids.some((proposalId, index) => index > 0 && ids[index - 1]! >= proposalId)) {
      differences.push({
        where,
        what: "allocations are not sorted by proposalId (each proposal at most once)",
        expected: [...new Set(ids)].sort(),
        found: ids,
      });
    }
    for (const proposalId of ids.filter((proposalId) => !proposalIds.has(proposalId))) {
      differences.push({
        where: `${where}, proposal ${proposalId}`,
        what: "votes on a proposal that is not in the round's tallies",
      });
    }
    const cost = ballot.allocations.reduce((sum, allocation) => sum + allocation.votes ** 2, 0);
    if (ballot.cost !== cost)
      differences.push({ where, what: "cost is not Σ votes²", expected: cost, found: ballot.cost });
    if (voter && cost > voter.budget) {
      differences.push({
        where,
        what: "the ballot costs more than the operator's budget",
        expected: `≤ ${voter.budget}`,
        found: cost,
      });
    }
    const receipt = ballotReceipt(round.roundId, ballot);
    if (ballot.receipt !== receipt) {
      differences.push({
        where,
        what: "receipt does not match the ballot's content",
        expected: receipt,
        found: ballot.receipt,
      });
    }
  }
  return {
    check: "ballots",
    roundId: round.roundId,
    summary: count(round.ballots.length, "counted ballot"),
    differences,
  };
}

function checkReceiptChain({ counted, all }: RoundExports): CheckGroup {
  const roundId = counted.roundId;
  if (!all) {
    return {
      check: "receipt chain",
      roundId,
      summary: "",
      differences: [],
      skipped: "it needs the ?all=1 export (verify a bundle or the base URL)",
    };
  }
  const differences: Difference[] = [];
  if (all.roundId !== roundId) {
    differences.push({
      where: "?all=1 export",
      what: "is for another round",
      expected: roundId,
      found: all.roundId,
    });
  }
  for (const field of SHARED_FIELDS) {
    const [expected, found] = [counted[field], all[field]];
    if (canonical(expected) === canonical(found)) continue;
    // Name the first entry of a list that differs rather than printing both lists.
    const index =
      Array.isArray(expected) && Array.isArray(found)
        ? Array.from({ length: Math.max(expected.length, found.length) }, (_, i) => i).find(
            (i) => canonical(expected[i] ?? null) !== canonical(found[i] ?? null),
          )
        : undefined;
    differences.push(
      index === undefined
        ? { where: "?all=1 export", what: `${field} differs from the counted export`, expected, found }
        : {
            where: `?all=1 export, ${field}[${index}]`,
            what: `${field} differs from the counted export`,
            expected: (expected as unknown[])[index] ?? null,
            found: (found as unknown[])[index] ?? null,
          },
    );
  }
  let previous = "";
  const last = new Map<string, ExportedBallot>();
  all.ballots.forEach((ballot, index) => {
    const where = `ballot ${index + 1} (operator ${ballot.operatorId})`;
    if (ballot.prevReceipt !== previous) {
      differences.push({
        where,
        what: "prevReceipt is not the receipt of the ballot stored before it",
        expected: previous,
        found: ballot.prevReceipt,
      });
    }
    const receipt = ballotReceipt(roundId, ballot);
    if (ballot.receipt !== receipt) {
      differences.push({
        where,
        what: "receipt does not match the ballot's content",
        expected: receipt,
        found: ballot.receipt,
      });
    }
    previous = ballot.receipt;
    last.set(ballot.operatorId, ballot);
  });
  const stored = new Set(all.ballots.map((ballot) => ballot.receipt));
  for (const ballot of counted.ballots) {
    const where = `operator ${ballot.operatorId}`;
    const latest = last.get(ballot.operatorId);
    if (!stored.has(ballot.receipt)) {
      differences.push({
        where,
        what: "the counted ballot is not in the ?all=1 list",
        found: ballot.receipt,
      });
    } else if (latest?.receipt !== ballot.receipt) {
      differences.push({
        where,
        what: "the counted ballot is not the operator's last ballot",
        expected: latest?.receipt,
        found: ballot.receipt,
      });
    }
  }
  const countedOperators = new Set(counted.ballots.map((ballot) => ballot.operatorId));
  for (const [operatorId, ballot] of last) {
    if (!countedOperators.has(operatorId)) {
      differences.push({
        where: `operator ${operatorId}`,
        what: "the operator's last ballot is missing from the counted ballots",
        expected: ballot.receipt,
      });
    }
  }
  return {
    check: "receipt chain",
    roundId,
    summary: `${count(all.ballots.length, "stored ballot")}, head ${shortHash(previous)}`,
    differences,
  };
}

/** Every tally from the counted ballots; turnout = Σ eligibleNodes of operators with a non-zero vote ÷ Σ eligibleNodes. */
function recount(round: RoundBallotsExport): Map<string, Recount> {
  const nodes = new Map(round.eligible.map((voter) => [voter.operatorId, voter.eligibleNodes]));
  const allNodes = round.eligible.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
  const totals = new Map(
    round.tallies.map((tally) => [tally.proposalId, { net: 0, support: 0, opposition: 0, participating: 0 }]),
  );
  for (const ballot of round.ballots) {
    for (const { proposalId, votes } of ballot.allocations) {
      const total = totals.get(proposalId);
      if (!total) continue;
      total.net += votes;
      total.support += Math.max(votes, 0);
      total.opposition += Math.max(-votes, 0);
      if (votes !== 0) total.participating += nodes.get(ballot.operatorId) ?? 0;
    }
  }
  return new Map(
    [...totals].map(([proposalId, { participating, ...sums }]) => [
      proposalId,
      { ...sums, turnout: allNodes === 0 ? 0 : participating / allNodes },
    ]),
  );
}

function checkTallies(round: RoundBallotsExport, recounted: Map<string, Recount>): CheckGroup {
  const differences: Difference[] = [];
  const seen = new Set<string>();
  for (const tally of round.tallies) {
    const where = `proposal ${tally.proposalId}`;
    if (seen.has(tally.proposalId)) differences.push({ where, what: "has two tallies" });
    seen.add(tally.proposalId);
    const expected = recounted.get(tally.proposalId)!;
    for (const field of ["net", "support", "opposition"] as const) {
      if (tally[field] !== expected[field]) {
        differences.push({
          where,
          what: `${field} does not match the recount of the counted ballots`,
          expected: expected[field],
          found: tally[field],
        });
      }
    }
    if (!sameTurnout(tally.turnout, expected.turnout)) {
      differences.push({
        where,
        what: "turnout does not match the recount of the counted ballots",
        expected: expected.turnout,
        found: tally.turnout,
      });
    }
  }
  return {
    check: "tallies",
    roundId: round.roundId,
    summary: count(round.tallies.length, "proposal"),
    differences,
  };
}

function checkOutcomes(round: RoundBallotsExport, recounted: Map<string, Recount>): CheckGroup {
  const differences: Difference[] = [];
  for (const tally of round.tallies) {
    const where = `proposal ${tally.proposalId}`;
    if (!OUTCOMES.includes(tally.outcome)) {
      differences.push({
        where,
        what: "outcome is not passed, rejected, superseded or failed",
        found: tally.outcome,
      });
      continue;
    }
    const fails = voteRule(recounted.get(tally.proposalId)!, tally.touchesGov, round);
    if (fails && tally.outcome !== "rejected") {
      differences.push({
        where,
        what: `the vote rule fails (${fails}), so it must be rejected`,
        expected: "rejected",
        found: tally.outcome,
      });
    }
    if (!fails && tally.outcome === "rejected") {
      differences.push({
        where,
        what: "the vote rule holds, so it cannot be rejected",
        expected: "passed, superseded or failed",
        found: tally.outcome,
      });
    }
  }
  const passed = round.tallies.filter((tally) => tally.outcome === "passed").length;
  if (passed > 0 !== (round.configVersion !== null)) {
    differences.push({
      where: "configVersion",
      what:
        passed > 0
          ? "proposals passed but the round names no config version"
          : "nothing passed, so the round creates no config version",
      expected: passed > 0 ? "a version number" : null,
      found: round.configVersion,
    });
  }
  const outcomes = OUTCOMES.map(
    (outcome) => `${round.tallies.filter((tally) => tally.outcome === outcome).length} ${outcome}`,
  );
  return {
    check: "outcomes",
    roundId: round.roundId,
    summary: `${outcomes.join(", ")}, config version ${round.configVersion ?? "none"}`,
    differences,
  };
}

function closedTallies(data: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const tallies = Array.isArray(data.tallies) ? (data.tallies as unknown[]) : [];
  return new Map(
    tallies
      .filter((tally): tally is Record<string, unknown> => typeof tally === "object" && tally !== null)
      .map((tally) => [String(tally.proposalId), tally]),
  );
}

/**
 * round.closed commits the whole receipt chain: ballotCount stored ballots (one ballot.cast each) ending in
 * headReceipt. Without ?all=1 the head must still be a counted ballot: the last stored ballot is its operator's last.
 */
function checkClosedHead(close: AuditEvent, casts: number, { counted, all }: RoundExports): Difference[] {
  const where = `seq ${close.seq} (round.closed)`;
  const { ballotCount, headReceipt } = close.data;
  const differences: Difference[] = [];
  if (ballotCount !== casts) {
    differences.push({
      where,
      what: "ballotCount differs from the round's ballot.cast events",
      expected: casts,
      found: ballotCount,
    });
  }
  if (all) {
    if (ballotCount !== all.ballots.length) {
      differences.push({
        where,
        what: "ballotCount differs from the number of ballots in the ?all=1 list",
        expected: all.ballots.length,
        found: ballotCount,
      });
    }
    const head = all.ballots.at(-1)?.receipt ?? "";
    if (headReceipt !== head) {
      differences.push({
        where,
        what: "headReceipt is not the receipt of the last ballot in the ?all=1 list",
        expected: head,
        found: headReceipt,
      });
    }
    return differences;
  }
  if (typeof ballotCount === "number" && counted.ballots.length > ballotCount) {
    differences.push({
      where,
      what: "ballotCount is fewer than the counted ballots",
      expected: `≥ ${counted.ballots.length}`,
      found: ballotCount,
    });
  }
  const isCounted =
    counted.ballots.length === 0
      ? headReceipt === ""
      : counted.ballots.some((ballot) => ballot.receipt === headReceipt);
  if (!isCounted) {
    differences.push({
      where,
      what: 'headReceipt is not the receipt of a counted ballot ("" when there are none), yet the last stored ballot always counts',
      found: headReceipt,
    });
  }
  return differences;
}

/** What round.opened fixed for the whole round, each under the same name in the export. */
const OPENED_FIELDS = ["creditsPerNode", "quorum", "metaSupermajority", "opensAt", "closesAt"] as const;

/**
 * The export against what round.opened committed: the rules, the times, Σ eligible nodes, the proposals on
 * the ballot and the eligibility snapshot (sha256 of the canonical list of { operatorId, eligibleNodes, budget }
 * sorted by operatorId), so none of them can be changed after the round opened.
 */
function checkAgainstOpened(counted: RoundBallotsExport, events: readonly AuditEvent[]): Difference[] {
  const subject = `round:${counted.roundId}`;
  const opened = events.find((event) => event.type === "round.opened" && event.subject === subject);
  if (!opened) return [{ where: subject, what: "no round.opened event in the audit chain" }];
  const where = `seq ${opened.seq} (round.opened)`;
  const differences: Difference[] = [];
  const compare = (what: string, expected: unknown, found: unknown) => {
    if (canonical(expected ?? null) !== canonical(found)) {
      differences.push({
        where,
        what: `the export's ${what} differs from the round's opening`,
        expected,
        found,
      });
    }
  };
  for (const field of OPENED_FIELDS) compare(field, opened.data[field], counted[field]);
  compare(
    "Σ eligible nodes",
    opened.data.eligibleNodes,
    counted.eligible.reduce((sum, voter) => sum + voter.eligibleNodes, 0),
  );
  const proposalIds = Array.isArray(opened.data.proposalIds) ? opened.data.proposalIds.map(String) : null;
  compare(
    "set of tallied proposals",
    proposalIds && [...new Set(proposalIds)].sort(),
    [...new Set(counted.tallies.map((tally) => tally.proposalId))].sort(),
  );
  const committed = opened.data.eligibleSha256;
  if (committed === undefined) return differences;
  const eligible = [...counted.eligible]
    .sort((a, b) => (a.operatorId < b.operatorId ? -1 : a.operatorId > b.operatorId ? 1 : 0))
    .map(({ operatorId, eligibleNodes, budget }) => ({ operatorId, eligibleNodes, budget }));
  const found = sha256Hex(canonical(eligible));
  if (found !== committed) {
    differences.push({
      where,
      what: "the export's eligible operators, nodes or budgets differ from the snapshot committed when the round opened",
      expected: committed,
      found,
    });
  }
  return differences;
}

/**
 * The round as the audit chain recorded it: what round.opened fixed, its ballot.cast events in order (appended at
 * the close, with their receipts, just before round.closed) and its round.closed tallies and receipt head.
 */
function checkAgainstAudit(
  { counted, all }: RoundExports,
  events: readonly AuditEvent[] | undefined,
): CheckGroup {
  const roundId = counted.roundId;
  if (!events) {
    return {
      check: "audit cross-check",
      roundId,
      summary: "",
      differences: [],
      skipped: "it needs the audit export (verify a bundle or the base URL)",
    };
  }
  const differences: Difference[] = [];
  const subject = `round:${roundId}`;
  const closed = events.filter((event) => event.type === "round.closed" && event.subject === subject);
  if (closed.length !== 1) {
    differences.push({
      where: subject,
      what: "round.closed events in the audit chain",
      expected: 1,
      found: closed.length,
    });
  }
  const close = closed[0];
  if (close) {
    const where = `seq ${close.seq} (round.closed)`;
    if (close.data.configVersion !== counted.configVersion) {
      differences.push({
        where,
        what: "configVersion differs from the export",
        expected: counted.configVersion,
        found: close.data.configVersion,
      });
    }
    const recorded = closedTallies(close.data);
    for (const tally of counted.tallies) {
      const entry = recorded.get(tally.proposalId);
      if (!entry) {
        differences.push({
          where: `${where}, proposal ${tally.proposalId}`,
          what: "the proposal is missing from the event's tallies",
        });
        continue;
      }
      for (const field of TALLY_FIELDS) {
        if (entry[field] !== tally[field]) {
          differences.push({
            where: `${where}, proposal ${tally.proposalId}`,
            what: `${field} differs from the export`,
            expected: tally[field],
            found: entry[field],
          });
        }
      }
      if (typeof entry.turnout !== "number" || !sameTurnout(entry.turnout, tally.turnout)) {
        differences.push({
          where: `${where}, proposal ${tally.proposalId}`,
          what: "turnout differs from the export",
          expected: tally.turnout,
          found: entry.turnout,
        });
      }
      recorded.delete(tally.proposalId);
    }
    for (const proposalId of recorded.keys()) {
      differences.push({
        where: `${where}, proposal ${proposalId}`,
        what: "the event tallies a proposal the export does not",
      });
    }
  }
  differences.push(...checkAgainstOpened(counted, events));
  const casts = events.filter((event) => event.type === "ballot.cast" && event.subject === subject);
  casts.forEach((cast, index) => {
    const where = `seq ${cast.seq} (ballot.cast)`;
    if (cast.data.roundId !== roundId) {
      differences.push({
        where,
        what: "roundId differs from its subject",
        expected: roundId,
        found: cast.data.roundId,
      });
    }
    if (close && cast.seq > close.seq) {
      differences.push({ where, what: `a ballot was recorded after the round closed (seq ${close.seq})` });
    }
    if (cast.data.seq !== index + 1) {
      differences.push({
        where,
        what: "ballot seq is not the next after the round's ballot.cast events before it",
        expected: index + 1,
        found: cast.data.seq,
      });
    }
    // Receipts are published at the close; events from before that carry none.
    const listed = all?.ballots[index]?.receipt;
    if (cast.data.receipt !== undefined && all && cast.data.receipt !== listed) {
      differences.push({
        where,
        what: `receipt differs from ballot ${index + 1} of the ?all=1 list`,
        expected: listed ?? null,
        found: cast.data.receipt,
      });
    }
  });
  if (close) differences.push(...checkClosedHead(close, casts.length, { counted, all }));
  return {
    check: "audit cross-check",
    roundId,
    summary: `${count(casts.length, "ballot.cast event")}${close ? `, round.closed at seq ${close.seq}` : ""}`,
    differences,
  };
}

/** Every check of one closed round; `auditEvents` (the whole chain) enables the cross-check. */
export function checkRound(round: RoundExports, auditEvents?: readonly AuditEvent[]): CheckGroup[] {
  const recounted = recount(round.counted);
  return [
    checkBudgets(round.counted),
    checkBallots(round.counted),
    checkReceiptChain(round),
    checkTallies(round.counted, recounted),
    checkOutcomes(round.counted, recounted),
    ...checkRatification(round.counted, recounted, auditEvents, round.configs),
    checkAgainstAudit(round, auditEvents),
  ];
}
