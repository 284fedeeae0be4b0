import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contributionP90,
  contributionScore,
  reliabilityScore,
  serviceScore,
  speedScore,
  updateRating,
  type RatingComponents,
} from "@/lib/domain/metrics/service-rating";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const components = fc.record({ speed: unit, reliability: unit, contribution: unit });
const weights = fc.record({ weightSpeed: unit, weightReliability: unit, weightContribution: unit });

describe("speedScore", () => {
  it.each([
    [null, 0],
    [0, 1],
    [100, 0.5],
    [300, 0.25],
    [900, 0.1],
  ])("of %s ms is %d", (latencyMs, speed) => {
    expect(speedScore(latencyMs)).toBeCloseTo(speed, 12);
  });
});

describe("reliabilityScore", () => {
  it.each([
    [0, 0],
    [43_200, 0.5],
    [82_080, 0.95],
    [86_400, 1],
    [90_000, 1],
  ])("of %i s up is %d", (uptimeSeconds, reliability) => {
    expect(reliabilityScore(uptimeSeconds)).toBeCloseTo(reliability, 12);
  });
});

describe("contributionP90", () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[5], 5],
    [[0, 7, 3], 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 9],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 10],
  ])("of %j is %i (nearest rank over the uploaders)", (bytesUp, p90) => {
    expect(contributionP90(bytesUp.map(BigInt))).toBe(BigInt(p90));
  });
});

describe("contributionScore", () => {
  it.each([
    [0n, 0n, 0],
    [5n, 0n, 0],
    [0n, 10n, 0],
    [5n, 10n, 0.5],
    [10n, 10n, 1],
    [1_000n, 10n, 1],
  ])("of %s bytes against p90 %s is %d", (bytesUp, p90, contribution) => {
    expect(contributionScore(bytesUp, p90)).toBe(contribution);
  });
});

describe("serviceScore", () => {
  it.each<[RatingComponents, [number, number, number], number]>([
    [{ speed: 0.5, reliability: 1, contribution: 0.25 }, [0.4, 0.3, 0.3], 0.2 + 0.3 + 0.075],
    [{ speed: 0.5, reliability: 1, contribution: 0.25 }, [1, 0, 0], 0.5],
    [{ speed: 0.5, reliability: 1, contribution: 0.25 }, [0, 1, 0], 1],
    [{ speed: 0.5, reliability: 1, contribution: 0.25 }, [0, 0, 1], 0.25],
    [{ speed: 0, reliability: 0, contribution: 0 }, [0.4, 0.3, 0.3], 0],
  ])("of %j with weights %j is %d", (parts, [weightSpeed, weightReliability, weightContribution], score) => {
    expect(serviceScore(parts, { weightSpeed, weightReliability, weightContribution })).toBeCloseTo(
      score,
      12,
    );
  });

  it("applies the weights as defined: linear in each weight, (1, 0, 0) gives the speed", () => {
    fc.assert(
      fc.property(components, weights, unit, (parts, weighting, extra) => {
        expect(serviceScore(parts, { weightSpeed: 1, weightReliability: 0, weightContribution: 0 })).toBe(
          parts.speed,
        );
        const base = serviceScore(parts, weighting);
        const keys = ["weightSpeed", "weightReliability", "weightContribution"] as const;
        const parts3 = [parts.speed, parts.reliability, parts.contribution];
        for (const [index, key] of keys.entries()) {
          const raised = serviceScore(parts, { ...weighting, [key]: weighting[key] + extra });
          expect(raised - base).toBeCloseTo(extra * parts3[index]!, 12);
        }
      }),
      propertyRuns("service score weights"),
    );
  });
});

describe("updateRating", () => {
  it.each([
    [{ rating: 0, score: 1, learningRate: 0.05, decay: 0.02 }, 0.05],
    [{ rating: 0.5, score: 0.5, learningRate: 0.05, decay: 0.02 }, 0.49],
    [{ rating: 0.8, score: 0.2, learningRate: 0.5, decay: 0 }, 0.5],
    [{ rating: 1, score: 0, learningRate: 1, decay: 0.5 }, 0],
    [{ rating: 0.3, score: 0.9, learningRate: 1, decay: 0 }, 0.9],
    [{ rating: 0.9, score: 1, learningRate: 0, decay: 0 }, 0.9],
  ])("of %j is %d", (input, rating) => {
    expect(updateRating(input)).toBeCloseTo(rating, 12);
  });

  it("stays within [0, 1], and never moves with learning rate 0 and decay 0", () => {
    const input = fc.record({
      rating: unit,
      score: unit,
      learningRate: unit,
      decay: fc.double({ min: 0, max: 0.5, noNaN: true }),
    });
    fc.assert(
      fc.property(input, (options) => {
        const rating = updateRating(options);
        expect(rating).toBeGreaterThanOrEqual(0);
        expect(rating).toBeLessThanOrEqual(1);
        expect(updateRating({ ...options, learningRate: 0, decay: 0 })).toBe(options.rating);
      }),
      propertyRuns("rating update bounds"),
    );
  });
});
