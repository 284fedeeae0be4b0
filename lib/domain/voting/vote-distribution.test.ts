import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocationsOver, proposalIds, propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import { voteDistributions } from "./vote-distribution";

const ballot = (...allocations: [string, number][]) => ({
  allocations: allocations.map(([proposalId, votes]) => ({ proposalId, votes })),
});

describe("voteDistributions", () => {
  it.each([
    ["no ballots", [], { distribution: [], abstained: 0 }],
    [
      "operators per number of votes, fewest first",
      [ballot(["p", 6]), ballot(["p", -2]), ballot(["p", 6])],
      {
        distribution: [
          { votes: -2, operators: 1 },
          { votes: 6, operators: 2 },
        ],
        abstained: 0,
      },
    ],
    [
      "a ballot with no or zero votes on it abstains",
      [ballot(["p", 1]), ballot(["q", 3]), ballot(["p", 0], ["q", 1])],
      { distribution: [{ votes: 1, operators: 1 }], abstained: 2 },
    ],
  ])("%s", (_case, ballots, expected) => {
    expect(voteDistributions(ballots, ["p"]).get("p")).toEqual(expected);
  });

  it("answers for every proposal asked about, voted on or not", () => {
    const distributions = voteDistributions([ballot(["p", 2])], ["p", "unvoted"]);
    expect([...distributions.keys()]).toEqual(["p", "unvoted"]);
    expect(distributions.get("unvoted")).toEqual({ distribution: [], abstained: 1 });
  });

  it("places every counted ballot once per proposal: in one bar or among the abstentions", () => {
    fc.assert(
      fc.property(
        proposalIds.chain((ids) =>
          fc.tuple(fc.constant(ids), fc.array(allocationsOver(ids), { maxLength: 20 })),
        ),
        ([ids, allocations]) => {
          const ballots = allocations.map((ballotAllocations) => ({ allocations: ballotAllocations }));
          for (const { distribution, abstained } of voteDistributions(ballots, ids).values()) {
            const voted = distribution.reduce((sum, bar) => sum + bar.operators, 0);
            expect(voted + abstained).toBe(ballots.length);
            expect(distribution.every((bar) => bar.votes !== 0)).toBe(true);
          }
        },
      ),
      propertyRuns("vote distributions place every ballot once per proposal"),
    );
  });
});
