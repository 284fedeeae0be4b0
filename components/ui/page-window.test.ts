import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageWindow } from "./page-window";

describe("pageWindow", () => {
  it.each<[number, number, (number | "gap")[]]>([
    [1, 1, [1]],
    [1, 2, [1, 2]],
    [1, 5, [1, 2, "gap", 5]],
    [3, 5, [1, 2, 3, 4, 5]],
    [6, 12, [1, "gap", 5, 6, 7, "gap", 12]],
    [12, 12, [1, "gap", 11, 12]],
    [4, 12, [1, 2, 3, 4, 5, "gap", 12]],
  ])("page %i of %i → %j", (page, count, expected) => {
    expect(pageWindow(page, count)).toEqual(expected);
  });

  it("shows first, last and current page, ascending, with no gap hiding a single page", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 499 }), (count, offset) => {
        const page = (offset % count) + 1;
        const items = pageWindow(page, count);
        const numbers = items.filter((item): item is number => item !== "gap");
        expect(numbers).toContain(1);
        expect(numbers).toContain(count);
        expect(numbers).toContain(page);
        expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
        expect(new Set(numbers).size).toBe(numbers.length);
        items.forEach((item, index) => {
          if (item !== "gap") return;
          const before = items[index - 1] as number;
          const after = items[index + 1] as number;
          expect(after - before).toBeGreaterThan(2);
        });
      }),
    );
  });
});
