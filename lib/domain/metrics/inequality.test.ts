import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  giniCoefficient,
  lorenzCurve,
  nakamotoCoefficient,
  topGroupSize,
  topShares,
} from "@/lib/domain/metrics/inequality";
import { permutationOf, propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const holdings = fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 30 });
const heldBy = (amounts: number[]) => amounts.reduce((sum, amount) => sum + amount, 0);

describe("giniCoefficient", () => {
  it.each([
    [[], 0],
    [[0, 0, 0], 0],
    [[7], 0],
    [[5, 5, 5, 5], 0],
    [[0, 0, 0, 1], 0.75],
    [[1, 0], 0.5],
    [[1, 2, 3, 4, 5], 4 / 15],
    [[3, 1, 2], 2 / 9],
  ])("of %j is %d", (amounts, gini) => {
    expect(giniCoefficient(amounts)).toBeCloseTo(gini, 12);
  });

  it("stays within 0 and (n − 1)/n, ignores order and scale", () => {
    const withOrder = holdings.chain((amounts) =>
      fc.record({
        amounts: fc.constant(amounts),
        reordered: permutationOf(amounts),
        scale: fc.integer({ min: 1, max: 50 }),
      }),
    );
    fc.assert(
      fc.property(withOrder, ({ amounts, reordered, scale }) => {
        const gini = giniCoefficient(amounts);
        expect(gini).toBeGreaterThanOrEqual(0);
        expect(gini).toBeLessThanOrEqual(
          amounts.length === 0 ? 0 : (amounts.length - 1) / amounts.length + 1e-12,
        );
        expect(giniCoefficient(reordered)).toBeCloseTo(gini, 12);
        expect(giniCoefficient(amounts.map((amount) => amount * scale))).toBeCloseTo(gini, 12);
      }),
      propertyRuns("gini bounds and invariances"),
    );
  });
});

describe("nakamotoCoefficient", () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[1], 1],
    [[51, 49], 1],
    [[50, 50], 2],
    [[2, 1, 1], 2],
    [[1, 3, 1], 1],
    [[1, 1, 1, 1, 1], 3],
    [[10, 0, 0, 0], 1],
  ])("of %j is %i", (amounts, nakamoto) => {
    expect(nakamotoCoefficient(amounts)).toBe(nakamoto);
  });

  it("is the fewest holders with more than half: the top N hold more, the top N − 1 do not", () => {
    fc.assert(
      fc.property(holdings, (amounts) => {
        const nakamoto = nakamotoCoefficient(amounts);
        const total = heldBy(amounts);
        if (total === 0) {
          expect(nakamoto).toBe(0);
          return;
        }
        const largestFirst = [...amounts].sort((a, b) => b - a);
        expect(nakamoto).toBeGreaterThanOrEqual(1);
        expect(nakamoto).toBeLessThanOrEqual(amounts.filter((amount) => amount > 0).length);
        expect(heldBy(largestFirst.slice(0, nakamoto)) * 2).toBeGreaterThan(total);
        expect(heldBy(largestFirst.slice(0, nakamoto - 1)) * 2).toBeLessThanOrEqual(total);
      }),
      propertyRuns("nakamoto definition"),
    );
  });
});

describe("lorenzCurve", () => {
  it.each([
    [[], [[0, 0]]],
    [
      [1, 1],
      [
        [0, 0],
        [0.5, 0.5],
        [1, 1],
      ],
    ],
    [
      [3, 0, 1],
      [
        [0, 0],
        [1 / 3, 0],
        [2 / 3, 0.25],
        [1, 1],
      ],
    ],
  ])("of %j", (amounts, points) => {
    expect(lorenzCurve(amounts)).toEqual(points.map(([population, share]) => ({ population, share })));
  });

  it("rises from (0, 0) to (1, 1) and never above the line of equality", () => {
    fc.assert(
      fc.property(
        holdings.filter((amounts) => heldBy(amounts) > 0),
        (amounts) => {
          const curve = lorenzCurve(amounts);
          expect(curve).toHaveLength(amounts.length + 1);
          expect(curve[0]).toEqual({ population: 0, share: 0 });
          expect(curve.at(-1)).toEqual({ population: 1, share: 1 });
          curve.slice(1).forEach((point, index) => {
            expect(point.population).toBeGreaterThan(curve[index]!.population);
            expect(point.share).toBeGreaterThanOrEqual(curve[index]!.share);
            expect(point.share).toBeLessThanOrEqual(point.population + 1e-12);
          });
        },
      ),
      propertyRuns("lorenz curve shape"),
    );
  });
});

describe("topGroupSize", () => {
  it.each([
    [0, 10, 1],
    [1, 1, 1],
    [3, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [300, 1, 3],
    [300, 50, 150],
    [301, 50, 151],
  ])("of %i nodes, the top %i %% are %i", (nodes, topPercent, size) => {
    expect(topGroupSize({ nodes, topPercent })).toBe(size);
  });
});

describe("topShares", () => {
  it.each([
    [
      [8, 2, 0],
      [1, 10, 50],
      [0.8, 0.8, 1],
    ],
    [
      [1, 1, 1, 1],
      [25, 50, 100],
      [0.25, 0.5, 1],
    ],
    [
      [0, 5, 15],
      [1, 50],
      [0.75, 1],
    ],
    [[7], [1, 10, 50], [1, 1, 1]],
  ])("of %j for the top %j %% are %j", (amounts, topPercents, shares) => {
    expect(topShares(amounts, topPercents)).toEqual(
      topPercents.map((topPercent, index) => ({ topPercent, share: shares[index] })),
    );
  });
});
