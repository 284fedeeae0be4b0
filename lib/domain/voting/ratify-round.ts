import type { ParameterKey, ParameterValues } from "@/lib/domain/parameters/catalogue";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import { turnout, type ProposalTally } from "@/lib/domain/voting/quadratic-tally";
import { compareRatificationOrder } from "@/lib/domain/voting/round-order";

export const ROUND_OUTCOMES = ["passed", "rejected", "superseded", "failed"] as const;
export type RoundOutcome = (typeof ROUND_OUTCOMES)[number];

export function isRoundOutcome(value: string | null): value is RoundOutcome {
  return ROUND_OUTCOMES.some((outcome) => outcome === value);
}

/** How many of a round's proposals ended in each outcome; one without an outcome (still open) counts for none. */
export function countOutcomes(outcomes: readonly (string | null)[]): Record<RoundOutcome, number> {
  const counts = Object.fromEntries(ROUND_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    RoundOutcome,
    number
  >;
  for (const outcome of outcomes) if (isRoundOutcome(outcome)) counts[outcome] += 1;
  return counts;
}

/** The round's copy of the gov.* rules it is decided by. */
export interface RoundRules {
  quorum: number;
  metaSupermajority: number;
}

export interface RatifiableProposal {
  proposalId: string;
  changes: readonly { key: ParameterKey; to: number }[];
  tally: ProposalTally;
}

export interface ProposalDecision {
  proposalId: string;
  outcome: RoundOutcome;
  /** Why, in plain words with the numbers. */
  reason: string;
  touchesGov: boolean;
  net: number;
  support: number;
  opposition: number;
  turnout: number;
}

export interface RatificationResult {
  /** Every proposal, in the order ratification considered them: net highest first, ties by proposal id. */
  decisions: ProposalDecision[];
  /** Passed proposals in the order their changes were applied. */
  passedIds: string[];
  /** The next config's full parameter set; null when nothing passed (a round with nothing passed creates no version). */
  params: ParameterValues | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1).replace(/\.0$/, "")} %`;

export function touchesGovernance(changes: readonly { key: string }[]): boolean {
  return changes.some((change) => change.key.startsWith("gov."));
}

/** The vote rule alone: turnout ≥ quorum and net > 0, and for gov.* changes support ≥ supermajority × (support + opposition). */
export function decideVote(
  tally: ProposalTally,
  { touchesGov, eligibleNodes, rules }: { touchesGov: boolean; eligibleNodes: number; rules: RoundRules },
): { passes: boolean; reason: string } {
  const share = turnout(tally.participatingNodes, eligibleNodes);
  if (share < rules.quorum) {
    return {
      passes: false,
      reason: `Turnout was ${percent(share)}, below the ${percent(rules.quorum)} quorum.`,
    };
  }
  if (tally.net <= 0) {
    return {
      passes: false,
      reason: `Net votes were ${tally.net} (${tally.support} for, ${tally.opposition} against); it needed more votes for than against.`,
    };
  }
  const cast = tally.support + tally.opposition;
  // Compare the share, not support with supermajority × cast: 0.55 × 100 is 55.00000000000001 in floating point.
  if (touchesGov && tally.support / cast < rules.metaSupermajority) {
    return {
      passes: false,
      reason: `It changes governance rules, which needs ${percent(rules.metaSupermajority)} of the votes cast in support; it had ${percent(tally.support / cast)}.`,
    };
  }
  return {
    passes: true,
    reason: `Net votes ${tally.net} (${tally.support} for, ${tally.opposition} against) with ${percent(share)} turnout.`,
  };
}

function byNetThenId(a: RatifiableProposal, b: RatifiableProposal): number {
  return compareRatificationOrder(
    { net: a.tally.net, id: a.proposalId },
    { net: b.tally.net, id: b.proposalId },
  );
}

/**
 * Ratification (product.md "Ratification rules"): proposals that pass the vote are applied to `currentParams`
 * in order of net votes; a proposal touching a parameter an earlier (higher net) one already set is
 * superseded, one whose result breaks a cross-parameter constraint failed with the reason, and the rest go on.
 */
export function ratifyRound({
  proposals,
  rules,
  eligibleNodes,
  currentParams,
}: {
  proposals: readonly RatifiableProposal[];
  rules: RoundRules;
  eligibleNodes: number;
  currentParams: ParameterValues;
}): RatificationResult {
  const ordered = [...proposals].sort(byNetThenId);
  const setBy = new Map<string, RatifiableProposal>();
  let params = { ...currentParams };
  const passedIds: string[] = [];
  const decisions = ordered.map((proposal): ProposalDecision => {
    const touchesGov = touchesGovernance(proposal.changes);
    const decide = (outcome: RoundOutcome, reason: string): ProposalDecision => ({
      proposalId: proposal.proposalId,
      outcome,
      reason,
      touchesGov,
      net: proposal.tally.net,
      support: proposal.tally.support,
      opposition: proposal.tally.opposition,
      turnout: turnout(proposal.tally.participatingNodes, eligibleNodes),
    });
    const vote = decideVote(proposal.tally, { touchesGov, eligibleNodes, rules });
    if (!vote.passes) return decide("rejected", vote.reason);
    const taken = proposal.changes.find((change) => setBy.has(change.key));
    if (taken) {
      const winner = setBy.get(taken.key)!;
      return decide(
        "superseded",
        winner.tally.net === proposal.tally.net
          ? `Proposal ${winner.proposalId} also changes ${taken.key} and tied with it on ${winner.tally.net} net votes; ties go by proposal id (the order ratification applies them), so ${winner.proposalId} came first.`
          : `Proposal ${winner.proposalId} also changes ${taken.key} and had more net votes (${winner.tally.net} against ${proposal.tally.net}).`,
      );
    }
    const candidate = { ...params };
    for (const change of proposal.changes) candidate[change.key] = change.to;
    const validation = validateParameterValues(candidate);
    if (!validation.ok) {
      return decide(
        "failed",
        `It passed the vote, but applied after the proposals with more net votes it breaks a rule: ${validation.violations.map((violation) => violation.message).join(" ")}`,
      );
    }
    params = validation.values;
    for (const change of proposal.changes) setBy.set(change.key, proposal);
    passedIds.push(proposal.proposalId);
    return decide("passed", vote.reason);
  });
  return { decisions, passedIds, params: passedIds.length > 0 ? params : null };
}
