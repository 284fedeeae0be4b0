import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import {
  categoriesOfChanges,
  checkedProposalChanges,
  describeProposalChange,
  needsBaseConfirmation,
  validateProposalChanges,
} from "@/lib/domain/governance/proposal-changes";
import {
  PARAMETER_KEYS,
  PARAMETERS,
  defaultParameterValues,
  type ParameterKey,
} from "@/lib/domain/parameters/catalogue";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import {
  inBoundsValue,
  invalidValue,
  validParameterValues,
} from "@/lib/domain/parameters/testing/parameter-arbitraries";

const current = defaultParameterValues();

describe("validateProposalChanges", () => {
  it.each([
    ["an empty list", [], "changes", "from 1 to 10 parameters; this one has 0"],
    [
      "eleven changes",
      PARAMETER_KEYS.slice(0, 11).map((key) => ({ key, toValue: PARAMETERS[key].max })),
      "changes",
      "this one has 11",
    ],
    [
      "an unknown key",
      [{ key: "reward.bogus", toValue: 1 }],
      "changes.0.key",
      '"reward.bogus" is not a known parameter',
    ],
    [
      "a repeated key",
      [
        { key: "gov.quorum", toValue: 0.3 },
        { key: "gov.quorum", toValue: 0.4 },
      ],
      "changes.1.key",
      "Quorum (gov.quorum) appears more than once",
    ],
    [
      "a value above the maximum",
      [
        { key: "gov.quorum", toValue: 0.3 },
        { key: "reward.perGbUploaded", toValue: 101 },
      ],
      "changes.1.toValue",
      "Pay per GB served (reward.perGbUploaded) must be at most 100 credits/GB",
    ],
    [
      "a fraction for a whole-number parameter",
      [{ key: "freeRider.graceDays", toValue: 2.5 }],
      "changes.0.toValue",
      "Grace period for new nodes (freeRider.graceDays) must be a whole number",
    ],
    [
      "the current value",
      [{ key: "gov.quorum", toValue: 0.2 }],
      "changes.0.toValue",
      "Quorum (gov.quorum) is already 20 %. Choose a different value",
    ],
    [
      "weights that no longer add up to 100 %",
      [
        { key: "gov.quorum", toValue: 0.3 },
        { key: "selection.weightSpeed", toValue: 0.5 },
      ],
      "changes.1.toValue",
      "The selection weights must add up to 100 %, but they add up to 110 %",
    ],
  ] as const)("refuses %s, naming field %s", (_name, changes, field, message) => {
    const result = validateProposalChanges(current, changes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({ field, message: expect.stringContaining(message) }),
    );
  });

  it("accepts changes that keep every constraint", () => {
    const result = validateProposalChanges(current, [
      { key: "selection.weightSpeed", toValue: 0.5 },
      { key: "selection.weightReliability", toValue: 0.2 },
      { key: "reward.perGbUploaded", toValue: 1.2 },
    ]);
    expect(result).toEqual({
      ok: true,
      changes: [
        { key: "selection.weightSpeed", toValue: 0.5 },
        { key: "selection.weightReliability", toValue: 0.2 },
        { key: "reward.perGbUploaded", toValue: 1.2 },
      ],
    });
  });

  const change = fc.constantFrom(...PARAMETER_KEYS).chain((key) =>
    fc.record({
      key: fc.constant<string>(key),
      toValue: fc.oneof(
        inBoundsValue(key),
        invalidValue(key).filter((value): value is number => typeof value === "number"),
      ),
    }),
  );

  it("accepts only values within bounds that differ from the current ones and meet every constraint", () => {
    fc.assert(
      fc.property(
        validParameterValues,
        fc.array(change, { minLength: 1, maxLength: 10 }),
        (values, changes) => {
          const result = validateProposalChanges(values, changes);
          if (!result.ok) return;
          const merged = { ...values };
          for (const { key, toValue } of result.changes) {
            expect(PARAMETERS[key].schema.safeParse(toValue).success).toBe(true);
            expect(toValue).not.toBe(values[key]);
            merged[key] = toValue;
          }
          expect(new Set(result.changes.map((item) => item.key)).size).toBe(result.changes.length);
          expect(validateParameterValues(merged).ok).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("names a parameter by its label in every message about a parameter", () => {
    fc.assert(
      fc.property(
        validParameterValues,
        fc.array(change, { minLength: 1, maxLength: 10 }),
        (values, changes) => {
          const result = validateProposalChanges(values, changes);
          if (result.ok) return;
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            if (issue.keys.length === 0) continue;
            const labels = (issue.keys as ParameterKey[]).map((key) => PARAMETERS[key].label);
            expect(
              labels.some((label) => issue.message.includes(label)),
              issue.message,
            ).toBe(true);
            expect(issue.field).toMatch(/^changes(\.\d+\.(key|toValue))?$/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("checkedProposalChanges", () => {
  it("turns valid changes into rows with each parameter's category and current value", () => {
    expect(
      checkedProposalChanges(
        current,
        [
          { key: "gov.quorum", toValue: 0.3 },
          { key: "reward.perGbUploaded", toValue: 1.5 },
        ],
        { code: "BAD_INPUT" },
      ),
    ).toEqual([
      { key: "gov.quorum", category: "gov", fromValue: current["gov.quorum"], toValue: 0.3 },
      {
        key: "reward.perGbUploaded",
        category: "reward",
        fromValue: current["reward.perGbUploaded"],
        toValue: 1.5,
      },
    ]);
  });

  const unchanged = { key: "gov.quorum", toValue: current["gov.quorum"] };
  const unknown = { key: "reward.bogus", toValue: 1 };
  it.each([
    [
      "one problem",
      "BAD_INPUT",
      [unchanged],
      null,
      /^The proposed changes have a problem: .+ is already .+\.$/,
    ],
    ["two problems", "UNPROCESSABLE", [unchanged, unknown], null, /^The proposed changes have 2 problems: /],
    [
      "a next step",
      "UNPROCESSABLE",
      [unchanged],
      "Withdraw it.",
      /^The proposed changes have a problem: .+ Withdraw it\.$/,
    ],
  ] as const)("refuses with %s", (_name, code, changes, nextStep, message) => {
    const error = (() => {
      try {
        checkedProposalChanges(current, changes, { code, nextStep });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    const { issues } = validateProposalChanges(current, changes) as { issues: unknown[] };
    expect((error as DomainError).details).toEqual({ violations: issues });
  });
});

describe("describeProposalChange", () => {
  it.each(PARAMETER_KEYS)("has a raise and a lower sentence for %s", (key) => {
    const { min, max, label, whenRaised, whenLowered } = PARAMETERS[key];
    const raise = describeProposalChange(key, min, max);
    const lower = describeProposalChange(key, max, min);
    expect(raise.label).toBe(label);
    expect(raise.sentence).toMatch(/^Raise /);
    expect(raise.sentence.endsWith(whenRaised)).toBe(true);
    expect(lower.sentence).toMatch(/^Lower /);
    expect(lower.sentence.endsWith(whenLowered)).toBe(true);
    expect(lower.changeText).toMatch(/^−/);
  });

  it("gives the change size from the current value", () => {
    expect(describeProposalChange("reward.perGbUploaded", 1, 1.2)).toMatchObject({ changeText: "+20 %" });
    expect(describeProposalChange("selection.explorationRate", 0.1, 0.15)).toMatchObject({
      changeText: "+5 percentage points",
    });
  });
});

describe("categoriesOfChanges", () => {
  it("lists each touched category once, in catalogue order, ignoring unknown keys", () => {
    expect(
      categoriesOfChanges(["gov.quorum", "reward.perGbUploaded", "gov.voiceCreditsPerNode", "x"]),
    ).toEqual(["reward", "gov"]);
  });
});

describe("needsBaseConfirmation", () => {
  const proposal = { baseVersion: 2, changes: [{ key: "gov.quorum", fromValue: 0.2 }] };
  it.each([
    ["the base is active", 2, { "gov.quorum": 0.3 }, false],
    ["a newer version left the touched value alone", 3, { "reward.perGbUploaded": 2 }, false],
    ["a newer version changed a touched value", 3, { "gov.quorum": 0.25 }, true],
  ] as const)("%s → %s", (_name, version, changed, expected) => {
    expect(needsBaseConfirmation(proposal, { version, params: { ...current, ...changed } })).toBe(expected);
  });
});
