import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";

describe("formatNumber", () => {
  it.each([
    [0, {}, "0"],
    [-0, {}, "0"],
    [7, {}, "7"],
    [1, { minFractionDigits: 1 }, "1.0"],
    [1.25, { minFractionDigits: 1 }, "1.25"],
    [999, {}, "999"],
    [1000, {}, "1,000"],
    [50_000, {}, "50,000"],
    [1e9, {}, "1,000,000,000"],
    [-1234.5, {}, "-1,234.5"],
    [1234567.891, { maxFractionDigits: 2 }, "1,234,567.89"],
    [999.9999, { maxFractionDigits: 2 }, "1,000"],
    [0.1 + 0.2, {}, "0.3"],
    [7.000000000000001, { maxFractionDigits: 4 }, "7"],
    [-0.0000001, { maxFractionDigits: 2 }, "0"],
    [1e21, {}, "1e+21"],
    [Number.NaN, {}, "NaN"],
    [Number.NEGATIVE_INFINITY, {}, "-Infinity"],
  ])("formatNumber(%s, %j) is %j", (value, options, expected) => {
    expect(formatNumber(value, options)).toBe(expected);
  });

  it("groups every safe integer without changing its digits", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const text = formatNumber(n);
        expect(text.replaceAll(",", "")).toBe(String(n));
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*$/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("formatDataSize", () => {
  it.each([
    [0, "0 MB"],
    [0.0042, "4.2 MB"],
    [155.449, "155 GB"],
    [12.345, "12.3 GB"],
    [999.9, "1,000 GB"],
    [1_000, "1 TB"],
    [14_327.07, "14.3 TB"],
    [1_234.5, "1.23 TB"],
    [72_139.1, "72.1 TB"],
    [2_193_555.4, "2.19 PB"],
    [312_000_000, "312 PB"],
  ])("%s GB reads %s", (gigabytes, expected) => {
    expect(formatDataSize(gigabytes)).toBe(expected);
  });
});
