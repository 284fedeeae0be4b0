import { describe, expect, it } from "vitest";
import { ratingTrend, spreadEvenly, type EpochRating } from "@/lib/domain/metrics/rating-trend";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("ratingTrend", () => {
  it.each<[string, EpochRating[], { day: Date; rating: number }[]]>([
    ["no epoch", [], []],
    [
      "one epoch: before it, then after it from the next midnight",
      [{ day: day("2026-11-20"), ratingBefore: 0.4, rating: 0.45 }],
      [
        { day: day("2026-11-20"), rating: 0.4 },
        { day: day("2026-11-21"), rating: 0.45 },
      ],
    ],
    [
      "epochs with a gap between them",
      [
        { day: day("2026-11-20"), ratingBefore: 0.4, rating: 0.45 },
        { day: day("2026-11-24"), ratingBefore: 0.45, rating: 0.5 },
      ],
      [
        { day: day("2026-11-20"), rating: 0.4 },
        { day: day("2026-11-21"), rating: 0.45 },
        { day: day("2026-11-25"), rating: 0.5 },
      ],
    ],
  ])("%s", (_, epochs, trend) => {
    expect(ratingTrend(epochs, 60)).toEqual(trend);
  });

  it("keeps at most maxPoints, the first and the last among them", () => {
    const epochs = Array.from({ length: 100 }, (_, index) => ({
      day: new Date(Date.UTC(2026, 0, 1 + index)),
      ratingBefore: (index % 7) / 10,
      rating: ((index + 1) % 7) / 10,
    }));
    const trend = ratingTrend(epochs, 10);
    expect(trend).toHaveLength(10);
    expect(trend[0]).toEqual({ day: epochs[0]!.day, rating: 0 });
    expect(trend.at(-1)!.day).toEqual(new Date(Date.UTC(2026, 0, 101)));
  });
});

describe("spreadEvenly", () => {
  it.each([
    [[], 3, []],
    [[1, 2], 3, [1, 2]],
    [[1, 2, 3], 3, [1, 2, 3]],
    [[1, 2, 3, 4, 5], 3, [1, 3, 5]],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, [1, 4, 7, 10]],
    [[1, 2, 3, 4], 3, [1, 3, 4]],
  ])("of %j into %i is %j", (items, count, spread) => {
    expect(spreadEvenly(items, count)).toEqual(spread);
  });
});
