import { describe, expect, it } from "vitest";
import { averageRating, nodesAtGuardRating, ratingHistogram } from "@/lib/domain/metrics/rating-distribution";

describe("ratingHistogram", () => {
  it.each([
    [[], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    [
      [0.05, 0.15, 0.85, 1, 0.8],
      [1, 1, 0, 0, 0, 0, 0, 0, 2, 1],
    ],
    [
      [0, 0.1, 0.2, 0.99],
      [1, 1, 1, 0, 0, 0, 0, 0, 0, 1],
    ],
    [
      [-0.5, 1.5],
      [1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    ],
  ])("puts %j in ten bins as %j", (ratings, counts) => {
    const bins = ratingHistogram(ratings, 10);
    expect(bins.map((bin) => bin.nodes)).toEqual(counts);
    expect(bins.map((bin) => [bin.from, bin.to])).toEqual(
      Array.from({ length: 10 }, (_, index) => [index / 10, (index + 1) / 10]),
    );
  });

  it.each([
    [[0.2, 0.5, 0.7], 2, [1, 2]],
    [[0.5], 1, [1]],
    [[0.3, 0.34, 0.67, 1], 3, [1, 1, 2]],
  ])("puts %j in %i bins as %j", (ratings, binCount, counts) => {
    expect(ratingHistogram(ratings, binCount).map((bin) => bin.nodes)).toEqual(counts);
  });
});

describe("nodesAtGuardRating", () => {
  it.each([
    [[], 0.8, 0],
    [[0.79, 0.8, 0.81], 0.8, 2],
    [[0.5, 0.6], 0.8, 0],
    [[0, 0.1], 0, 2],
  ])("of %j at guard rating %d is %i", (ratings, guardMinRating, count) => {
    expect(nodesAtGuardRating(ratings, guardMinRating)).toBe(count);
  });
});

describe("averageRating", () => {
  it.each([
    [[], null],
    [[0.5], 0.5],
    [[0.25, 0.5], 0.375],
    [[0, 1, 0.5], 0.5],
  ])("of %j is %s", (ratings, average) => {
    expect(averageRating(ratings)).toBe(average);
  });
});
