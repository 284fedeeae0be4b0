import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contributionP90, contributionScore, reliabilityScore } from "@/lib/domain/metrics/service-rating";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  computeEpoch,
  epochRewardParams,
  type EpochNodeInput,
  type EpochRewardParams,
} from "@/lib/domain/rewards/compute-epoch";
import type { ModelNode } from "@/lib/domain/network-model/model-types";
import {
  CONTRIBUTOR,
  FREE_RIDER,
  FREE_RIDER_IN_GRACE,
  payDay,
  SILENT,
} from "@/lib/domain/network-model/simulate-day-rewards";
import { NodeColumns } from "@/lib/domain/network-model/simulate-network-columns";
import {
  contributionP90Of,
  contributionScoreOf,
  updateRatings,
} from "@/lib/domain/network-model/simulate-network-scores";

const DAY = new Date("2026-03-10T00:00:00.000Z");
const DAY_MS = 86_400_000;
const CODES = {
  Silent: SILENT,
  Contributor: CONTRIBUTOR,
  FreeRider: FREE_RIDER,
  FreeRiderInGrace: FREE_RIDER_IN_GRACE,
};
const FC = { seed: 20_261_207, numRuns: 300 };

/** A catalogue-like value with up to two decimals. */
const hundredths = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((value) => value / 100);

const paramsArbitrary: fc.Arbitrary<EpochRewardParams> = fc
  .record({
    perGbUploaded: hundredths(100),
    uptimeBonusPerDay: hundredths(100),
    // Small caps make the cap bind often.
    epochEmissionCap: fc.oneof(hundredths(200), hundredths(1_000_000)),
    minShareRatio: hundredths(5),
    throttleFactor: hundredths(1),
    graceDays: fc.integer({ min: 0, max: 90 }),
    ratingLearningRate: hundredths(1),
    ratingDecayPerEpoch: hundredths(0.5),
    uncorroboratedWeight: hundredths(1),
  })
  .map((params) => ({ ...params, weightSpeed: 0.4, weightReliability: 0.3, weightContribution: 0.3 }));

const bytes = fc.bigInt({ min: 0n, max: 2_000_000_000_000n });
const nodeArbitrary = fc.record({
  silent: fc.boolean(),
  uptimeSeconds: fc.integer({ min: 1, max: 86_400 }),
  bytesUp: bytes,
  confirmedPart: fc.double({ min: 0, max: 1, noNaN: true }),
  bytesDown: bytes,
  latencyMs: fc.integer({ min: 0, max: 2_000 }),
  ageDays: fc.integer({ min: 0, max: 120 }),
  previousRating: fc.double({ min: 0, max: 1, noNaN: true }),
});
type NodeCase = typeof nodeArbitrary extends fc.Arbitrary<infer T> ? T : never;

function epochInput(cases: readonly NodeCase[]): EpochNodeInput[] {
  return cases.map((node, index) => ({
    nodeId: `node-${String(index).padStart(3, "0")}`,
    operatorId: `operator-${index}`,
    firstReportedAt: new Date(DAY.getTime() - node.ageDays * DAY_MS),
    previousRating: node.previousRating,
    usage: node.silent
      ? null
      : {
          uptimeSeconds: node.uptimeSeconds,
          windowSeconds: node.uptimeSeconds,
          bytesUp: node.bytesUp,
          corroboratedBytesUp: BigInt(Math.floor(Number(node.bytesUp) * node.confirmedPart)),
          bytesDown: node.bytesDown,
          latencyMsSeconds: BigInt(node.latencyMs * node.uptimeSeconds),
        },
  }));
}

describe("payDay mirrors computeEpoch", () => {
  it("classifies and pays every node as computeEpoch does, within 1e-6 credits, the cap included", () => {
    fc.assert(
      fc.property(
        paramsArbitrary,
        fc.array(nodeArbitrary, { minLength: 1, maxLength: 25 }),
        (params, cases) => {
          const epoch = computeEpoch({ day: DAY, params, nodes: epochInput(cases) });
          const count = cases.length;
          const columns = {
            count,
            up: Uint8Array.from(cases, (node) => (node.silent ? 0 : 1)),
            paidBytes: Float64Array.from(epoch.nodes, (node) => Number(node.paidBytesUp)),
            bytesDown: Float64Array.from(cases, (node) => (node.silent ? 0 : Number(node.bytesDown))),
            reliability: Float64Array.from(cases, (node) =>
              node.silent ? 0 : reliabilityScore(node.uptimeSeconds),
            ),
            ageDays: Float64Array.from(cases, (node) => node.ageDays),
            classification: new Uint8Array(count),
            unscaledMicro: new Float64Array(count),
            rewardMicro: new Float64Array(count),
          };
          const totals = payDay(columns, params);
          epoch.nodes.forEach((node, index) => {
            expect(columns.classification[index]).toBe(CODES[node.classification]);
            expect(Math.abs(columns.unscaledMicro[index]! - Number(node.unscaledMicro))).toBeLessThanOrEqual(
              1,
            );
            expect(
              Math.abs(columns.rewardMicro[index]! - Number(node.rewardMicro)) / 1e6,
            ).toBeLessThanOrEqual(1e-6);
          });
          expect(totals.capMicro).toBe(Number(epoch.emissionCapMicro));
          expect(totals.paidMicro).toBeLessThanOrEqual(totals.capMicro);
          expect(totals.freeRiders).toBe(epoch.freeRiders);
        },
      ),
      FC,
    );
  });

  it("scales every payout down when the day owes more than the cap, and pays nothing to a silent node", () => {
    const columns = {
      count: 3,
      up: Uint8Array.of(1, 1, 0),
      paidBytes: Float64Array.of(30e9, 10e9, 0),
      bytesDown: Float64Array.of(0, 0, 5e9),
      reliability: Float64Array.of(1, 0.5, 0),
      ageDays: Float64Array.of(100, 100, 100),
      classification: new Uint8Array(3),
      unscaledMicro: new Float64Array(3),
      rewardMicro: new Float64Array(3),
    };
    const params = { ...epochRewardParams(defaultParameterValues()), epochEmissionCap: 21 };
    const totals = payDay(columns, params);
    // 30 GB + the uptime bonus = 32 credits, 10 GB = 10 credits; 42 owed, 21 allowed: half each.
    expect([...columns.unscaledMicro]).toEqual([32e6, 10e6, 0]);
    expect([...columns.rewardMicro]).toEqual([16e6, 5e6, 0]);
    expect([...columns.classification]).toEqual([CONTRIBUTOR, CONTRIBUTOR, SILENT]);
    expect(totals).toEqual({ unscaledMicro: 42e6, paidMicro: 21e6, capMicro: 21e6, freeRiders: 0 });
  });
});

describe("contribution and ratings on numbers", () => {
  it("contributionP90Of and contributionScoreOf equal service-rating.ts's bigint originals on whole numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { maxLength: 60 }), (amounts) => {
        const values = Float64Array.from(amounts, Number);
        const p90 = contributionP90Of(values, values.length, new Float64Array(values.length));
        const original = contributionP90(amounts);
        expect(p90).toBe(Number(original));
        for (const amount of amounts) {
          expect(contributionScoreOf(Number(amount), p90)).toBe(contributionScore(amount, original));
        }
      }),
      FC,
    );
  });

  it("updateRatings gives each node the score and rating computeEpoch gives it", () => {
    fc.assert(
      fc.property(
        paramsArbitrary,
        fc.array(nodeArbitrary, { minLength: 1, maxLength: 25 }),
        (params, cases) => {
          const epoch = computeEpoch({ day: DAY, params, nodes: epochInput(cases) });
          const models: ModelNode[] = cases.map((node, index) => ({
            nodeId: `node-${index}`,
            operatorId: `operator-${index}`,
            cluster: `cluster-${index}`,
            kind: "home",
            capacityBytesPerDay: 0,
            demandBytesPerDay: 0,
            latencyMs: node.latencyMs,
            upShare: 1,
            reliability: node.uptimeSeconds / 86_400,
            confirmedShare: 1,
            rating: node.previousRating,
            ageDays: node.ageDays,
          }));
          const columns = new NodeColumns(models, 7, 0);
          cases.forEach((node, index) => {
            columns.up[index] = node.silent ? 0 : 1;
            columns.paid[index] = Number(epoch.nodes[index]!.paidBytesUp);
          });
          updateRatings(
            columns,
            params,
            { learningRate: params.ratingLearningRate, decay: params.ratingDecayPerEpoch },
            new Float64Array(cases.length),
          );
          epoch.nodes.forEach((node, index) => expect(columns.rating[index]).toBeCloseTo(node.rating, 9));
        },
      ),
      FC,
    );
  });
});
