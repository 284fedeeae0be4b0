import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

const draw = (seed: number, count: number) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.nextFloat());
};

describe("createRandom", () => {
  it("gives the same sequence for the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draw(seed, 20)).toEqual(draw(seed, 20));
      }),
    );
  });

  it("gives different sequences for different seeds", () => {
    expect(draw(1, 5)).not.toEqual(draw(2, 5));
  });

  it("matches the reference mulberry32 sequence (the demo network depends on it)", () => {
    expect(draw(0, 3).map((value) => value.toFixed(10))).toEqual([
      "0.2664292087",
      "0.0003297457",
      "0.2232720274",
    ]);
    const random = createRandom(20261125);
    expect(Array.from({ length: 4 }, () => random.int(0, 999))).toEqual([273, 340, 709, 222]);
  });

  it("keeps nextFloat in [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        for (const value of draw(seed, 50)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
        }
      }),
    );
  });

  it("keeps int(min, max) inside the inclusive range", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(50), (seed, min, span) => {
        const random = createRandom(seed);
        for (let i = 0; i < 20; i++) {
          const value = random.int(min, min + span);
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(min);
          expect(value).toBeLessThanOrEqual(min + span);
        }
      }),
    );
  });

  it("reaches both ends of a small range", () => {
    const random = createRandom(7);
    const seen = new Set(Array.from({ length: 200 }, () => random.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it.each([
    [2, 1],
    [0.5, 2],
    [0, Number.POSITIVE_INFINITY],
  ])("rejects int(%s, %s)", (min, max) => {
    expect(() => createRandom(1).int(min, max)).toThrow(RangeError);
  });

  it("rejects a non-integer seed", () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
  });

  it("picks an element of the list", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.string(), { minLength: 1 }), (seed, items) => {
        expect(items).toContain(createRandom(seed).pick(items));
      }),
    );
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });

  it("shuffles into a permutation without touching the input", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer()), (seed, items) => {
        const before = [...items];
        const shuffled = createRandom(seed).shuffle(items);
        expect(items).toEqual(before);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it("never picks a zero-weight option and follows the weights", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = createRandom(seed);
        const options = [
          { value: "never", weight: 0 },
          { value: "rare", weight: 1 },
          { value: "often", weight: 9 },
        ];
        for (let i = 0; i < 20; i++) expect(random.weightedPick(options)).not.toBe("never");
      }),
    );
    const random = createRandom(42);
    const picks = Array.from({ length: 2000 }, () =>
      random.weightedPick([
        { value: "rare", weight: 1 },
        { value: "often", weight: 9 },
      ]),
    );
    const often = picks.filter((value) => value === "often").length / picks.length;
    expect(often).toBeGreaterThan(0.85);
    expect(often).toBeLessThan(0.95);
    expect(() => createRandom(1).weightedPick([{ value: "x", weight: 0 }])).toThrow(RangeError);
  });

  it("gives the requested number of bytes, deterministically", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(70), (seed, length) => {
        const bytes = createRandom(seed).bytes(length);
        expect(bytes).toHaveLength(length);
        expect(createRandom(seed).bytes(length)).toEqual(bytes);
      }),
    );
  });
});
