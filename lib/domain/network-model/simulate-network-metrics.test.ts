import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODEL_METRIC_IDS } from "@/lib/domain/network-model/model-types";
import { dayMetrics } from "@/lib/domain/network-model/observed-metrics";
import { MetricsScratch, simulatedDayMetrics } from "@/lib/domain/network-model/simulate-network-metrics";

const FC = { seed: 20_261_207, numRuns: 400 };

const slot = fc.record({
  up: fc.boolean(),
  served: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e13, noNaN: true })),
  cluster: fc.integer({ min: 0, max: 6 }),
  dataCentre: fc.boolean(),
  freeRider: fc.boolean(),
  credits: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
  rating: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("simulatedDayMetrics", () => {
  it("equals observed-metrics.ts dayMetrics on the same columns (one definition, a fast twin)", () => {
    const scratch = new MetricsScratch();
    fc.assert(
      fc.property(
        fc.array(slot, { maxLength: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (slots, guard) => {
          const count = slots.length;
          const columns = {
            count,
            clusters: 7,
            up: Uint8Array.from(slots, (node) => (node.up ? 1 : 0)),
            servedBytes: Float64Array.from(slots, (node) => node.served),
            cluster: Int32Array.from(slots, (node) => node.cluster),
            dataCentre: Uint8Array.from(slots, (node) => (node.dataCentre ? 1 : 0)),
            freeRider: Uint8Array.from(slots, (node) => (node.freeRider ? 1 : 0)),
            credits: Float64Array.from(slots, (node) => node.credits),
            rating: Float64Array.from(slots, (node) => node.rating),
          };
          const totals = { emissionCredits: 12.5, payoutScale: 0.75, guardMinRating: guard };
          const fast = simulatedDayMetrics(columns, totals, scratch);
          const reference = dayMetrics({ outcomes: columns, ...totals });
          for (const id of MODEL_METRIC_IDS) {
            const tolerance = 1e-12 * Math.max(1, Math.abs(reference[id]));
            expect(Math.abs(fast[id] - reference[id]), id).toBeLessThanOrEqual(tolerance);
          }
        },
      ),
      FC,
    );
  });

  it("reads only the first `count` slots of longer buffers", () => {
    const metrics = simulatedDayMetrics(
      {
        count: 2,
        clusters: 2,
        up: Uint8Array.of(1, 1, 1),
        servedBytes: Float64Array.of(3, 1, 100),
        cluster: Int32Array.of(0, 1, 1),
        dataCentre: Uint8Array.of(0, 1, 1),
        freeRider: Uint8Array.of(0, 1, 1),
        credits: Float64Array.of(2, 4, 100),
        rating: Float64Array.of(0.9, 0.1, 1),
      },
      { emissionCredits: 6, payoutScale: 1, guardMinRating: 0.8 },
      new MetricsScratch(),
    );
    expect(metrics).toEqual({
      top10Share: 0.75,
      largestClusterShare: 0.75,
      giniServed: 0.25,
      freeRiderShare: 0.5,
      emissionCredits: 6,
      payoutScale: 1,
      meanRating: 0.5,
      guardEligible: 1,
      homeNodeEarnings: 2,
      dataCentreNodeEarnings: 4,
      nodesOnline: 2,
    });
  });
});
