import fc from "fast-check";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";
import type { TallyBallot } from "@/lib/domain/voting/quadratic-tally";

/**
 * Options for the voting properties: 1,000 runs and a seed printed before the run, so a failure seen in a
 * CI log can be replayed with FC_SEED=<seed>.
 */
export function propertyRuns(label: string): { numRuns: number; seed: number } {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2_147_483_647;
  console.log(`fast-check "${label}": seed ${seed} (replay with FC_SEED=${seed})`);
  return { numRuns: 1000, seed };
}

/** Distinct proposal ids, short and mixed-case so code-unit ordering matters. */
export const proposalIds: fc.Arbitrary<string[]> = fc.uniqueArray(
  fc.string({ unit: fc.constantFrom(..."aBc9_-Z"), minLength: 1, maxLength: 3 }),
  { minLength: 1, maxLength: 6 },
);

/** Allocations over some of `ids`, each at most once, in any order, zero votes included. */
export function allocationsOver(ids: readonly string[], maxVotes = 12): fc.Arbitrary<BallotAllocation[]> {
  return fc
    .shuffledSubarray([...ids])
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((proposalId) =>
          fc.integer({ min: -maxVotes, max: maxVotes }).map((votes) => ({ proposalId, votes })),
        ),
      ),
    );
}

/** A ballot over `ids` from an operator with 1–5 eligible nodes. */
export function tallyBallotOver(ids: readonly string[]): fc.Arbitrary<TallyBallot> {
  return fc.record({ eligibleNodes: fc.integer({ min: 1, max: 5 }), allocations: allocationsOver(ids) });
}

/** A random order of the same items. */
export function permutationOf<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}
