import type { AuditEvent, RoundBallotsExport, RoundConfigs } from "./export-shapes";
import { canonical } from "./hashing";
import { count, type CheckGroup, type Difference } from "./report";
import { voteRule, type Recount } from "./vote-rule";

interface Change {
  key: string;
  toValue: number;
}

interface Candidate {
  proposalId: string;
  outcome: string;
  net: number;
  changes: Change[];
}

/** Events that carry a proposal's full changes; a confirmed base re-states them with the new fromValues. */
const CHANGE_EVENTS = new Set(["proposal.published", "proposal.base-confirmed"]);
const PROPOSAL_SUBJECT = /^proposal:(.+)$/;
const WEIGHT_KEYS = ["selection.weightSpeed", "selection.weightReliability", "selection.weightContribution"];
const WEIGHT_TOLERANCE = 1e-9;

function isChange(value: unknown): value is Change {
  if (typeof value !== "object" || value === null) return false;
  const { key, toValue } = value as Record<string, unknown>;
  return typeof key === "string" && typeof toValue === "number" && Number.isFinite(toValue);
}

/** Each proposal's changes as the audit chain last recorded them before the round closed. */
function recordedChanges(events: readonly AuditEvent[], beforeSeq: number): Map<string, Change[]> {
  const changes = new Map<string, Change[]>();
  for (const event of events) {
    if (event.seq >= beforeSeq || !CHANGE_EVENTS.has(event.type)) continue;
    const proposalId = PROPOSAL_SUBJECT.exec(event.subject)?.[1];
    const recorded = event.data.changes;
    if (proposalId === undefined || !Array.isArray(recorded) || !recorded.every(isChange)) continue;
    changes.set(
      proposalId,
      recorded.map(({ key, toValue }) => ({ key, toValue })),
    );
  }
  return changes;
}

const touchesGov = (changes: readonly Change[]) => changes.some((change) => change.key.startsWith("gov."));

/** The cross-parameter rules of product.md. The catalogue's per-parameter ranges are not published, so not checked. */
function brokenRules(params: Readonly<Record<string, number>>): string[] {
  const broken: string[] = [];
  const sum = WEIGHT_KEYS.reduce((total, key) => total + (params[key] ?? Number.NaN), 0);
  if (!(Math.abs(sum - 1) <= WEIGHT_TOLERANCE)) broken.push(`the selection weights add up to ${sum}, not 1`);
  const ratio = params["freeRider.minShareRatio"] ?? Number.NaN;
  const throttle = params["freeRider.throttleFactor"] ?? Number.NaN;
  if (!(ratio <= 0 || throttle < 1)) {
    broken.push(
      `freeRider.throttleFactor is ${throttle}, not below 1, while freeRider.minShareRatio is ${ratio}`,
    );
  }
  return broken;
}

function byNetThenId(a: Candidate, b: Candidate): number {
  if (a.net !== b.net) return b.net - a.net;
  return a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0;
}

function skippedGroups(roundId: string, reason: string): CheckGroup[] {
  return (["ratification", "config version"] as const).map((check) => ({
    check,
    roundId,
    summary: "",
    differences: [],
    skipped: reason,
  }));
}

/** Every parameter of the expected set and of the published one whose values differ. */
function paramDifferences(
  where: string,
  expected: Readonly<Record<string, number>>,
  found: Readonly<Record<string, number>>,
): Difference[] {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return keys
    .filter((key) => expected[key] !== found[key])
    .map((key) => ({
      where: `${where}, ${key}`,
      what: "differs from the version before it with the passed changes applied",
      expected: expected[key] ?? null,
      found: found[key] ?? null,
    }));
}

/**
 * Ratification (product.md "Ratification rules") replayed from the proposals' changes in the audit chain:
 * the proposals that pass the vote in order of net votes (ties by proposal id); one touching a parameter an
 * earlier passed one set is superseded; the others are applied to the previous config's params and fail
 * when a cross-parameter rule breaks. Without the config versions the exported passed/failed is taken as
 * given and only the order and supersession are checked ("ratification"); with them the rules and the
 * created version are checked too ("config version").
 */
export function checkRatification(
  round: RoundBallotsExport,
  recounted: ReadonlyMap<string, Recount>,
  events: readonly AuditEvent[] | undefined,
  configs: RoundConfigs | undefined,
): CheckGroup[] {
  const roundId = round.roundId;
  if (!events) return skippedGroups(roundId, "it needs the audit export for the proposals' changes");
  const close = events.find((event) => event.type === "round.closed" && event.subject === `round:${roundId}`);
  const recorded = recordedChanges(events, close?.seq ?? Number.POSITIVE_INFINITY);
  const ordering: Difference[] = [];
  const applying: Difference[] = [];
  const candidates: Candidate[] = [];
  for (const tally of round.tallies) {
    const where = `proposal ${tally.proposalId}`;
    const changes = recorded.get(tally.proposalId);
    if (!changes) {
      ordering.push({
        where,
        what: "no proposal.published (or proposal.base-confirmed) event before the round closed records its changes",
      });
      continue;
    }
    if (touchesGov(changes) !== tally.touchesGov) {
      ordering.push({
        where,
        what: "touchesGov does not match its recorded changes (true iff a key starts with gov.)",
        expected: touchesGov(changes),
        found: tally.touchesGov,
      });
    }
    const recount = recounted.get(tally.proposalId)!;
    if (voteRule(recount, touchesGov(changes), round) === null) {
      candidates.push({ proposalId: tally.proposalId, outcome: tally.outcome, net: recount.net, changes });
    }
  }
  candidates.sort(byNetThenId);

  const setBy = new Map<string, string>();
  let params = configs ? { ...configs.base.params } : undefined;
  const passedIds: string[] = [];
  for (const { proposalId, outcome, changes } of candidates) {
    const where = `proposal ${proposalId}`;
    // A passing proposal exported as rejected is the outcomes check's difference; here it is replayed as it should have gone.
    const claimed = outcome !== "rejected";
    const taken = changes.find((change) => setBy.has(change.key));
    if (taken) {
      if (claimed && outcome !== "superseded") {
        ordering.push({
          where,
          what: `proposal ${setBy.get(taken.key)} passed before it (more net votes, or as many and a lower id) and also sets ${taken.key}, so it is superseded`,
          expected: "superseded",
          found: outcome,
        });
      }
      continue;
    }
    if (outcome === "superseded") {
      ordering.push({
        where,
        what: "no proposal that passed before it sets any of its parameters, so it cannot be superseded",
        expected: "passed or failed",
        found: outcome,
      });
    }
    if (params) {
      const candidate = {
        ...params,
        ...Object.fromEntries(changes.map(({ key, toValue }) => [key, toValue])),
      };
      const broken = brokenRules(candidate);
      const expected = broken.length > 0 ? "failed" : "passed";
      if (claimed && outcome !== "superseded" && outcome !== expected) {
        applying.push({
          where,
          what:
            broken.length > 0
              ? `applied after the proposals before it, it breaks a rule (${broken.join("; ")}), so it failed`
              : "applied after the proposals before it, it breaks neither cross-parameter rule, so it passed",
          expected,
          found: outcome,
        });
      }
      if (broken.length > 0) continue;
      params = candidate;
    } else if (outcome !== "passed") {
      continue;
    }
    for (const { key } of changes) setBy.set(key, proposalId);
    passedIds.push(proposalId);
  }
  const groups: CheckGroup[] = [
    {
      check: "ratification",
      roundId,
      summary: `${count(candidates.length, "proposal")} passed the vote, ratified in the order ${candidates.map((candidate) => candidate.proposalId).join(", ") || "(none)"}`,
      differences: ordering,
    },
  ];
  if (!configs || !params) {
    groups.push({
      check: "config version",
      roundId,
      summary: "",
      differences: [],
      skipped:
        "the cross-parameter rules and the created version need the config versions before and after the round (run the verifier on the base URL)",
    });
    return groups;
  }
  const { base, created } = configs;
  if (round.configVersion !== null && base.version !== round.configVersion - 1) {
    applying.push({
      where: `config version ${base.version}`,
      what: "is not the version before the one the round created",
      expected: round.configVersion - 1,
      found: base.version,
    });
  }
  if (created) {
    const where = `config version ${created.version}`;
    if (created.version !== round.configVersion) {
      applying.push({
        where,
        what: "is not the version the round names",
        expected: round.configVersion,
        found: created.version,
      });
    }
    if (canonical(created.proposals) !== canonical(passedIds)) {
      applying.push({
        where,
        what: "proposals are not the passed proposals in ratification order",
        expected: passedIds,
        found: created.proposals,
      });
    }
    applying.push(...paramDifferences(where, params, created.params));
  } else if (passedIds.length > 0) {
    applying.push({
      where: "configVersion",
      what: "proposals pass ratification but no config version was created",
      expected: passedIds,
      found: null,
    });
  }
  groups.push({
    check: "config version",
    roundId,
    summary: created
      ? `version ${base.version} → ${created.version}, ${count(passedIds.length, "proposal")} applied`
      : `no version created, checked against version ${base.version}`,
    differences: applying,
  });
  return groups;
}
