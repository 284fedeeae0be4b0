import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PARAMETER_KEYS,
  PARAMETERS,
  defaultParameterValues,
  isParameterKey,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import {
  anyParameterValues,
  parameterChanges,
  validParameterValues,
} from "@/lib/domain/parameters/testing/parameter-arbitraries";
import {
  validateParameterChanges,
  validateParameterValues,
  type ParameterViolation,
} from "@/lib/domain/parameters/validate";

const defaults = defaultParameterValues();

function violationsOf(result: ReturnType<typeof validateParameterValues>): ParameterViolation[] {
  if (result.ok) throw new Error("expected the values to be rejected");
  return result.violations;
}

/** Independent oracle: is this value acceptable for this key, written without the registry's schemas. */
function isValueInBounds(key: ParameterKey, value: unknown): value is number {
  const { kind, min, max } = PARAMETERS[key];
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (kind !== "integer" || Number.isInteger(value))
  );
}

function meetsConstraints(values: ParameterValues): boolean {
  const sum =
    values["selection.weightSpeed"] +
    values["selection.weightReliability"] +
    values["selection.weightContribution"];
  const isThrottled = values["freeRider.minShareRatio"] <= 0 || values["freeRider.throttleFactor"] < 1;
  return Math.abs(sum - 1) <= 1e-9 && isThrottled;
}

/** Keys the oracle finds wrong on their own: unknown, missing or out of bounds. */
function badKeysOf(values: Record<string, unknown>): Set<string> {
  const unknown = Object.keys(values).filter((key) => !isParameterKey(key));
  const bad = PARAMETER_KEYS.filter(
    (key) => !Object.hasOwn(values, key) || !isValueInBounds(key, values[key]),
  );
  return new Set([...unknown, ...bad]);
}

function namesItsKeys(violation: ParameterViolation): boolean {
  return (violation.keys as string[]).every(
    (key) =>
      violation.message.includes(isParameterKey(key) ? key : JSON.stringify(key)) &&
      (!isParameterKey(key) || violation.message.includes(PARAMETERS[key].label)),
  );
}

describe("validateParameterValues examples", () => {
  it("accepts the defaults and returns them in catalogue order", () => {
    const shuffled = Object.fromEntries(Object.entries(defaults).reverse());
    const result = validateParameterValues(shuffled);
    expect(result).toEqual({ ok: true, values: defaults });
    if (result.ok) expect(Object.keys(result.values)).toEqual(PARAMETER_KEYS);
  });

  it.each([
    ["reward.perGbUploaded", -0.5, "below_minimum", 0, "at least 0 credits/GB"],
    ["reward.perGbUploaded", 100.1, "above_maximum", 100, "at most 100 credits/GB"],
    ["reward.epochEmissionCap", 1e9 + 1, "above_maximum", 1e9, "at most 1,000,000,000 credits"],
    ["freeRider.graceDays", 91, "above_maximum", 90, "at most 90 days"],
    ["selection.ratingLearningRate", 0, "below_minimum", 0.001, "at least 0.1 % (0.001)"],
    ["selection.explorationRate", 0.6, "above_maximum", 0.5, "at most 50 % (0.5)"],
    ["gov.voiceCreditsPerNode", 0, "below_minimum", 1, "at least 1 credits per node"],
    ["gov.metaSupermajority", 0.49, "below_minimum", 0.5, "at least 50 % (0.5)"],
    ["gov.minNodeAgeDays", 366, "above_maximum", 365, "at most 365 days"],
    ["gov.minUptimeForVoting", 1.01, "above_maximum", 1, "at most 100 % (1)"],
  ] as const)("%s = %s is %s with limit %s", (key, value, code, limit, text) => {
    const [violation, ...rest] = violationsOf(validateParameterValues({ ...defaults, [key]: value }));
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ keys: [key], code, limit });
    expect(violation?.message).toContain(PARAMETERS[key].label);
    expect(violation?.message).toContain(key);
    expect(violation?.message).toContain(text);
  });

  it.each([
    "freeRider.graceDays",
    "gov.voiceCreditsPerNode",
    "gov.discussionPeriodHours",
    "gov.roundLengthHours",
    "gov.enactmentDelayHours",
    "gov.minNodeAgeDays",
  ] as const)("rejects a fractional %s as not_integer", (key) => {
    const [violation] = violationsOf(validateParameterValues({ ...defaults, [key]: defaults[key] + 0.5 }));
    expect(violation).toMatchObject({ keys: [key], code: "not_integer" });
    expect(violation?.message).toContain("whole number");
    expect(violation?.message).toContain(PARAMETERS[key].label);
  });

  it.each([NaN, Infinity, -Infinity, "1.0", null, true, [1], { value: 1 }])(
    "rejects %s as invalid_type",
    (value) => {
      const [violation, ...rest] = violationsOf(
        validateParameterValues({ ...defaults, "reward.perGbUploaded": value }),
      );
      expect(rest).toEqual([]);
      expect(violation).toMatchObject({ keys: ["reward.perGbUploaded"], code: "invalid_type" });
      expect(violation?.message).toContain("Pay per GB served (reward.perGbUploaded)");
      expect(violation?.message).toContain("0 – 100 credits/GB");
    },
  );

  it("rejects an unknown key and suggests the key it resembles", () => {
    const [violation] = violationsOf(validateParameterValues({ ...defaults, "Reward.PerGbUploaded": 2 }));
    expect(violation).toMatchObject({ keys: ["Reward.PerGbUploaded"], code: "unknown_parameter" });
    expect(violation?.message).toContain('"Reward.PerGbUploaded"');
    expect(violation?.message).toContain("Did you mean Pay per GB served (reward.perGbUploaded)?");
  });

  it("treats inherited names such as __proto__ and toString as unknown keys", () => {
    const values = JSON.parse(`{"__proto__": 1, "toString": 2}`) as Record<string, unknown>;
    const violations = violationsOf(validateParameterValues({ ...defaults, ...values }));
    expect(violations.map((violation) => [violation.code, violation.keys])).toEqual([
      ["unknown_parameter", ["__proto__"]],
      ["unknown_parameter", ["toString"]],
    ]);
  });

  it("rejects a missing key, naming it and its range", () => {
    const { "gov.quorum": _omitted, ...rest } = defaults;
    const [violation, ...others] = violationsOf(validateParameterValues(rest));
    expect(others).toEqual([]);
    expect(violation).toMatchObject({ keys: ["gov.quorum"], code: "invalid_type" });
    expect(violation?.message).toContain("Quorum (gov.quorum) is missing");
    expect(violation?.message).toContain("1 – 100 %");
  });

  it("rejects selection weights that do not add up to 1, saying the sum and what to change", () => {
    const [violation, ...rest] = violationsOf(
      validateParameterValues({ ...defaults, "selection.weightSpeed": 0.5 }),
    );
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({
      code: "constraint",
      constraintId: "selection-weights-sum-to-one",
      keys: ["selection.weightSpeed", "selection.weightReliability", "selection.weightContribution"],
    });
    expect(violation?.message).toContain("add up to 110 %");
    expect(violation?.message).toContain("Lower one or more of them by 10 %");
    expect(violation?.message).toContain("Weight of speed in the rating (selection.weightSpeed) 50 %");
  });

  it("accepts weights that add up to 1 only up to floating-point error", () => {
    expect(
      validateParameterValues({
        ...defaults,
        "selection.weightSpeed": 0.1,
        "selection.weightReliability": 0.2,
        "selection.weightContribution": 0.7,
      }).ok,
    ).toBe(true);
    expect(validateParameterValues({ ...defaults, "selection.weightSpeed": 0.4 + 2e-9 }).ok).toBe(false);
  });

  it("rejects a throttle of 100 % while the free-rider rule is on, and allows it when the rule is off", () => {
    const [violation] = violationsOf(validateParameterValues({ ...defaults, "freeRider.throttleFactor": 1 }));
    expect(violation).toMatchObject({ code: "constraint", constraintId: "free-rider-throttle-below-one" });
    expect(violation?.message).toContain("Free-rider download speed (freeRider.throttleFactor)");
    expect(violation?.message).toContain("below 100 %");
    expect(
      validateParameterValues({ ...defaults, "freeRider.throttleFactor": 1, "freeRider.minShareRatio": 0 })
        .ok,
    ).toBe(true);
  });

  it("reports every problem at once", () => {
    const { "gov.roundLengthHours": _omitted, ...rest } = defaults;
    const violations = violationsOf(
      validateParameterValues({
        ...rest,
        "reward.perGbUploaded": 101,
        "freeRider.graceDays": 1.5,
        "gov.quorum": "x",
        "selection.weightSpeed": 0.5,
        "freeRider.throttleFactor": 1,
        extra: 1,
      }),
    );
    expect(violations.map((violation) => [violation.code, violation.keys[0]])).toEqual([
      ["unknown_parameter", "extra"],
      ["above_maximum", "reward.perGbUploaded"],
      ["not_integer", "freeRider.graceDays"],
      ["invalid_type", "gov.quorum"],
      ["invalid_type", "gov.roundLengthHours"],
      ["constraint", "selection.weightSpeed"],
      ["constraint", "freeRider.throttleFactor"],
    ]);
  });

  it("skips a constraint whose keys are already invalid instead of reporting it twice", () => {
    const violations = violationsOf(validateParameterValues({ ...defaults, "selection.weightSpeed": 2 }));
    expect(violations.map((violation) => violation.code)).toEqual(["above_maximum"]);
  });
});

describe("validateParameterChanges examples", () => {
  it("merges valid changes into the current values", () => {
    const result = validateParameterChanges(defaults, { "reward.perGbUploaded": 1.2, "gov.quorum": 0.3 });
    expect(result).toEqual({
      ok: true,
      values: { ...defaults, "reward.perGbUploaded": 1.2, "gov.quorum": 0.3 },
    });
  });

  it("does not modify the current values", () => {
    const current = defaultParameterValues();
    validateParameterChanges(current, { "reward.perGbUploaded": 1.2 });
    expect(current).toEqual(defaults);
  });

  it("checks constraints on the merged set", () => {
    const broken = validateParameterChanges(defaults, { "selection.weightSpeed": 0.5 });
    expect(violationsOf(broken).map((violation) => violation.constraintId)).toEqual([
      "selection-weights-sum-to-one",
    ]);
    const balanced = validateParameterChanges(defaults, {
      "selection.weightSpeed": 0.5,
      "selection.weightContribution": 0.2,
    });
    expect(balanced.ok).toBe(true);
  });

  it("reports unknown keys and every out-of-bounds change together", () => {
    const violations = violationsOf(
      validateParameterChanges(defaults, {
        "gov.quorum": 0,
        nonsense: 3,
        "gov.enactmentDelayHours": 12.5,
        "freeRider.throttleFactor": 1,
      }),
    );
    expect(violations.map((violation) => [violation.code, violation.keys[0]])).toEqual([
      ["below_minimum", "gov.quorum"],
      ["unknown_parameter", "nonsense"],
      ["not_integer", "gov.enactmentDelayHours"],
      ["constraint", "freeRider.throttleFactor"],
    ]);
  });

  it("accepts an empty set of changes as the current values", () => {
    expect(validateParameterChanges(defaults, {})).toEqual({ ok: true, values: defaults });
  });
});

describe("validator properties", () => {
  it("accepts exactly the full sets that are in bounds and meet every constraint, reporting every bad key", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(anyParameterValues, (values) => {
        const result = validateParameterValues(values);
        const badKeys = badKeysOf(values);
        if (result.ok) {
          accepted += 1;
          // (a) everything accepted is within bounds for every key and meets every constraint.
          expect(badKeys).toEqual(new Set());
          for (const key of PARAMETER_KEYS) expect(isValueInBounds(key, result.values[key])).toBe(true);
          expect(meetsConstraints(result.values)).toBe(true);
          expect(result.values).toEqual(values);
          return;
        }
        rejected += 1;
        // (b) everything rejected has violations, each naming its parameter.
        expect(result.violations.length).toBeGreaterThan(0);
        for (const violation of result.violations) expect(namesItsKeys(violation)).toBe(true);
        const reported = new Set(
          result.violations.filter((violation) => violation.code !== "constraint").flatMap((v) => v.keys),
        );
        expect(reported).toEqual(badKeys);
        if (badKeys.size === 0) expect(meetsConstraints(values as ParameterValues)).toBe(false);
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  it("accepts exactly the changes whose keys are known and in bounds and whose merged set meets every constraint", () => {
    let accepted = 0;
    fc.assert(
      fc.property(validParameterValues, parameterChanges, (current, changes) => {
        const result = validateParameterChanges(current, changes);
        const badKeys = Object.entries(changes)
          .filter(([key, value]) => !isParameterKey(key) || !isValueInBounds(key, value))
          .map(([key]) => key);
        if (result.ok) {
          accepted += 1;
          expect(badKeys).toEqual([]);
          expect(result.values).toEqual({ ...current, ...changes });
          expect(meetsConstraints(result.values)).toBe(true);
          return;
        }
        expect(result.violations.length).toBeGreaterThan(0);
        for (const violation of result.violations) expect(namesItsKeys(violation)).toBe(true);
        const reported = new Set(
          result.violations.filter((violation) => violation.code !== "constraint").flatMap((v) => v.keys),
        );
        expect(reported).toEqual(new Set(badKeys));
        if (badKeys.length === 0) {
          expect(meetsConstraints({ ...current, ...(changes as Partial<ParameterValues>) })).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
