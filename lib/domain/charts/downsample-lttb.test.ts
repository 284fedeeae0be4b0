import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downsampleLttb } from "./downsample-lttb";

type Point = { x: number; y: number };
const run = (points: Point[], threshold: number) =>
  downsampleLttb(
    points,
    threshold,
    (point) => point.x,
    (point) => point.y,
  );
const series = (values: number[]): Point[] => values.map((y, x) => ({ x, y }));

describe("downsampleLttb", () => {
  it.each([
    { name: "fewer points than the threshold", points: series([1, 2, 3]), threshold: 5, expected: [1, 2, 3] },
    { name: "exactly the threshold", points: series([1, 2, 3]), threshold: 3, expected: [1, 2, 3] },
    {
      name: "threshold below 3 keeps the ends",
      points: series([1, 9, 2, 3]),
      threshold: 2,
      expected: [1, 3],
    },
    { name: "an empty series", points: [], threshold: 10, expected: [] },
  ])("$name", ({ points, threshold, expected }) => {
    expect(run(points, threshold).map((point) => point.y)).toEqual(expected);
  });

  it("keeps a single spike that an average would flatten", () => {
    const values = Array.from({ length: 1000 }, (_, index) => (index === 500 ? 100 : 1));
    const result = run(series(values), 20);
    expect(result).toHaveLength(20);
    expect(result.some((point) => point.y === 100)).toBe(true);
  });

  it("returns at most `threshold` points, in order, starting and ending with the originals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 3, max: 120 }),
        (values, threshold) => {
          const points = series(values);
          const result = run(points, threshold);
          expect(result.length).toBe(Math.min(points.length, threshold));
          for (let index = 1; index < result.length; index += 1) {
            expect(result[index]!.x).toBeGreaterThan(result[index - 1]!.x);
          }
          if (points.length > 0) {
            expect(result[0]).toBe(points[0]);
            expect(result.at(-1)).toBe(points.at(-1));
          }
        },
      ),
    );
  });
});
