import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PARAMETER_KEYS,
  defaultParameterValues,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { diffParameterValues } from "@/lib/domain/parameters/diff";
import { inBoundsValue, validParameterValues } from "@/lib/domain/parameters/testing/parameter-arbitraries";

const defaults = defaultParameterValues();

describe("diffParameterValues", () => {
  it("lists only changed keys, in catalogue order, whatever order the objects were built in", () => {
    const next: ParameterValues = { ...defaults, "gov.quorum": 0.3, "reward.perGbUploaded": 1.2 };
    expect(diffParameterValues(defaults, next)).toEqual([
      { key: "reward.perGbUploaded", from: 1, to: 1.2 },
      { key: "gov.quorum", from: 0.2, to: 0.3 },
    ]);
  });

  it("is empty for identical sets", () => {
    expect(diffParameterValues(defaults, { ...defaults })).toEqual([]);
  });

  it("is empty when a set is compared with itself, for any set", () => {
    fc.assert(
      fc.property(validParameterValues, (values) => {
        expect(diffParameterValues(values, values)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("lists exactly the changed keys with their old and new values", () => {
    const changedSet = validParameterValues.chain((previous) =>
      fc.subarray([...PARAMETER_KEYS]).chain((keys) =>
        fc
          .tuple(...keys.map((key) => inBoundsValue(key).map((value) => [key, value] as const)))
          .map((entries) => {
            const changes: Partial<ParameterValues> = Object.fromEntries(entries);
            return { previous, changes, next: { ...previous, ...changes } };
          }),
      ),
    );
    fc.assert(
      fc.property(changedSet, ({ previous, changes, next }) => {
        const diff = diffParameterValues(previous, next);
        const expected = PARAMETER_KEYS.filter((key) => key in changes && changes[key] !== previous[key]);
        expect(diff.map((change) => change.key)).toEqual(expected);
        for (const change of diff)
          expect([change.from, change.to]).toEqual([previous[change.key], next[change.key]]);
      }),
      { numRuns: 1000 },
    );
  });
});
