import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultParameterValues, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import type { EpochNodeInput } from "@/lib/domain/rewards/compute-epoch";
import {
  applyParameterChanges,
  changesRewards,
  isRewardParameter,
  simulateRewardImpact,
  touchesRewardParameter,
} from "@/lib/domain/rewards/simulate-impact";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const DAY = new Date("2026-11-20T00:00:00.000Z");
const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
const daysBefore = (days: number) => new Date(DAY.getTime() - days * DAY_MS);

/** A day's usage; every byte served is corroborated unless `corroboratedBytesUp` says otherwise. */
function usage(
  uptimeSeconds: number,
  bytesUp: bigint,
  bytesDown: bigint,
  corroboratedBytesUp = bytesUp,
): EpochNodeInput["usage"] {
  return {
    uptimeSeconds,
    windowSeconds: 86_400,
    bytesUp,
    corroboratedBytesUp,
    bytesDown,
    latencyMsSeconds: 50n * 86_400n,
  };
}

/**
 * Under the defaults: "a" earns 10 + 2 bonus; "b" (share ratio 0.1) is a free-rider paid (1 + 2) × 0.5;
 * "c" is 2 days old, below the ratio and in grace, earning nothing; "d" is silent.
 */
const NODES: EpochNodeInput[] = [
  {
    nodeId: "a",
    operatorId: "op1",
    firstReportedAt: daysBefore(30),
    previousRating: 0.9,
    usage: usage(86_400, 10n * GB, 5n * GB),
  },
  {
    nodeId: "b",
    operatorId: "op1",
    firstReportedAt: daysBefore(30),
    previousRating: 0.5,
    usage: usage(86_400, GB, 10n * GB),
  },
  {
    nodeId: "c",
    operatorId: "op2",
    firstReportedAt: daysBefore(2),
    previousRating: 0,
    usage: usage(43_200, 0n, 4n * GB),
  },
  { nodeId: "d", operatorId: "op3", firstReportedAt: daysBefore(60), previousRating: 0.85, usage: null },
];

const CURRENT = defaultParameterValues();

/** Scores under the defaults: speed 100 / 150 at 50 ms; a's 10 GB is the p90 of the paid bytes, b has a tenth of it. */
const SCORE = { a: 0.4 * (2 / 3) + 0.3 + 0.3, b: 0.4 * (2 / 3) + 0.3 + 0.3 * 0.1 };
/** Ratings of a and b, which served, after the epoch at learning rate 0.05. */
const RATED = { a: 0.9 + 0.05 * (SCORE.a - 0.9), b: 0.5 + 0.05 * (SCORE.b - 0.5) };

function simulate(changes: Partial<ParameterValues>, nodes: readonly EpochNodeInput[] = NODES) {
  return simulateRewardImpact({
    day: DAY,
    nodes,
    currentParams: CURRENT,
    proposedParams: { ...CURRENT, ...changes },
  });
}

describe("changesRewards", () => {
  it.each([
    [{ "reward.perGbUploaded": 2 }, true],
    [{ "freeRider.graceDays": 1 }, true],
    [{ "selection.explorationRate": 0.2 }, true],
    [{ "roles.guardMinRating": 0.5 }, true],
    [{ "gov.quorum": 0.3, "gov.roundLengthHours": 24 }, false],
    [{ "gov.quorum": 0.3, "reward.uptimeBonusPerDay": 3 }, true],
    [{}, false],
    [{ "reward.perGbUploaded": CURRENT["reward.perGbUploaded"] }, false],
  ] as const)("for %j is %s", (changes, expected) => {
    expect(changesRewards(CURRENT, { ...CURRENT, ...changes })).toBe(expected);
  });
});

describe("isRewardParameter", () => {
  it.each([
    ["reward.epochEmissionCap", true],
    ["freeRider.throttleFactor", true],
    ["selection.weightSpeed", true],
    ["roles.guardMinRating", true],
    ["gov.quorum", false],
  ] as const)("%s is %s", (key, expected) => {
    expect(isRewardParameter(key)).toBe(expected);
  });
});

describe("touchesRewardParameter", () => {
  it.each([
    [[{ key: "reward.perGbUploaded", toValue: 2 }], true],
    [[{ key: "gov.quorum", toValue: 0.3 }], false],
    [
      [
        { key: "gov.quorum", toValue: 0.3 },
        { key: "roles.guardMinRating", toValue: 0.5 },
      ],
      true,
    ],
    [[{ key: "no.suchParameter", toValue: 1 }], false],
    [[], false],
  ])("for %j is %s", (changes, expected) => {
    expect(touchesRewardParameter(changes)).toBe(expected);
  });
});

describe("applyParameterChanges", () => {
  it.each([
    [[], {}],
    [[{ key: "reward.perGbUploaded", toValue: 2 }], { "reward.perGbUploaded": 2 }],
    [
      [
        { key: "gov.quorum", toValue: 0.3 },
        { key: "reward.epochEmissionCap", toValue: 10_000 },
      ],
      { "gov.quorum": 0.3, "reward.epochEmissionCap": 10_000 },
    ],
  ])("applies %j to the current values", (changes, changed) => {
    expect(applyParameterChanges(CURRENT, changes)).toEqual({ ...CURRENT, ...changed });
  });

  it("refuses a key outside the catalogue, saying where to choose from", () => {
    expect(() => applyParameterChanges(CURRENT, [{ key: "no.suchParameter", toValue: 1 }])).toThrow(
      expect.objectContaining({
        code: "BAD_INPUT",
        message: '"no.suchParameter" is not a known parameter; choose one from the parameter catalogue.',
      }),
    );
  });
});

describe("simulateRewardImpact", () => {
  it("replays the day under the current values", () => {
    const impact = simulate({ "reward.perGbUploaded": 2 });
    expect(impact?.day).toEqual(DAY);
    expect(impact?.activeNodes).toBe(3);
    expect(impact).toMatchObject({ claimedGb: 11, corroboratedGb: 11 });
    expect(impact?.current).toEqual({
      paidGb: 11,
      paidCredits: 13.5,
      unscaledCredits: 13.5,
      scale: 1,
      freeRiders: 1,
      freeRidersInGrace: 1,
      paidNodes: 2,
      // Served, so toward the score (speed 2/3 at 50 ms): a 0.9 → 0.9 + 0.05 × (0.8667 − 0.9), b 0.5 →
      // 0.5 + 0.05 × (0.5967 − 0.5); c served no bytes and d was silent, so they fade: c stays 0, d 0.98 × 0.85.
      averageRating: expect.closeTo((RATED.a + RATED.b + 0 + 0.98 * 0.85) / 4, 9),
      guardMinRating: 0.8,
      // a (0.898) and d (0.833).
      nodesAtGuardRating: 2,
    });
  });

  it.each([
    ["pay per GB doubled", { "reward.perGbUploaded": 2 }, { paidCredits: 24, paidNodes: 2, freeRiders: 1 }],
    ["a lower share ratio frees b", { "freeRider.minShareRatio": 0.05 }, { paidCredits: 15, freeRiders: 0 }],
    ["a shorter grace ends c's", { "freeRider.graceDays": 1 }, { freeRiders: 2, freeRidersInGrace: 0 }],
    ["no bonus", { "reward.uptimeBonusPerDay": 0 }, { paidCredits: 10.5, paidNodes: 2 }],
    ["a higher guard bar shuts d out", { "roles.guardMinRating": 0.85 }, { nodesAtGuardRating: 1 }],
    ["a lower guard bar lets b in", { "roles.guardMinRating": 0.5 }, { nodesAtGuardRating: 3 }],
    [
      // a and b take their scores; c (served nothing) and d (silent) fade as before.
      "ratings follow the score at once",
      { "selection.ratingLearningRate": 1 },
      { averageRating: expect.closeTo((SCORE.a + SCORE.b + 0 + 0.98 * 0.85) / 4, 9), nodesAtGuardRating: 2 },
    ],
  ] as const)("%s", (_label, changes, expected) => {
    const impact = simulate(changes);
    expect(impact?.proposed).toMatchObject(expected);
    expect(impact?.proposed.scale).toBe(1);
  });

  it("replays paid traffic: the weight of unconfirmed traffic moves the data paid for and the pay", () => {
    // "a" claims 10 GB of which 4 GB were confirmed; "b" claims 1 GB, none confirmed.
    const nodes = NODES.map((node) =>
      node.nodeId === "a"
        ? { ...node, usage: usage(86_400, 10n * GB, 5n * GB, 4n * GB) }
        : node.nodeId === "b"
          ? { ...node, usage: usage(86_400, GB, 10n * GB, 0n) }
          : node,
    );
    const impact = simulate({ "reward.uncorroboratedWeight": 1 }, nodes);
    expect(impact).toMatchObject({ claimedGb: 11, corroboratedGb: 4 });
    // Weight 0.5: a is paid 4 + 3 = 7 GB (+ 2 bonus), b 0.5 GB + 2, throttled to half: 9 + 1.25 credits.
    expect(impact?.current).toMatchObject({ paidGb: 7.5, paidCredits: 10.25, freeRiders: 1 });
    // Weight 1: every claim paid, as before corroboration: 12 + 1.5 credits.
    expect(impact?.proposed).toMatchObject({ paidGb: 11, paidCredits: 13.5, freeRiders: 1 });
    const distrustful = simulate({ "reward.uncorroboratedWeight": 0 }, nodes);
    expect(distrustful?.proposed).toMatchObject({ paidGb: 4, paidCredits: 6 + 1 });
  });

  it("warns by how much every payout is scaled down when the proposed cap binds", () => {
    const impact = simulate({ "reward.epochEmissionCap": 10 });
    expect(impact?.proposed).toMatchObject({ scale: expect.closeTo(10 / 13.5, 9), unscaledCredits: 13.5 });
    expect(impact?.proposed.paidCredits).toBeLessThanOrEqual(10);
    expect(impact?.proposed.paidCredits).toBeCloseTo(10, 5);
    expect(impact?.current.paidCredits).toBe(13.5);
  });

  it("does not warn when only the current cap binds and the proposal raises it", () => {
    const impact = simulateRewardImpact({
      day: DAY,
      nodes: NODES,
      currentParams: { ...CURRENT, "reward.epochEmissionCap": 10 },
      proposedParams: CURRENT,
    });
    expect(impact?.current.scale).toBeLessThan(1);
    expect(impact?.proposed.scale).toBe(1);
  });

  it("has no average rating for an epoch without nodes", () => {
    const impact = simulate({ "reward.perGbUploaded": 2 }, []);
    expect(impact).toMatchObject({ activeNodes: 0, current: { averageRating: null, paidCredits: 0 } });
  });

  it("is null when only governance rules change", () => {
    expect(simulate({ "gov.quorum": 0.5 })).toBeNull();
  });
});

const nodesArbitrary = fc.uniqueArray(
  fc.record({
    nodeId: fc.string({ minLength: 1, maxLength: 4 }),
    operatorId: fc.constantFrom("op1", "op2", "op3"),
    firstReportedAt: fc.option(fc.integer({ min: 0, max: 40 }).map(daysBefore), { nil: null }),
    previousRating: fc.double({ min: 0, max: 1, noNaN: true }),
    usage: fc.option(
      fc
        .record({
          uptimeSeconds: fc.integer({ min: 0, max: 86_400 }),
          bytesUp: fc.bigInt({ min: 0n, max: 50n * GB }),
          corroboratedPercent: fc.integer({ min: 0, max: 100 }),
          bytesDown: fc.bigInt({ min: 0n, max: 50n * GB }),
          latencyMs: fc.integer({ min: 1, max: 1_000 }),
        })
        .map(({ latencyMs, corroboratedPercent, ...rest }) => ({
          ...rest,
          corroboratedBytesUp: (rest.bytesUp * BigInt(corroboratedPercent)) / 100n,
          windowSeconds: 86_400,
          latencyMsSeconds: BigInt(latencyMs) * 86_400n,
        })),
      { nil: null },
    ),
  }),
  { maxLength: 12, selector: (node) => node.nodeId },
);

const rewardValuesArbitrary = fc
  .record({
    "reward.perGbUploaded": fc.integer({ min: 0, max: 50 }).map((tenths) => tenths / 10),
    "reward.uptimeBonusPerDay": fc.integer({ min: 0, max: 10 }),
    "reward.epochEmissionCap": fc.integer({ min: 0, max: 200 }),
    "freeRider.minShareRatio": fc.integer({ min: 0, max: 20 }).map((twentieths) => twentieths / 20),
    "freeRider.graceDays": fc.integer({ min: 0, max: 30 }),
    "roles.guardMinRating": fc.integer({ min: 0, max: 100 }).map((hundredths) => hundredths / 100),
    "reward.uncorroboratedWeight": fc.integer({ min: 0, max: 20 }).map((twentieths) => twentieths / 20),
  })
  .map((values): ParameterValues => ({ ...CURRENT, ...values }));

describe("simulateRewardImpact properties", () => {
  it("gives identical outcomes when only values the epoch does not read change, warning only if the cap already binds", () => {
    fc.assert(
      fc.property(
        nodesArbitrary,
        rewardValuesArbitrary,
        fc.integer({ min: 0, max: 50 }),
        (nodes, current, explorationPercent) => {
          const rate = explorationPercent / 100;
          const proposed = {
            ...current,
            "selection.explorationRate": rate === current["selection.explorationRate"] ? 0.5 : rate,
            "gov.quorum": 0.9,
          };
          const impact = simulateRewardImpact({
            day: DAY,
            nodes,
            currentParams: current,
            proposedParams: proposed,
          });
          expect(impact).not.toBeNull();
          expect(impact?.proposed).toEqual(impact?.current);
          expect(impact?.proposed.scale).toBe(impact?.current.scale);
        },
      ),
      propertyRuns("impact of unread values"),
    );
  });

  it("is null when nothing changes, and scales the proposed payouts down exactly when they exceed the proposed cap", () => {
    fc.assert(
      fc.property(
        nodesArbitrary,
        rewardValuesArbitrary,
        rewardValuesArbitrary,
        (nodes, current, proposed) => {
          expect(
            simulateRewardImpact({ day: DAY, nodes, currentParams: current, proposedParams: current }),
          ).toBeNull();
          const impact = simulateRewardImpact({
            day: DAY,
            nodes,
            currentParams: current,
            proposedParams: proposed,
          });
          if (!impact) return;
          const cap = proposed["reward.epochEmissionCap"];
          // Scaled down exactly when the proposed payouts exceed the proposed cap, and never paid above it.
          expect(impact.proposed.scale < 1).toBe(impact.proposed.unscaledCredits > cap);
          expect(impact.proposed.paidCredits).toBeLessThanOrEqual(cap);
          if (impact.proposed.scale < 1) {
            expect(impact.proposed.scale).toBeCloseTo(cap / impact.proposed.unscaledCredits, 6);
          }
        },
      ),
      propertyRuns("impact payout scale"),
    );
  });
});
