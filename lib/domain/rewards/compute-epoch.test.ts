import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  computeEpoch,
  creditsFromMicro,
  epochRewardParams,
  EpochNotComputable,
  servedInEpoch,
  STORED_BIGINT_MAX,
  type EpochNodeInput,
  type EpochRewardParams,
} from "@/lib/domain/rewards/compute-epoch";
import { permutationOf, propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const DAY = new Date("2026-03-10T00:00:00.000Z");
const LONG_AGO = new Date("2026-01-01T00:00:00.000Z");
const GB = 1_000_000_000n;
const PARAMS = epochRewardParams(defaultParameterValues());

/** A node's epoch input; its bytes served count as corroborated unless `corroborated` says otherwise. */
function node(
  nodeId: string,
  usage: {
    up?: number;
    bytesUp?: bigint;
    corroborated?: bigint;
    bytesDown?: bigint;
    latencyMs?: number;
  } | null,
  {
    previousRating = 0,
    firstReportedAt = LONG_AGO,
  }: { previousRating?: number; firstReportedAt?: Date } = {},
): EpochNodeInput {
  return {
    nodeId,
    operatorId: `op-${nodeId}`,
    firstReportedAt,
    previousRating,
    usage: usage && {
      uptimeSeconds: usage.up ?? 86_400,
      windowSeconds: 86_400,
      bytesUp: usage.bytesUp ?? 0n,
      corroboratedBytesUp: usage.corroborated ?? usage.bytesUp ?? 0n,
      bytesDown: usage.bytesDown ?? 0n,
      latencyMsSeconds: BigInt(Math.round((usage.latencyMs ?? 100) * 86_400)),
    },
  };
}

describe("epochRewardParams", () => {
  it("reads each parameter from its catalogue key", () => {
    expect(PARAMS).toEqual({
      perGbUploaded: 1,
      uptimeBonusPerDay: 2,
      epochEmissionCap: 50_000,
      minShareRatio: 0.5,
      throttleFactor: 0.5,
      graceDays: 7,
      ratingLearningRate: 0.05,
      ratingDecayPerEpoch: 0.02,
      weightSpeed: 0.4,
      weightReliability: 0.3,
      weightContribution: 0.3,
      uncorroboratedWeight: 0.5,
    });
  });
});

describe("creditsFromMicro", () => {
  it.each([
    [0n, 0],
    [1n, 0.000_001],
    [2_500_000n, 2.5],
    [50_000_000_000n, 50_000],
    [123_000_456n, 123.000_456],
    [1_000_000_000_000_000_000n, 1e12],
  ])("%s µcredits is %d credits", (micro, credits) => {
    expect(creditsFromMicro(micro)).toBe(credits);
  });
});

describe("servedInEpoch", () => {
  it.each([
    [86_400, 1n, true],
    [1, 5n * GB, true],
    [0, 5n * GB, false],
    [86_400, 0n, false],
    [0, 0n, false],
  ])("up %i s with %s paid bytes served: %s", (uptimeSeconds, paidBytesUp, served) => {
    expect(servedInEpoch({ uptimeSeconds, paidBytesUp })).toBe(served);
  });
});

describe("computeEpoch", () => {
  it("classifies, pays, rates and sums a small epoch", () => {
    const result = computeEpoch({
      day: DAY,
      params: PARAMS,
      nodes: [
        node("d-silent", null, { previousRating: 0.5 }),
        node("a-big", { bytesUp: 10n * GB, bytesDown: 2n * GB, latencyMs: 100 }, { previousRating: 0.5 }),
        node("b-rider", { bytesUp: GB, bytesDown: 10n * GB, latencyMs: 300 }),
        node("c-newbie", { up: 43_200, bytesUp: GB, bytesDown: 10n * GB }, { firstReportedAt: DAY }),
      ],
    });
    expect(result.nodes.map((entry) => [entry.nodeId, entry.classification, entry.unscaledMicro])).toEqual([
      ["a-big", "Contributor", 12_000_000n],
      ["b-rider", "FreeRider", 1_500_000n],
      ["c-newbie", "FreeRiderInGrace", 1_000_000n],
      ["d-silent", "Silent", 0n],
    ]);
    expect(result.nodes.map((entry) => entry.rewardMicro)).toEqual([12_000_000n, 1_500_000n, 1_000_000n, 0n]);
    const [big, rider, newbie, silent] = result.nodes;
    // p90 of the uploads (10 GB, 1 GB, 1 GB) is 10 GB.
    expect(big).toMatchObject({ speed: 0.5, reliability: 1, contribution: 1, ratingBefore: 0.5 });
    expect(big!.score).toBeCloseTo(0.4 * 0.5 + 0.3 + 0.3, 12);
    // Served: rating + 0.05 × (score − rating), the decay playing no part.
    expect(big!.rating).toBeCloseTo(0.5 + 0.05 * (0.8 - 0.5), 12);
    expect(rider).toMatchObject({ speed: 0.25, reliability: 1, contribution: 0.1, ratingBefore: 0 });
    expect(rider!.score).toBeCloseTo(0.4 * 0.25 + 0.3 * 1 + 0.3 * 0.1, 12);
    expect(rider!.rating).toBeCloseTo(0.05 * 0.43, 12);
    expect(newbie).toMatchObject({ speed: 0.5, reliability: 0.5, contribution: 0.1, ratingBefore: 0 });
    expect(newbie!.rating).toBeCloseTo(0.05 * (0.4 * 0.5 + 0.3 * 0.5 + 0.3 * 0.1), 12);
    // Did not serve: (1 − 0.02) × rating.
    expect(silent).toMatchObject({ speed: 0, reliability: 0, contribution: 0, score: 0 });
    expect(silent!.rating).toBeCloseTo(0.98 * 0.5, 12);
    expect(result).toMatchObject({
      day: DAY,
      emissionCapMicro: 50_000_000_000n,
      unscaledMicro: 14_500_000n,
      paidMicro: 14_500_000n,
      scale: 1,
      paidNodes: 3,
      freeRiders: 1,
      freeRidersInGrace: 1,
      bytesUp: 12n * GB,
      corroboratedBytesUp: 12n * GB,
      paidBytesUp: 12n * GB,
    });
  });

  it("pays, scores and judges the share ratio on paid traffic: corroborated + weight × the rest", () => {
    const result = computeEpoch({
      day: DAY,
      params: PARAMS,
      nodes: [
        // Claims 10 GB, 4 GB confirmed: paid 4 + 0.5 × 6 = 7 GB.
        node("a-part", { bytesUp: 10n * GB, corroborated: 4n * GB }),
        // Claims 6 GB for 10 GB downloaded (ratio 0.6), nothing confirmed: paid 3 GB, ratio 0.3.
        node("b-inflated", { bytesUp: 6n * GB, corroborated: 0n, bytesDown: 10n * GB }),
        node("c-confirmed", { bytesUp: 14n * GB }),
      ],
    });
    expect(
      result.nodes.map((entry) => [
        entry.nodeId,
        entry.classification,
        entry.bytesUp,
        entry.corroboratedBytesUp,
        entry.paidBytesUp,
        entry.unscaledMicro,
      ]),
    ).toEqual([
      ["a-part", "Contributor", 10n * GB, 4n * GB, 7n * GB, 9_000_000n],
      ["b-inflated", "FreeRider", 6n * GB, 0n, 3n * GB, 2_500_000n],
      ["c-confirmed", "Contributor", 14n * GB, 14n * GB, 14n * GB, 16_000_000n],
    ]);
    // p90 of the paid figures (7, 3, 14 GB) is 14 GB.
    expect(result.nodes.map((entry) => entry.contribution)).toEqual([0.5, 3 / 14, 1]);
    expect(result).toMatchObject({
      bytesUp: 30n * GB,
      corroboratedBytesUp: 18n * GB,
      paidBytesUp: 24n * GB,
      unscaledMicro: 27_500_000n,
    });
    // Trusting unconfirmed traffic in full pays the claims, and b's share ratio is 0.6 again.
    const trusting = computeEpoch({
      day: DAY,
      params: { ...PARAMS, uncorroboratedWeight: 1 },
      nodes: [node("b-inflated", { bytesUp: 6n * GB, corroborated: 0n, bytesDown: 10n * GB })],
    });
    expect(trusting.nodes[0]).toMatchObject({ classification: "Contributor", paidBytesUp: 6n * GB });
  });

  it("lets only a node that served learn toward its score; one up without paid bytes fades", () => {
    const result = computeEpoch({
      day: DAY,
      params: PARAMS,
      nodes: [
        node("a-served", { bytesUp: 4n * GB }, { previousRating: 0.2 }),
        // Up all day with a score of 0.4 × 0.5 + 0.3 = 0.5, but served nothing: fades from 0.9.
        node("b-idle", { bytesUp: 0n }, { previousRating: 0.9 }),
        // Claims 2 GB nobody confirmed; at weight 0 nothing is paid, so it did not serve.
        node("c-unconfirmed", { bytesUp: 2n * GB, corroborated: 0n }, { previousRating: 0.6 }),
        // Claims bytes served while down all day: not served either.
        node("d-down", { up: 0, bytesUp: GB }, { previousRating: 0.6 }),
        node("e-never", null),
      ],
    }).nodes;
    const trusting = computeEpoch({
      day: DAY,
      params: { ...PARAMS, uncorroboratedWeight: 0 },
      nodes: [node("c-unconfirmed", { bytesUp: 2n * GB, corroborated: 0n }, { previousRating: 0.6 })],
    }).nodes;
    const [served, idle, unconfirmed, down, never] = result;
    // a: speed 0.5, reliability 1, contribution 1 (p90 of 4, 1, 1 GB paid is 4 GB): score 0.8.
    expect(served!.score).toBeCloseTo(0.8, 12);
    expect(served!.rating).toBeCloseTo(0.2 + 0.05 * (0.8 - 0.2), 12);
    expect(idle!.score).toBeCloseTo(0.5, 12);
    expect(idle!.rating).toBeCloseTo(0.98 * 0.9, 12);
    // At the default weight 0.5, c is paid 1 GB and did serve: 0.6 + 0.05 × (score − 0.6).
    expect(unconfirmed!.paidBytesUp).toBe(GB);
    expect(unconfirmed!.rating).toBeCloseTo(0.6 + 0.05 * (unconfirmed!.score - 0.6), 12);
    expect(trusting[0]).toMatchObject({ paidBytesUp: 0n, ratingBefore: 0.6 });
    expect(trusting[0]!.rating).toBeCloseTo(0.98 * 0.6, 12);
    expect(down!.rating).toBeCloseTo(0.98 * 0.6, 12);
    expect(never).toMatchObject({ classification: "Silent", ratingBefore: 0, rating: 0 });
  });

  it("pays a node at the plausibility bound with no peer confirmation the weight times its bytes", () => {
    // One 60-second report at service.maxMbps = 1,000: 60 × 1,000 × 125,000 bytes.
    const atBound = node("bound", { up: 60, bytesUp: 7_500_000_000n, corroborated: 0n });
    for (const [weight, paid, micro] of [
      [0.5, 3_750_000_000n, 3_750_000n],
      [0, 0n, 0n],
      [1, 7_500_000_000n, 7_500_000n],
    ] as const) {
      const [entry] = computeEpoch({
        day: DAY,
        params: { ...PARAMS, uncorroboratedWeight: weight },
        nodes: [atBound],
      }).nodes;
      expect(entry).toMatchObject({ bytesUp: 7_500_000_000n, paidBytesUp: paid, unscaledMicro: micro });
    }
  });

  it("computes figures up to 2^63 − 1 exactly and refuses one beyond, naming it and what to do", () => {
    const atMost = computeEpoch({
      day: DAY,
      params: PARAMS,
      nodes: [node("a", { bytesUp: STORED_BIGINT_MAX - 1n }), node("b", { bytesUp: 1n })],
    });
    expect(atMost.bytesUp).toBe(STORED_BIGINT_MAX);
    const overTotal = () =>
      computeEpoch({
        day: DAY,
        params: PARAMS,
        nodes: [node("a", { bytesUp: 5n * 10n ** 18n }), node("b", { bytesUp: 5n * 10n ** 18n })],
      });
    expect(overTotal).toThrow(EpochNotComputable);
    expect(overTotal).toThrow(
      "The epoch of 2026-03-10 cannot be computed: the day's total of claimed bytes served (Epoch.bytesUp) comes to 10,000,000,000,000,000,000, more than a stored figure can hold (at most 9,223,372,036,854,775,807, which is 2^63 − 1). Repair that day's telemetry rollups (NodeDailyRollup), then run `npm run admin -- rerun-epoch 2026-03-10`.",
    );
    expect(overTotal).toThrow(expect.objectContaining({ code: "UNPROCESSABLE" }));
    // A legacy SQLite row can hold a REAL past int64, which reads back as a larger BigInt.
    expect(() =>
      computeEpoch({ day: DAY, params: PARAMS, nodes: [node("legacy", { bytesUp: 18n * 10n ** 18n })] }),
    ).toThrow("node legacy's claimed bytes served (bytesUp) comes to 18,000,000,000,000,000,000");
  });

  it("scales to the cap when the network earned more than it", () => {
    const result = computeEpoch({
      day: DAY,
      params: { ...PARAMS, epochEmissionCap: 4 },
      nodes: [node("a", { bytesUp: 4n * GB }), node("b", { bytesUp: 0n })],
    });
    // Unscaled: a 6 credits, b 2 credits; the cap of 4 pays half.
    expect(result.nodes.map((entry) => entry.rewardMicro)).toEqual([3_000_000n, 1_000_000n]);
    expect(result).toMatchObject({ unscaledMicro: 8_000_000n, paidMicro: 4_000_000n, scale: 0.5 });
  });

  const share = (max: number) => fc.integer({ min: 0, max }).map((steps) => steps / max);
  const params: fc.Arbitrary<EpochRewardParams> = fc.record({
    perGbUploaded: fc.integer({ min: 0, max: 1_000 }).map((tenths) => tenths / 10),
    uptimeBonusPerDay: fc.integer({ min: 0, max: 200 }).map((halves) => halves / 2),
    epochEmissionCap: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1e9 })),
    minShareRatio: fc.integer({ min: 0, max: 100 }).map((twentieths) => twentieths / 20),
    throttleFactor: share(20),
    graceDays: fc.integer({ min: 0, max: 10 }),
    ratingLearningRate: fc.integer({ min: 1, max: 1_000 }).map((thousandths) => thousandths / 1_000),
    ratingDecayPerEpoch: share(100).map((decay) => decay / 2),
    weightSpeed: share(20),
    weightReliability: share(20),
    weightContribution: share(20),
    uncorroboratedWeight: share(20),
  });
  const inputs = fc.uniqueArray(
    fc.record({
      nodeId: fc.string({ unit: fc.constantFrom(..."aBz9"), minLength: 1, maxLength: 4 }),
      operatorId: fc.constantFrom("op-1", "op-2"),
      firstReportedAt: fc.option(
        fc.integer({ min: -20, max: 2 }).map((days) => new Date(DAY.getTime() + days * 86_400_000)),
      ),
      previousRating: share(1_000),
      usage: fc.option(
        fc
          .record({
            uptimeSeconds: fc.integer({ min: 0, max: 86_400 }),
            windowSeconds: fc.integer({ min: 0, max: 86_400 }),
            bytesUp: fc.bigInt({ min: 0n, max: 10n ** 14n }),
            corroboratedPermille: fc.integer({ min: 0, max: 1_000 }),
            bytesDown: fc.bigInt({ min: 0n, max: 10n ** 14n }),
            latencyMsSeconds: fc.bigInt({ min: 0n, max: 86_400n * 3_600_000n }),
          })
          .map(({ corroboratedPermille, ...usage }) => ({
            ...usage,
            corroboratedBytesUp: (usage.bytesUp * BigInt(corroboratedPermille)) / 1_000n,
          })),
      ),
    }),
    { selector: (input) => input.nodeId, maxLength: 12 },
  );
  const epochs = fc.tuple(params, inputs).chain(([epochParams, nodes]) =>
    fc.record({
      params: fc.constant(epochParams),
      nodes: fc.constant(nodes),
      reordered: permutationOf(nodes),
    }),
  );

  it("never pays over the cap, unscaled amounts or claimed bytes, keeps ratings in [0, 1], ignores node order", () => {
    fc.assert(
      fc.property(epochs, ({ params: epochParams, nodes, reordered }) => {
        const result = computeEpoch({ day: DAY, params: epochParams, nodes });
        expect(result.paidMicro <= result.emissionCapMicro).toBe(true);
        expect(result.paidMicro).toBe(result.nodes.reduce((sum, entry) => sum + entry.rewardMicro, 0n));
        expect(result.corroboratedBytesUp <= result.paidBytesUp).toBe(true);
        expect(result.paidBytesUp <= result.bytesUp).toBe(true);
        for (const entry of result.nodes) {
          expect(entry.corroboratedBytesUp <= entry.paidBytesUp && entry.paidBytesUp <= entry.bytesUp).toBe(
            true,
          );
          expect(entry.rewardMicro >= 0n && entry.rewardMicro <= entry.unscaledMicro).toBe(true);
          for (const value of [entry.speed, entry.reliability, entry.contribution, entry.rating]) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
        }
        const inputs = new Map(nodes.map((input) => [input.nodeId, input]));
        for (const entry of result.nodes) {
          const input = inputs.get(entry.nodeId)!;
          const served = servedInEpoch({
            uptimeSeconds: input.usage?.uptimeSeconds ?? 0,
            paidBytesUp: entry.paidBytesUp,
          });
          // Served: never further from the score than before; not served: never above the rating before.
          if (served) {
            expect(Math.abs(entry.rating - entry.score)).toBeLessThanOrEqual(
              Math.abs(entry.ratingBefore - entry.score) + 1e-12,
            );
          } else expect(entry.rating).toBeLessThanOrEqual(entry.ratingBefore);
        }
        expect(computeEpoch({ day: DAY, params: epochParams, nodes: reordered })).toEqual(result);
      }),
      propertyRuns("compute epoch"),
    );
  });
});
