import { describe, expect, it } from "vitest";
import {
  ASSUMPTION_IDS,
  CALIBRATION_MIN_OBSERVED_DAYS,
  MODEL_ASSUMPTIONS,
  modelAssumptions,
  resolveAssumptions,
} from "@/lib/domain/network-model/model-assumptions";

const OBSERVED = { joinsPerDay: 3.25, leavesPerDay: 0.011, observedDays: 30 };

describe("model assumptions", () => {
  it("uses the defaults when fewer than CALIBRATION_MIN_OBSERVED_DAYS days were observed", () => {
    const thin = { ...OBSERVED, observedDays: CALIBRATION_MIN_OBSERVED_DAYS - 1 };
    const list = modelAssumptions(thin);
    expect(list.map((assumption) => assumption.id)).toEqual(ASSUMPTION_IDS);
    for (const assumption of list) {
      expect(assumption.source).toBe("default");
      expect(assumption.value).toBe(
        MODEL_ASSUMPTIONS[assumption.id as keyof typeof MODEL_ASSUMPTIONS].default,
      );
    }
  });

  it("takes joins and leaves per day from the calibration once enough days were observed", () => {
    const list = modelAssumptions({ ...OBSERVED, observedDays: CALIBRATION_MIN_OBSERVED_DAYS });
    const byId = new Map(list.map((assumption) => [assumption.id, assumption]));
    expect(byId.get("joinsPerDay")).toMatchObject({ value: 3.25, source: "calibrated" });
    expect(byId.get("leavesPerDay")).toMatchObject({ value: 0.011, source: "calibrated" });
    expect(byId.get("joinsPerDay")!.sentence).toContain("3.25 new nodes");
    expect(byId.get("leavesPerDay")!.sentence).toContain("1.1 %");
    expect(byId.get("costShareOfMedianEarnings")).toMatchObject({ value: 0.25, source: "default" });
  });

  it("keeps a calibrated share within 0–1 and ignores a figure that is not a number", () => {
    const resolved = resolveAssumptions({ joinsPerDay: Number.NaN, leavesPerDay: 4, observedDays: 30 });
    expect(resolved.leavesPerDay).toBe(1);
    expect(resolved.joinsPerDay).toBe(MODEL_ASSUMPTIONS.joinsPerDay.default);
  });

  it("shows users exactly the figures the simulation resolves, each with a sentence holding its figure", () => {
    for (const calibration of [OBSERVED, { ...OBSERVED, observedDays: 0 }]) {
      const resolved = resolveAssumptions(calibration);
      for (const assumption of modelAssumptions(calibration)) {
        expect(assumption.value).toBe(resolved[assumption.id as keyof typeof resolved]);
        expect(assumption.sentence.length).toBeGreaterThan(20);
      }
    }
    expect(
      modelAssumptions(OBSERVED).find((item) => item.id === "costShareOfMedianEarnings")!.sentence,
    ).toContain("25 %");
  });

  it("takes the outside downloaders' demand from one observed day on, and says plainly when there is none", () => {
    const outside = modelAssumptions({ ...OBSERVED, observedDays: 1, outsideDemandBytesPerDay: 52.4e12 });
    expect(outside.find((item) => item.id === "outsideDemandBytesPerDay")).toMatchObject({
      value: 52.4e12,
      source: "calibrated",
    });
    expect(outside.find((item) => item.id === "outsideDemandBytesPerDay")!.sentence).toContain(
      "52.4 TB a day",
    );
    const none = modelAssumptions(OBSERVED).find((item) => item.id === "outsideDemandBytesPerDay")!;
    expect(none).toMatchObject({ value: 0, source: "default" });
    expect(none.sentence).toContain("no demand from outside the network");
  });
});
