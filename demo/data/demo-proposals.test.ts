import fc from "fast-check";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import { planDemoAddresses } from "@/demo/data/demo-addresses";
import { generateDemoNetwork } from "@/demo/data/demo-network";
import { DEMO_PROPOSALS, type DemoVoting } from "@/demo/data/demo-proposals";
import { DEMO_ROUNDS, planDemoBallots, type DemoRound, type DemoVoter } from "@/demo/data/demo-rounds";
import { budgetsByCluster } from "@/lib/domain/clusters/cluster-budgets";
import { defaultParameterValues, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { createRandom } from "@/lib/domain/random";
import { checkBallot } from "@/lib/domain/voting/ballot";
import { tallyBallots } from "@/lib/domain/voting/quadratic-tally";
import { ratifyRound } from "@/lib/domain/voting/ratify-round";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DEFAULTS = defaultParameterValues();
const DISCUSSION_HOURS = DEFAULTS["gov.discussionPeriodHours"];
const ROUND_HOURS = DEFAULTS["gov.roundLengthHours"];
const network = generateDemoNetwork({ seed: 20261125, now: NOW });
const demoAccountIds = new Set(
  network.operators
    .filter((operator) => DEMO_ACCOUNT_EMAILS.includes(operator.email))
    .map((operator) => operator.id),
);

const addresses = planDemoAddresses({ seed: 20261125, network, now: NOW });

/**
 * Every demo operator as a voter with all its nodes eligible, its budget from the network clusters its
 * nodes were in when the round opened: close to what the seeded rounds see.
 */
function electorateAt(round: DemoRound): DemoVoter[] {
  const opensAt = new Date(NOW.getTime() - round.openedHoursAgo * 3_600_000);
  const clustered = network.nodes.map((node) => ({
    nodeId: node.id,
    operatorId: node.operatorId,
    clusterId: addresses.sourceAt(node.id, opensAt).prefix,
  }));
  return budgetsByCluster(clustered, DEFAULTS["gov.voiceCreditsPerNode"]).map(
    ({ operatorId, eligibleNodes, budget }) => ({ operatorId, eligibleNodes, budget }),
  );
}
const electorate = electorateAt(DEMO_ROUNDS[0]!);
const openElectorate = electorateAt(DEMO_ROUNDS[1]!);

const votedIn = (round: DemoRound) =>
  DEMO_PROPOSALS.filter((proposal) => {
    if (!("publishedHoursAgo" in proposal.outcome) || !proposal.voting) return false;
    const queuedHoursAgo = proposal.outcome.publishedHoursAgo - DISCUSSION_HOURS;
    const previous = DEMO_ROUNDS[DEMO_ROUNDS.indexOf(round) - 1];
    return (
      queuedHoursAgo >= round.openedHoursAgo &&
      (!previous || queuedHoursAgo < previous.openedHoursAgo - ROUND_HOURS)
    );
  });

const roundProposals = (round: DemoRound) =>
  votedIn(round).map((proposal, i) => ({ proposalId: `p${i}`, voting: proposal.voting! }));

describe("the demo's proposals and rounds", () => {
  it("put every proposal with a vote outcome into exactly one round, queued before it opened", () => {
    const [closed, open] = DEMO_ROUNDS as [DemoRound, DemoRound];
    expect(
      votedIn(closed)
        .map((proposal) => proposal.outcome.state)
        .sort(),
    ).toEqual(["Passed", "Rejected", "Rejected"]);
    expect(votedIn(open).every((proposal) => proposal.outcome.state === "Voting")).toBe(true);
    expect(votedIn(open).length).toBeGreaterThanOrEqual(3);
    expect(votedIn(open).length).toBeLessThanOrEqual(4);
    const voted = DEMO_PROPOSALS.filter((proposal) =>
      ["Voting", "Passed", "Rejected"].includes(proposal.outcome.state),
    );
    expect(voted).toHaveLength(votedIn(closed).length + votedIn(open).length);
    // The closed round ended ~10 days ago (its change in force for more than 7), the open one closes in ~2 days.
    expect(closed.openedHoursAgo - ROUND_HOURS).toBeGreaterThan(48);
    expect(ROUND_HOURS - open.openedHoursAgo).toBeGreaterThan(24);
  });

  it("leave the proposals in discussion short of their queueing", () => {
    for (const proposal of DEMO_PROPOSALS.filter((candidate) => candidate.outcome.state === "Discussion")) {
      expect((proposal.outcome as { publishedHoursAgo: number }).publishedHoursAgo).toBeLessThan(
        DISCUSSION_HOURS,
      );
    }
  });

  it("decide the closed round as planned for any draw of voters: one passes over the cluster's votes, two are rejected", () => {
    const closed = DEMO_ROUNDS[0]!;
    const proposals = roundProposals(closed);
    const demo = votedIn(closed);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const ballots = planDemoBallots({
          round: closed,
          voters: electorate,
          proposals,
          demoAccountIds,
          random: createRandom(seed),
        });
        const last = new Map(ballots.map((ballot) => [ballot.operatorId, ballot]));
        const nodesOf = new Map(electorate.map((voter) => [voter.operatorId, voter.eligibleNodes]));
        const tallies = tallyBallots(
          proposals.map((proposal) => proposal.proposalId),
          [...last.values()].map((ballot) => ({
            eligibleNodes: nodesOf.get(ballot.operatorId)!,
            allocations: ballot.allocations,
          })),
        );
        const { decisions } = ratifyRound({
          proposals: proposals.map((proposal, i) => ({
            proposalId: proposal.proposalId,
            changes: Object.entries(demo[i]!.changes).map(([key, to]) => ({ key: key as ParameterKey, to })),
            tally: tallies[i]!,
          })),
          rules: { quorum: DEFAULTS["gov.quorum"], metaSupermajority: DEFAULTS["gov.metaSupermajority"] },
          eligibleNodes: network.nodes.length,
          currentParams: DEFAULTS,
        });
        for (const [i, proposal] of demo.entries()) {
          const decision = decisions.find((candidate) => candidate.proposalId === `p${i}`)!;
          expect(decision.outcome).toBe(proposal.outcome.state.toLowerCase());
        }
      }),
      propertyRuns("demo round outcomes"),
    );
  });
});

describe("planDemoBallots", () => {
  const voting = (turnout: number, support: number, cluster?: DemoVoting["cluster"]): DemoVoting => ({
    turnout,
    support,
    ...(cluster && { cluster }),
  });
  // Budgets follow network clusters: from one node's share of a campus (25) to n² × C for n networks.
  const voterArbitrary = fc.record({
    operatorId: fc.uuid(),
    eligibleNodes: fc.integer({ min: 1, max: 60 }),
    budget: fc.integer({ min: 25, max: 360_000 }),
  });

  it("casts ballots within every voter's budget, on the round's proposals only, in time order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(voterArbitrary, {
          minLength: 1,
          maxLength: 60,
          selector: (voter) => voter.operatorId,
        }),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer(),
        (drawn, plans, voters, changedMinds, seed) => {
          const electorateOf = drawn;
          const proposals = plans.map(([turnout, support], i) => ({
            proposalId: `p${i}`,
            voting: voting(turnout, support, i === 0 ? "against" : undefined),
          }));
          const ballots = planDemoBallots({
            round: { openedHoursAgo: 10, voters, changedMinds, haveDemoAccountsVoted: true },
            voters: electorateOf,
            proposals,
            demoAccountIds: new Set(),
            random: createRandom(seed),
          });
          const budgetOf = new Map(electorateOf.map((voter) => [voter.operatorId, voter.budget]));
          for (const ballot of ballots) {
            const check = checkBallot(ballot.allocations, {
              proposalIds: proposals.map((proposal) => proposal.proposalId),
              budget: budgetOf.get(ballot.operatorId)!,
            });
            expect(check.ok).toBe(true);
            expect(ballot.progress).toBeGreaterThanOrEqual(0);
            expect(ballot.progress).toBeLessThan(1);
          }
          const progress = ballots.map((ballot) => ballot.progress);
          expect(progress).toEqual([...progress].sort((a, b) => a - b));
          const operators = new Set(ballots.map((ballot) => ballot.operatorId));
          expect(operators.size).toBe(Math.min(Math.max(voters, 1), drawn.length));
          expect(ballots.length - operators.size).toBeLessThanOrEqual(changedMinds);
        },
      ),
      { ...propertyRuns("demo ballot plans"), numRuns: 300 },
    );
  });

  it("has the cluster spend its whole budget on its side and leaves the demo accounts to vote themselves in the open round", () => {
    const open = DEMO_ROUNDS[1]!;
    const proposals = roundProposals(open);
    const ballots = planDemoBallots({
      round: open,
      voters: openElectorate,
      proposals,
      demoAccountIds,
      random: createRandom(7),
    });
    const operators = new Set(ballots.map((ballot) => ballot.operatorId));
    expect(operators.size).toBe(open.voters);
    expect(ballots).toHaveLength(open.voters + open.changedMinds);
    expect([...demoAccountIds].some((id) => operators.has(id))).toBe(false);

    const cluster = openElectorate.reduce((big, voter) =>
      voter.eligibleNodes > big.eligibleNodes ? voter : big,
    );
    expect(cluster.operatorId).toBe(
      network.operators.find((operator) => operator.displayName === "LargeCorp Hosting")!.id,
    );
    const sided = proposals.filter((proposal) => proposal.voting.cluster);
    const clusterBallot = ballots.find((ballot) => ballot.operatorId === cluster.operatorId)!;
    expect(clusterBallot.allocations.map((allocation) => allocation.proposalId)).toEqual(
      sided.map((proposal) => proposal.proposalId),
    );
    for (const allocation of clusterBallot.allocations) expect(allocation.votes).toBeLessThan(0);
    const cost = clusterBallot.allocations.reduce((sum, allocation) => sum + allocation.votes ** 2, 0);
    expect(cost).toBeLessThanOrEqual(cluster.budget);
    expect(cost).toBeGreaterThan(cluster.budget * 0.95);

    const closed = planDemoBallots({
      round: DEMO_ROUNDS[0]!,
      voters: electorate,
      proposals: roundProposals(DEMO_ROUNDS[0]!),
      demoAccountIds,
      random: createRandom(7),
    });
    const closedVoters = new Set(closed.map((ballot) => ballot.operatorId));
    expect([...demoAccountIds].every((id) => closedVoters.has(id))).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const plan = (seed: number) =>
      planDemoBallots({
        round: DEMO_ROUNDS[0]!,
        voters: electorate,
        proposals: roundProposals(DEMO_ROUNDS[0]!),
        demoAccountIds,
        random: createRandom(seed),
      });
    expect(plan(3)).toEqual(plan(3));
    expect(plan(3)).not.toEqual(plan(4));
  });
});
