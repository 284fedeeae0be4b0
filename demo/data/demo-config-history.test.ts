import { describe, expect, it } from "vitest";
import { demoConfigHistory } from "@/demo/data/demo-config-history";
import {
  defaultParameterValues,
  PARAMETER_KEYS,
  parameterValuesSchema,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { CROSS_PARAMETER_CONSTRAINTS } from "@/lib/domain/parameters/constraints";

const changedKeys = (from: ParameterValues, to: ParameterValues) =>
  PARAMETER_KEYS.filter((key) => from[key] !== to[key]);

describe("demoConfigHistory", () => {
  const defaults = defaultParameterValues();
  const [second, third, ...rest] = demoConfigHistory(defaults);

  it("gives two later versions, oldest first, issued before they activate", () => {
    expect(rest).toHaveLength(0);
    expect(second!.issuedDaysAgo).toBeGreaterThan(second!.activateDaysAgo);
    expect(second!.activateDaysAgo).toBeGreaterThan(third!.issuedDaysAgo);
    expect(third!.issuedDaysAgo).toBeGreaterThan(third!.activateDaysAgo);
    expect(third!.activateDaysAgo).toBeGreaterThan(0);
  });

  it("raises the upload reward and exploration in version 2", () => {
    expect(changedKeys(defaults, second!.params)).toEqual([
      "reward.perGbUploaded",
      "selection.explorationRate",
    ]);
    expect(second!.params["reward.perGbUploaded"]).toBe(1.2);
    expect(second!.params["selection.explorationRate"]).toBe(0.12);
  });

  it("reweights selection and shortens the free-rider grace in version 3", () => {
    expect(changedKeys(second!.params, third!.params).sort()).toEqual([
      "freeRider.graceDays",
      "selection.weightReliability",
      "selection.weightSpeed",
    ]);
    expect(third!.params["freeRider.graceDays"]).toBe(5);
    expect(third!.params["selection.weightSpeed"]).toBe(0.35);
    expect(third!.params["selection.weightReliability"]).toBe(0.35);
    expect(third!.params["selection.weightContribution"]).toBe(0.3);
  });

  it("produces full parameter sets that pass every bound and cross-parameter rule", () => {
    for (const step of [second!, third!]) {
      expect(parameterValuesSchema.safeParse(step.params).success).toBe(true);
      for (const constraint of CROSS_PARAMETER_CONSTRAINTS) expect(constraint.check(step.params)).toBeNull();
    }
  });
});
