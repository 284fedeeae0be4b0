import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromInputText, inputBounds, toInputText } from "./parameter-input";

describe("toInputText", () => {
  it.each([
    ["share", 0.1, "10"],
    ["share", 0.07, "7"],
    ["share", 0.005, "0.5"],
    ["share", 1, "100"],
    ["decimal", 1.2, "1.2"],
    ["decimal", 50_000, "50000"],
    ["integer", 48, "48"],
  ] as const)("%s %d → %j", (kind, value, text) => {
    expect(toInputText(kind, value)).toBe(text);
  });
});

describe("fromInputText", () => {
  it.each([
    ["share", "10", 0.1],
    ["share", "7", 0.07],
    ["share", " 33.3 ", 0.333],
    ["share", "110", 1.1],
    ["decimal", "1.2", 1.2],
    ["decimal", "150", 150],
    ["decimal", ".5", 0.5],
    ["decimal", "-1", -1],
    ["integer", "48", 48],
    ["integer", "2.5", 2.5],
  ] as const)("%s %j → %d", (kind, text, value) => {
    expect(fromInputText(kind, text)).toBe(value);
  });

  it.each(["", "  ", "abc", "1,5", "1.2.3", "12 GB", "Infinity", "NaN", "1e999"])(
    "%j is not a number",
    (text) => {
      expect(fromInputText("decimal", text)).toBeNull();
    },
  );

  it("reads back every value it shows, shares included", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("share", "decimal", "integer" as const),
        fc.integer({ min: 0, max: 1_000_000 }),
        (kind, thousandths) => {
          const value = kind === "integer" ? thousandths : thousandths / 1000;
          expect(fromInputText(kind, toInputText(kind, value))).toBe(value);
        },
      ),
    );
  });
});

describe("inputBounds", () => {
  it("scales shares to percentages", () => {
    expect(inputBounds("share", { min: 0, max: 0.5, step: 0.01 })).toEqual({ min: 0, max: 50, step: 1 });
  });
  it("keeps other kinds as they are", () => {
    expect(inputBounds("decimal", { min: 0, max: 100, step: 0.1 })).toEqual({ min: 0, max: 100, step: 0.1 });
  });
});
