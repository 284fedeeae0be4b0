import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandsOf, medianInPlace, quantileOfSorted, selectKth } from "@/lib/domain/network-model/bands";

describe("bandsOf", () => {
  it("gives each day's 10th percentile, median and 90th percentile across runs, days from 1", () => {
    // Day 1 holds 0…10 across eleven runs; day 2 the same × 2.
    const samples = Array.from({ length: 11 }, (_, run) => [run, 2 * run]);
    expect(bandsOf(samples)).toEqual([
      { day: 1, p10: 1, median: 5, p90: 9 },
      { day: 2, p10: 2, median: 10, p90: 18 },
    ]);
  });

  it("interpolates between ranks and takes the mean of the middle two for an even count", () => {
    expect(bandsOf([[1], [2], [3], [4]])).toEqual([{ day: 1, p10: 1.3, median: 2.5, p90: 3.7 }]);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
    expect(bandsOf([])).toEqual([]);
  });

  it("keeps p10 ≤ median ≤ p90 within the runs' range on every day (property)", () => {
    const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10 })
          .chain((days) =>
            fc.array(fc.array(finite, { minLength: days, maxLength: days }), { minLength: 1, maxLength: 60 }),
          ),
        (samples) => {
          for (const band of bandsOf(samples)) {
            const column = samples.map((run) => run[band.day - 1]!);
            expect(band.p10).toBeLessThanOrEqual(band.median);
            expect(band.median).toBeLessThanOrEqual(band.p90);
            expect(band.p10).toBeGreaterThanOrEqual(Math.min(...column));
            expect(band.p90).toBeLessThanOrEqual(Math.max(...column));
          }
        },
      ),
      { seed: 20_261_207, numRuns: 500 },
    );
  });
});

describe("selectKth", () => {
  it("finds the k-th smallest value as sorting would (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.nat(),
        (values, pick) => {
          const k = pick % values.length;
          const sorted = Float64Array.from(values).sort();
          expect(selectKth(Float64Array.from(values), values.length, k)).toBe(sorted[k]);
        },
      ),
      { seed: 20_261_207, numRuns: 2_000 },
    );
    expect(() => selectKth(new Float64Array(3), 3, 3)).toThrow(RangeError);
  });
});

describe("medianInPlace", () => {
  it("is the median of the first `count` values, the mean of the middle two for an even count (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const middle = values.length >> 1;
        const expected =
          values.length === 0
            ? 0
            : values.length % 2 === 1
              ? sorted[middle]!
              : (sorted[middle - 1]! + sorted[middle]!) / 2;
        const buffer = Float64Array.from([...values, 1e9, -1e9]);
        expect(medianInPlace(buffer, values.length)).toBe(expected);
      }),
      { seed: 20_261_207, numRuns: 1_000 },
    );
  });
});
