import type { ExportedBallot, RoundExports } from "./export-shapes";
import { ballotReceipt, canonical } from "./hashing";
import { count, shortHash, type CheckGroup, type Difference } from "./report";

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

export function checkReceiptChain({ counted, all }: RoundExports): CheckGroup {
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
