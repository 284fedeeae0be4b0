import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PARAMETER_KEYS, PARAMETERS, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import {
  describeParameterChange,
  formatParameterChangeSize,
  formatParameterLimit,
  formatParameterRange,
  formatParameterValue,
} from "@/lib/domain/parameters/format";
import { inBoundsValue } from "@/lib/domain/parameters/testing/parameter-arbitraries";

/** How each default reads, and its range, for every key. */
const SHOWN: Record<ParameterKey, [value: string, range: string]> = {
  "reward.perGbUploaded": ["1.0 credits/GB", "0 – 100 credits/GB"],
  "reward.uptimeBonusPerDay": ["2 credits/day", "0 – 100 credits/day"],
  "reward.epochEmissionCap": ["50,000 credits", "0 – 1,000,000,000 credits"],
  "reward.uncorroboratedWeight": ["50 %", "0 – 100 %"],
  "service.maxMbps": ["1,000 Mbit/s", "1 – 100,000 Mbit/s"],
  "freeRider.minShareRatio": ["0.5", "0 – 5"],
  "freeRider.throttleFactor": ["50 %", "0 – 100 %"],
  "freeRider.graceDays": ["7 days", "0 – 90 days"],
  "selection.explorationRate": ["10 %", "0 – 50 %"],
  "selection.ratingLearningRate": ["5 %", "0.1 – 100 %"],
  "selection.ratingDecayPerEpoch": ["2 %", "0 – 50 %"],
  "selection.weightSpeed": ["40 %", "0 – 100 %"],
  "selection.weightReliability": ["30 %", "0 – 100 %"],
  "selection.weightContribution": ["30 %", "0 – 100 %"],
  "roles.guardMinRating": ["0.80", "0 – 1"],
  "gov.voiceCreditsPerNode": ["100 credits per node", "1 – 10,000 credits per node"],
  "gov.quorum": ["20 %", "1 – 100 %"],
  "gov.metaSupermajority": ["66 %", "50 – 100 %"],
  "gov.discussionPeriodHours": ["48 hours", "1 – 720 hours"],
  "gov.roundLengthHours": ["72 hours", "1 – 720 hours"],
  "gov.enactmentDelayHours": ["24 hours", "0 – 720 hours"],
  "gov.minNodeAgeDays": ["3 days", "0 – 365 days"],
  "gov.minUptimeForVoting": ["50 %", "0 – 100 %"],
  "gov.clusterPrefixV4": ["24 bits", "8 – 32 bits"],
  "gov.clusterPrefixV6": ["48 bits", "16 – 64 bits"],
};

describe("formatParameterValue and formatParameterRange", () => {
  it.each(PARAMETER_KEYS)("%s shows its default and range", (key) => {
    expect([formatParameterValue(key, PARAMETERS[key].default), formatParameterRange(key)]).toEqual(
      SHOWN[key],
    );
  });

  it.each([
    ["reward.perGbUploaded", 1.25, "1.25 credits/GB"],
    ["reward.perGbUploaded", 0, "0.0 credits/GB"],
    ["reward.epochEmissionCap", 1234567.5, "1,234,567.5 credits"],
    ["selection.explorationRate", 0.075, "7.5 %"],
    ["selection.ratingLearningRate", 0.001, "0.1 %"],
    ["gov.quorum", 0.07, "7 %"],
    ["gov.roundLengthHours", 1, "1 hour"],
    ["gov.minNodeAgeDays", 1, "1 day"],
    ["gov.minNodeAgeDays", 0, "0 days"],
    ["freeRider.minShareRatio", 1.5, "1.5"],
  ] as const)("%s = %s reads %j", (key, value, expected) => {
    expect(formatParameterValue(key, value)).toBe(expected);
  });

  it.each([
    ["reward.perGbUploaded", 100, "100 credits/GB"],
    ["selection.explorationRate", 0.5, "50 % (0.5)"],
    ["gov.quorum", 0.01, "1 % (0.01)"],
  ] as const)("the limit %s = %s reads %j", (key, value, expected) => {
    expect(formatParameterLimit(key, value)).toBe(expected);
  });
});

describe("describeParameterChange", () => {
  it.each([
    [
      "reward.perGbUploaded",
      1,
      1.2,
      `Raise the pay per GB served from 1.0 credits/GB to 1.2 credits/GB (+20 %). ${PARAMETERS["reward.perGbUploaded"].whenRaised}`,
    ],
    [
      "reward.perGbUploaded",
      0,
      1.2,
      `Raise the pay per GB served from 0.0 credits/GB to 1.2 credits/GB. ${PARAMETERS["reward.perGbUploaded"].whenRaised}`,
    ],
    [
      "reward.epochEmissionCap",
      50_000,
      40_000,
      `Lower the daily payout limit from 50,000 credits to 40,000 credits (−20 %). ${PARAMETERS["reward.epochEmissionCap"].whenLowered}`,
    ],
    [
      "selection.explorationRate",
      0.1,
      0.15,
      `Raise the exploration share from 10 % to 15 % (+5 percentage points). ${PARAMETERS["selection.explorationRate"].whenRaised}`,
    ],
    [
      "gov.quorum",
      0.2,
      0.19,
      `Lower the quorum from 20 % to 19 % (−1 percentage point). ${PARAMETERS["gov.quorum"].whenLowered}`,
    ],
    [
      "gov.roundLengthHours",
      72,
      1,
      `Lower the voting round length from 72 hours to 1 hour (−98.6 %). ${PARAMETERS["gov.roundLengthHours"].whenLowered}`,
    ],
    [
      "reward.epochEmissionCap",
      1_000_000,
      1_000_001,
      `Raise the daily payout limit from 1,000,000 credits to 1,000,001 credits (+less than 0.1 %). ${PARAMETERS["reward.epochEmissionCap"].whenRaised}`,
    ],
    ["gov.quorum", 0.2, 0.2, "Keep the quorum at 20 % (no change)."],
  ] as const)("%s from %s to %s", (key, from, to, expected) => {
    expect(describeParameterChange(key, from, to)).toBe(expected);
  });

  it("mentions the label, both formatted values and the matching effect for every key", () => {
    const change = fc
      .constantFrom(...PARAMETER_KEYS)
      .chain((key) => fc.tuple(fc.constant(key), inBoundsValue(key), inBoundsValue(key)));
    fc.assert(
      fc.property(change, ([key, from, to]) => {
        const parameter = PARAMETERS[key];
        const sentence = describeParameterChange(key, from, to);
        expect(sentence.toLowerCase()).toContain(parameter.label.toLowerCase());
        expect(sentence).toContain(formatParameterValue(key, from));
        expect(sentence).toContain(formatParameterValue(key, to));
        if (from < to) expect(sentence.endsWith(parameter.whenRaised)).toBe(true);
        if (from > to) expect(sentence.endsWith(parameter.whenLowered)).toBe(true);
        if (from === to) expect(sentence).toContain("no change");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("formatParameterChangeSize", () => {
  it.each([
    ["reward.perGbUploaded", 1, 1.2, "+20 %"],
    ["reward.epochEmissionCap", 50_000, 40_000, "−20 %"],
    ["selection.explorationRate", 0.1, 0.15, "+5 percentage points"],
    ["gov.quorum", 0.2, 0.19, "−1 percentage point"],
    ["reward.perGbUploaded", 0, 1.2, null],
    ["gov.quorum", 0.2, 0.2, null],
  ] as const)("%s from %s to %s is %s", (key, from, to, expected) => {
    expect(formatParameterChangeSize(key, from, to)).toBe(expected);
  });
});
