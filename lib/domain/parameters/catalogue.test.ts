import { describe, expect, it } from "vitest";
import {
  PARAMETER_KEYS,
  PARAMETERS,
  defaultParameterValues,
  isParameterKey,
  parameterChangesSchema,
  parameterValuesSchema,
  parametersByCategory,
  type ParameterKey,
} from "@/lib/domain/parameters/catalogue";
import { PARAMETER_CATEGORIES, type ParameterCategoryId } from "@/lib/domain/parameters/parameter-definition";
import { type ParameterKind } from "@/lib/domain/parameters/format-amount";
import { CROSS_PARAMETER_CONSTRAINTS } from "@/lib/domain/parameters/constraints";

type Expected = {
  default: number;
  min: number;
  max: number;
  kind: ParameterKind;
  category: ParameterCategoryId;
};

/** docs/product.md "Parameter catalogue (initial)", written out by hand. */
const PRODUCT_CATALOGUE: Record<ParameterKey, Expected> = {
  "reward.perGbUploaded": { default: 1, min: 0, max: 100, kind: "decimal", category: "reward" },
  "reward.uptimeBonusPerDay": { default: 2, min: 0, max: 100, kind: "decimal", category: "reward" },
  "reward.epochEmissionCap": {
    default: 50_000,
    min: 0,
    max: 1_000_000_000,
    kind: "decimal",
    category: "reward",
  },
  "reward.uncorroboratedWeight": { default: 0.5, min: 0, max: 1, kind: "share", category: "reward" },
  "service.maxMbps": { default: 1_000, min: 1, max: 100_000, kind: "integer", category: "service" },
  "freeRider.minShareRatio": { default: 0.5, min: 0, max: 5, kind: "decimal", category: "freeRider" },
  "freeRider.throttleFactor": { default: 0.5, min: 0, max: 1, kind: "share", category: "freeRider" },
  "freeRider.graceDays": { default: 7, min: 0, max: 90, kind: "integer", category: "freeRider" },
  "selection.explorationRate": { default: 0.1, min: 0, max: 0.5, kind: "share", category: "selection" },
  "selection.ratingLearningRate": { default: 0.05, min: 0.001, max: 1, kind: "share", category: "selection" },
  "selection.ratingDecayPerEpoch": { default: 0.02, min: 0, max: 0.5, kind: "share", category: "selection" },
  "selection.weightSpeed": { default: 0.4, min: 0, max: 1, kind: "share", category: "selection" },
  "selection.weightReliability": { default: 0.3, min: 0, max: 1, kind: "share", category: "selection" },
  "selection.weightContribution": { default: 0.3, min: 0, max: 1, kind: "share", category: "selection" },
  "roles.guardMinRating": { default: 0.8, min: 0, max: 1, kind: "decimal", category: "roles" },
  "gov.voiceCreditsPerNode": { default: 100, min: 1, max: 10_000, kind: "integer", category: "gov" },
  "gov.quorum": { default: 0.2, min: 0.01, max: 1, kind: "share", category: "gov" },
  "gov.metaSupermajority": { default: 0.66, min: 0.5, max: 1, kind: "share", category: "gov" },
  "gov.discussionPeriodHours": { default: 48, min: 1, max: 720, kind: "integer", category: "gov" },
  "gov.roundLengthHours": { default: 72, min: 1, max: 720, kind: "integer", category: "gov" },
  "gov.enactmentDelayHours": { default: 24, min: 0, max: 720, kind: "integer", category: "gov" },
  "gov.minNodeAgeDays": { default: 3, min: 0, max: 365, kind: "integer", category: "gov" },
  "gov.minUptimeForVoting": { default: 0.5, min: 0, max: 1, kind: "share", category: "gov" },
  "gov.clusterPrefixV4": { default: 24, min: 8, max: 32, kind: "integer", category: "gov" },
  "gov.clusterPrefixV6": { default: 48, min: 16, max: 64, kind: "integer", category: "gov" },
};

const entries = PARAMETER_KEYS.map((key) => [key, PARAMETERS[key]] as const);

describe("parameter catalogue", () => {
  it("holds exactly the product catalogue, in its order", () => {
    expect(PARAMETER_KEYS).toEqual(Object.keys(PRODUCT_CATALOGUE));
  });

  it.each(entries)("%s matches product.md's default, range, kind and category", (key, parameter) => {
    const { default: fallback, min, max, kind, category } = parameter;
    expect({ default: fallback, min, max, kind, category }).toEqual(PRODUCT_CATALOGUE[key]);
  });

  it.each(entries)("%s is consistent with itself", (key, parameter) => {
    expect(parameter.key).toBe(key);
    expect(parameter.min).toBeLessThan(parameter.max);
    expect(parameter.default).toBeGreaterThanOrEqual(parameter.min);
    expect(parameter.default).toBeLessThanOrEqual(parameter.max);
    expect(parameter.schema.safeParse(parameter.default).success).toBe(true);
    expect(parameter.schema.safeParse(parameter.min).success).toBe(true);
    expect(parameter.schema.safeParse(parameter.max).success).toBe(true);
    expect(parameter.step).toBeGreaterThan(0);
    expect(parameter.step).toBeLessThanOrEqual(parameter.max - parameter.min);
    if (parameter.kind === "integer") {
      expect(Number.isInteger(parameter.default)).toBe(true);
      expect(Number.isInteger(parameter.min) && Number.isInteger(parameter.max)).toBe(true);
      expect(Number.isInteger(parameter.step)).toBe(true);
    }
    if (parameter.kind === "share") expect([parameter.min >= 0, parameter.max <= 1]).toEqual([true, true]);
  });

  it.each(entries)("%s explains itself in plain sentences", (_key, parameter) => {
    expect(parameter.label).toMatch(/^[A-Z][^.]{2,60}$/);
    for (const sentence of [parameter.description, parameter.whenRaised, parameter.whenLowered]) {
      expect(sentence).toMatch(/^[A-Z0-9].{10,}\.$/);
    }
    expect(parameter.whenRaised).not.toBe(parameter.whenLowered);
  });

  it.each(entries)(
    "%s's schema rejects values past its bounds with a message naming label and limit",
    (_key, p) => {
      const below = p.schema.safeParse(p.min - p.step);
      const above = p.schema.safeParse(p.max + p.step);
      expect(below.error?.issues[0]?.message).toMatch(new RegExp(`^${escape(p.label)} must be at least `));
      expect(above.error?.issues[0]?.message).toMatch(new RegExp(`^${escape(p.label)} must be at most `));
      expect(p.schema.safeParse(Number.NaN).success).toBe(false);
      expect(p.schema.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
      expect(p.schema.safeParse(String(p.default)).success).toBe(false);
    },
  );

  it.each([
    ["reward.perGbUploaded", 101, "Pay per GB served must be at most 100 credits/GB"],
    ["reward.perGbUploaded", -1, "Pay per GB served must be at least 0 credits/GB"],
    ["gov.quorum", 0, "Quorum must be at least 1 % (0.01)"],
    ["freeRider.graceDays", 2.5, "Grace period for new nodes must be a whole number"],
    ["gov.minNodeAgeDays", 400, "Days of service before voting must be at most 365 days"],
    ["roles.guardMinRating", 1.5, "Rating needed to be a guard node must be at most 1"],
  ] as const)("%s = %s fails with %j", (key, value, message) => {
    expect(PARAMETERS[key].schema.safeParse(value).error?.issues.map((issue) => issue.message)).toEqual([
      message,
    ]);
  });

  it("accepts only whole numbers for integer parameters", () => {
    const integers = PARAMETER_KEYS.filter((key) => PARAMETERS[key].kind === "integer");
    expect(integers).toEqual([
      "service.maxMbps",
      "freeRider.graceDays",
      "gov.voiceCreditsPerNode",
      "gov.discussionPeriodHours",
      "gov.roundLengthHours",
      "gov.enactmentDelayHours",
      "gov.minNodeAgeDays",
      "gov.clusterPrefixV4",
      "gov.clusterPrefixV6",
    ]);
    for (const key of integers)
      expect(PARAMETERS[key].schema.safeParse(PARAMETERS[key].default + 0.5).success).toBe(false);
  });

  it("has defaults that meet every cross-parameter constraint", () => {
    for (const constraint of CROSS_PARAMETER_CONSTRAINTS)
      expect(constraint.check(defaultParameterValues())).toBeNull();
  });

  it("returns a fresh defaults object each time", () => {
    const first = defaultParameterValues();
    first["gov.quorum"] = 0.9;
    expect(defaultParameterValues()["gov.quorum"]).toBe(0.2);
  });

  it.each([
    ["reward.perGbUploaded", true],
    ["gov.minUptimeForVoting", true],
    ["Reward.perGbUploaded", false],
    ["reward", false],
    ["", false],
    ["toString", false],
    ["__proto__", false],
    ["constructor", false],
  ])("isParameterKey(%j) is %s", (key, expected) => {
    expect(isParameterKey(key)).toBe(expected);
  });
});

describe("parameter categories", () => {
  it("lists the six categories in order", () => {
    expect(PARAMETER_CATEGORIES.map(({ id, label }) => [id, label])).toEqual([
      ["reward", "Rewards"],
      ["service", "Proof of service"],
      ["freeRider", "Free-riders"],
      ["selection", "Peer selection"],
      ["roles", "Roles"],
      ["gov", "Governance"],
    ]);
    for (const category of PARAMETER_CATEGORIES) expect(category.description).toMatch(/^[A-Z].{20,}\.$/);
  });

  it("groups every parameter under its category, in catalogue order", () => {
    const groups = parametersByCategory();
    expect(groups.map((group) => group.category.id)).toEqual(
      PARAMETER_CATEGORIES.map((category) => category.id),
    );
    expect(groups.flatMap((group) => group.parameters.map((parameter) => parameter.key))).toEqual(
      PARAMETER_KEYS,
    );
    for (const group of groups) {
      expect(group.parameters.length).toBeGreaterThan(0);
      for (const parameter of group.parameters) expect(parameter.category).toBe(group.category.id);
    }
  });
});

describe("parameter set schemas", () => {
  const defaults = defaultParameterValues();

  it("accepts the full default set", () => {
    expect(parameterValuesSchema.parse(defaults)).toEqual(defaults);
  });

  it("rejects a full set with an unknown key, a missing key or a value out of bounds", () => {
    const { "gov.quorum": _omitted, ...missing } = defaults;
    expect(parameterValuesSchema.safeParse({ ...defaults, extra: 1 }).error?.issues[0]?.code).toBe(
      "unrecognized_keys",
    );
    expect(parameterValuesSchema.safeParse(missing).error?.issues[0]?.path).toEqual(["gov.quorum"]);
    expect(parameterValuesSchema.safeParse({ ...defaults, "gov.quorum": 2 }).error?.issues[0]?.message).toBe(
      "Quorum must be at most 100 % (1)",
    );
  });

  it("accepts any subset of known keys as changes and rejects unknown keys and bad values", () => {
    expect(parameterChangesSchema.parse({})).toEqual({});
    expect(parameterChangesSchema.parse({ "gov.quorum": 0.3 })).toEqual({ "gov.quorum": 0.3 });
    expect(parameterChangesSchema.safeParse({ "gov.quorom": 0.3 }).success).toBe(false);
    expect(parameterChangesSchema.safeParse({ "freeRider.graceDays": 3.5 }).success).toBe(false);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
