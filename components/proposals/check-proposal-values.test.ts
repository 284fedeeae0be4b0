import { describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { checkProposalValues, problemsFor } from "./check-proposal-values";

const current = { ...defaultParameterValues(), "reward.perGbUploaded": 1.2 };

describe("checkProposalValues", () => {
  it("accepts an in-range new value", () => {
    const check = checkProposalValues(current, ["reward.perGbUploaded"], { "reward.perGbUploaded": "1.5" });
    expect(check).toEqual({ changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }], problems: [] });
  });

  it("names the parameter and the limit for an out-of-range value", () => {
    const check = checkProposalValues(current, ["reward.perGbUploaded"], { "reward.perGbUploaded": "150" });
    expect(problemsFor(check, "reward.perGbUploaded").map((problem) => problem.message)).toEqual([
      expect.stringMatching(/Pay per GB served .*at most 100 credits\/GB/),
    ]);
  });

  it("asks for a number when the field is empty or not a number", () => {
    for (const text of ["", "abc"]) {
      const check = checkProposalValues(current, ["freeRider.graceDays"], { "freeRider.graceDays": text });
      expect(check.changes).toEqual([]);
      expect(check.problems).toEqual([
        {
          keys: ["freeRider.graceDays"],
          message: expect.stringContaining("Enter a number for Grace period"),
        },
      ]);
    }
  });

  it("reads shares as percentages and reports the selection weights' sum", () => {
    const check = checkProposalValues(current, ["selection.weightSpeed"], { "selection.weightSpeed": "50" });
    expect(check.changes).toEqual([{ key: "selection.weightSpeed", toValue: 0.5 }]);
    expect(problemsFor(check, "selection.weightSpeed")[0]?.message).toContain("they add up to 110 %");
    expect(problemsFor(check, "selection.weightReliability")).toHaveLength(1);
  });

  it("accepts weights changed together so they still add up to 100 %", () => {
    const check = checkProposalValues(current, ["selection.weightSpeed", "selection.weightReliability"], {
      "selection.weightSpeed": "50",
      "selection.weightReliability": "20",
    });
    expect(check.problems).toEqual([]);
  });

  it("refuses a value equal to the current one", () => {
    const check = checkProposalValues(current, ["reward.perGbUploaded"], { "reward.perGbUploaded": "1.2" });
    expect(check.problems).toEqual([
      { keys: ["reward.perGbUploaded"], message: expect.stringContaining("is already 1.2 credits/GB") },
    ]);
  });
});
