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
    // Served: rating + learningRate × (score − rating); the decay plays no part.
    [{ rating: 0, score: 1, served: true, learningRate: 0.05, decay: 0.02 }, 0.05],
    [{ rating: 0.5, score: 0.5, served: true, learningRate: 0.05, decay: 0.02 }, 0.5],
    [{ rating: 0.5, score: 0.8, served: true, learningRate: 0.05, decay: 0.02 }, 0.515],
    [{ rating: 0.8, score: 0.2, served: true, learningRate: 0.5, decay: 0 }, 0.5],
    [{ rating: 0.3, score: 0.9, served: true, learningRate: 1, decay: 0.5 }, 0.9],
    [{ rating: 0.9, score: 1, served: true, learningRate: 0, decay: 0.5 }, 0.9],
    // Did not serve: (1 − decay) × rating; the score plays no part.
    [{ rating: 0.5, score: 0.8, served: false, learningRate: 0.05, decay: 0.02 }, 0.49],
    [{ rating: 1, score: 1, served: false, learningRate: 1, decay: 0.5 }, 0.5],
    [{ rating: 0.9, score: 0, served: false, learningRate: 0.05, decay: 0 }, 0.9],
    [{ rating: 0.9, score: 0.9, served: false, learningRate: 0.05, decay: 1 }, 0],
    [{ rating: 0, score: 1, served: false, learningRate: 0.05, decay: 0.02 }, 0],
  ])("of %j is %d", (input, rating) => {
    expect(updateRating(input)).toBeCloseTo(rating, 12);
  });

  it("clamps a rating from outside [0, 1] back into it", () => {
    expect(updateRating({ rating: 1.5, score: 1, served: false, learningRate: 0.05, decay: 0.02 })).toBe(1);
    expect(updateRating({ rating: -0.5, score: 0, served: true, learningRate: 0.5, decay: 0 })).toBe(0);
  });

  const rate = fc.double({ min: 0, max: 1, noNaN: true });
  const step = fc.record({
    rating: unit,
    score: unit,
    served: fc.boolean(),
    learningRate: rate,
    decay: rate,
  });

  it("stays within [0, 1], never moves away from the score when served and never rises when absent", () => {
    fc.assert(
      fc.property(step, (options) => {
        const rating = updateRating(options);
        expect(rating).toBeGreaterThanOrEqual(0);
        expect(rating).toBeLessThanOrEqual(1);
        if (options.served) {
          expect(Math.abs(rating - options.score)).toBeLessThanOrEqual(
            Math.abs(options.rating - options.score) + 1e-15,
          );
        } else {
          expect(rating).toBeLessThanOrEqual(options.rating);
        }
      }),
      propertyRuns("rating update bounds"),
    );
  });

  it("converges to a constant score: the distance shrinks by (1 − learningRate) each epoch served", () => {
    const run = fc.record({
      rating: unit,
      score: unit,
      learningRate: fc.double({ min: 0.01, max: 1, noNaN: true }),
      decay: rate,
    });
    fc.assert(
      fc.property(run, ({ rating: start, score, learningRate, decay }) => {
        let rating = start;
        for (let epoch = 1; epoch <= 3_000; epoch += 1) {
          rating = updateRating({ rating, score, served: true, learningRate, decay });
          if (epoch % 500 === 0) {
            const bound = (1 - learningRate) ** epoch * Math.abs(start - score);
            expect(Math.abs(rating - score)).toBeLessThanOrEqual(bound + 1e-12);
          }
        }
        // 0.99^3000 ≈ 8e-14: the rating has reached the score.
        expect(rating).toBeCloseTo(score, 9);
      }),
      { ...propertyRuns("rating converges to a constant score"), numRuns: 200 },
    );
  });

  it("fades geometrically while absent: (1 − decay)^n × the rating after n epochs, whatever the score", () => {
    const run = fc.record({
      rating: unit,
      decay: rate,
      scores: fc.array(unit, { minLength: 1, maxLength: 60 }),
      learningRate: rate,
    });
    fc.assert(
      fc.property(run, ({ rating: start, decay, scores, learningRate }) => {
        let rating = start;
        for (const score of scores)
          rating = updateRating({ rating, score, served: false, learningRate, decay });
        expect(rating).toBeCloseTo(start * (1 - decay) ** scores.length, 12);
      }),
      propertyRuns("absent rating fades geometrically"),
    );
  });

  it("keeps a node that never served at rating 0, whatever its scores and the rates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: unit, learningRate: rate, decay: rate }), { maxLength: 60 }),
        (epochs) => {
          let rating = 0;
          for (const epoch of epochs) rating = updateRating({ rating, served: false, ...epoch });
          expect(rating).toBe(0);
        },
      ),
      propertyRuns("never-served rating stays 0"),
    );
  });
});
