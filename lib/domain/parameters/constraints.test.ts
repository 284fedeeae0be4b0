import { describe, expect, it } from "vitest";
import {
  PARAMETER_KEYS,
  defaultParameterValues,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { CROSS_PARAMETER_CONSTRAINTS, SELECTION_WEIGHT_TOLERANCE } from "@/lib/domain/parameters/constraints";

const defaults = defaultParameterValues();

function constraint(id: string) {
  const found = CROSS_PARAMETER_CONSTRAINTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no constraint ${id}`);
  return found;
}

const weights = (speed: number, reliability: number, contribution: number): ParameterValues => ({
  ...defaults,
  "selection.weightSpeed": speed,
  "selection.weightReliability": reliability,
  "selection.weightContribution": contribution,
});

describe("cross-parameter constraints", () => {
  it("are the two product rules, over known keys, each explained", () => {
    expect(CROSS_PARAMETER_CONSTRAINTS.map((rule) => rule.id)).toEqual([
      "selection-weights-sum-to-one",
      "free-rider-throttle-below-one",
    ]);
    for (const rule of CROSS_PARAMETER_CONSTRAINTS) {
      expect(rule.keys.every((key) => PARAMETER_KEYS.includes(key))).toBe(true);
      expect(rule.description).toMatch(/^[A-Z].{20,}\.$/);
    }
    expect(SELECTION_WEIGHT_TOLERANCE).toBe(1e-9);
  });

  describe("selection weights sum to 1", () => {
    const rule = constraint("selection-weights-sum-to-one");

    it.each([
      [0.4, 0.3, 0.3],
      [0.1, 0.2, 0.7],
      [1, 0, 0],
      [1 / 3, 1 / 3, 1 / 3],
      [0.4 + 0.9e-9, 0.3, 0.3],
      [0.4 - 0.9e-9, 0.3, 0.3],
    ])("accepts %s + %s + %s", (speed, reliability, contribution) => {
      expect(rule.check(weights(speed, reliability, contribution))).toBeNull();
    });

    it.each([
      [0.5, 0.3, 0.3, "add up to 110 %", "Lower one or more of them by 10 % in total."],
      [0.3, 0.3, 0.3, "add up to 90 %", "Raise one or more of them by 10 % in total."],
      [0, 0, 0, "add up to 0 %", "Raise one or more of them by 100 % in total."],
      [0.4 + 2e-9, 0.3, 0.3, "add up to 100.0000002 %", "Lower one or more of them by 0.0000002 % in total."],
    ])("rejects %s + %s + %s: %s", (speed, reliability, contribution, sum, advice) => {
      const message = rule.check(weights(speed, reliability, contribution));
      expect(message).toContain(sum);
      expect(message).toContain(advice);
      expect(message).toContain("selection.weightSpeed");
      expect(message).toContain("Weight of reliability in the rating");
    });
  });

  describe("free-riders are slowed down while the rule is on", () => {
    const rule = constraint("free-rider-throttle-below-one");
    const values = (minShareRatio: number, throttleFactor: number): ParameterValues => ({
      ...defaults,
      "freeRider.minShareRatio": minShareRatio,
      "freeRider.throttleFactor": throttleFactor,
    });

    it.each([
      [0.5, 0.99],
      [5, 0],
      [0, 1],
      [0, 0.5],
    ])("accepts ratio %s with throttle %s", (ratio, throttle) => {
      expect(rule.check(values(ratio, throttle))).toBeNull();
    });

    it.each([
      [0.5, 1],
      [0.01, 1],
    ])("rejects ratio %s with throttle %s", (ratio, throttle) => {
      const message = rule.check(values(ratio, throttle));
      expect(message).toContain("Free-rider download speed (freeRider.throttleFactor) must be below 100 %");
      expect(message).toContain("Minimum share ratio (freeRider.minShareRatio)");
      expect(message).toContain(`it is ${ratio}`);
    });
  });
});
