import { sameTurnout } from "./check-tallies";
import type { AuditEvent, RoundBallotsExport, RoundExports } from "./export-shapes";
import { canonical, sha256Hex } from "./hashing";
import { count, type CheckGroup, type Difference } from "./report";

const TALLY_FIELDS = ["net", "support", "opposition", "outcome"] as const;

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
  // Rounds opened with budgets by network cluster commit the clusters too; earlier ones did not.
  const withClusters = opened.data.budgetRule === "network-clusters";
  const eligible = [...counted.eligible]
    .sort((a, b) => (a.operatorId < b.operatorId ? -1 : a.operatorId > b.operatorId ? 1 : 0))
    .map(({ operatorId, eligibleNodes, budget, clusters }) => ({
      operatorId,
      eligibleNodes,
      budget,
      ...(withClusters
        ? {
            clusters: [...clusters]
              .sort((a, b) => (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0))
              .map(({ clusterId, nodes, clusterNodes }) => ({ clusterId, nodes, clusterNodes })),
          }
        : {}),
    }));
  const found = sha256Hex(canonical(eligible));
  if (found !== committed) {
    differences.push({
      where,
      what: "the export's eligible operators, nodes, clusters or budgets differ from the snapshot committed when the round opened",
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
export function checkAgainstAudit(
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
