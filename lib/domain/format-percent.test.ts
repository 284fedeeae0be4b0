import { describe, expect, it } from "vitest";
import { formatPercent } from "./format-percent";

describe("formatPercent", () => {
  it.each([
    [0, "0 %"],
    [1, "100 %"],
    [0.875, "87.5 %"],
    [2 / 3, "66.7 %"],
    [0.0004, "0 %"],
    [0.2, "20 %"],
    [12.345, "1,234.5 %"],
  ])("formatPercent(%s) is %j", (share, expected) => {
    expect(formatPercent(share)).toBe(expected);
  });
});
