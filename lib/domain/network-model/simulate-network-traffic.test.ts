import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/domain/random";
import type { ModelNode } from "@/lib/domain/network-model/model-types";
import { NodeColumns } from "@/lib/domain/network-model/simulate-network-columns";
import { AliasTable, poisson, streamSeed } from "@/lib/domain/network-model/simulate-network-sampling";
import {
  MIN_REQUESTS_PER_DAY,
  serveDemand,
  TrafficScratch,
} from "@/lib/domain/network-model/simulate-network-traffic";

const GB = 1e9;
const FC = { seed: 20_261_207, numRuns: 200 };

function modelNode(index: number, { rating = 0.5, capacity = 1_000 * GB, demand = GB } = {}): ModelNode {
  return {
    nodeId: `n${index}`,
    operatorId: `o${index}`,
    cluster: `c${index}`,
    kind: "home",
    capacityBytesPerDay: capacity,
    demandBytesPerDay: demand,
    latencyMs: 50,
    upShare: 1,
    reliability: 1,
    confirmedShare: 1,
    rating,
    ageDays: 100,
  };
}

/** Serves `days` days of traffic to nodes that are all up, summing what each served. */
function serveDays(nodes: ModelNode[], explorationRate: number, days: number, seed = 1) {
  const columns = new NodeColumns(nodes, 7, 0);
  const random = createRandom(seed);
  const scratch = new TrafficScratch();
  const served = new Float64Array(nodes.length);
  let choices = 0;
  for (let day = 0; day < days; day += 1) {
    columns.up.fill(1, 0, nodes.length);
    const outcome = serveDemand(columns, { throttleFactor: 0.5, explorationRate }, random, scratch);
    choices += outcome.choices;
    for (let slot = 0; slot < nodes.length; slot += 1) served[slot] = served[slot]! + columns.served[slot]!;
  }
  const total = served.reduce((sum, bytes) => sum + bytes, 0);
  return { shares: [...served].map((bytes) => bytes / total), served, choices };
}

describe("AliasTable", () => {
  it("draws each item in proportion to its weight and never one of weight 0", () => {
    const table = new AliasTable();
    const weights = Float64Array.of(1, 0, 3, 6, 0.5);
    expect(table.build(Int32Array.of(0, 1, 2, 3, 4), 5, weights)).toBe(10.5);
    const random = createRandom(7);
    const counts = new Float64Array(5);
    const draws = 200_000;
    for (let draw = 0; draw < draws; draw += 1) counts[table.draw(random.nextFloat())]! += 1;
    expect(counts[1]).toBe(0);
    weights.forEach((weight, item) => expect(counts[item]! / draws).toBeCloseTo(weight / 10.5, 2));
    expect(table.build(Int32Array.of(1), 1, weights)).toBe(0);
    expect(table.size).toBe(0);
  });
});

describe("poisson", () => {
  it.each([0.7, 4, 120])("has mean and variance near %d", (mean) => {
    const random = createRandom(11);
    const draws = Array.from({ length: 20_000 }, () => poisson(random, mean));
    const average = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const variance = draws.reduce((sum, value) => sum + (value - average) ** 2, 0) / draws.length;
    expect(Math.abs(average - mean)).toBeLessThan(0.05 * mean + 0.02);
    expect(Math.abs(variance - mean)).toBeLessThan(0.1 * mean + 0.05);
    expect(poisson(random, 0)).toBe(0);
  });

  it("gives each stream of a run its own seed", () => {
    const seeds = [0, 1, 2].map((stream) => streamSeed(42, stream));
    expect(new Set(seeds).size).toBe(3);
    expect(streamSeed(42, 1)).toBe(seeds[1]);
    for (const seed of seeds) expect(Number.isInteger(seed)).toBe(true);
  });
});

describe("serveDemand", () => {
  it("with exploration 0 sends traffic only by rating × capacity: a rating-0 node serves nothing", () => {
    const nodes = [
      modelNode(0, { rating: 0.8, capacity: 1_000 * GB }),
      modelNode(1, { rating: 0.4, capacity: 3_000 * GB }),
      modelNode(2, { rating: 0, capacity: 5_000 * GB }),
      modelNode(3, { rating: 1, capacity: 0 }),
    ];
    const { shares, served } = serveDays(nodes, 0, 200);
    expect(served[2]).toBe(0);
    expect(served[3]).toBe(0);
    // Weights 800 and 1,200: 40 % and 60 %, over 100,000 requests (standard error ≈ 0.0016).
    expect(Math.abs(shares[0]! - 0.4)).toBeLessThan(0.01);
    expect(Math.abs(shares[1]! - 0.6)).toBeLessThan(0.01);
  });

  it("with exploration 1 spreads traffic evenly over the nodes rated below the median", () => {
    const ratings = [0.1, 0.2, 0.8, 0.9];
    const nodes = ratings.map((rating, index) => modelNode(index, { rating }));
    const { shares } = serveDays(nodes, 1, 200);
    expect(shares[2]).toBe(0);
    expect(shares[3]).toBe(0);
    expect(Math.abs(shares[0]! - 0.5)).toBeLessThan(0.01);
  });

  it("chooses by capacity alone when every candidate's rating is 0", () => {
    const nodes = [
      modelNode(0, { rating: 0, capacity: 1_000 * GB }),
      modelNode(1, { rating: 0, capacity: 3_000 * GB }),
    ];
    const { shares } = serveDays(nodes, 0, 200);
    expect(Math.abs(shares[0]! - 0.25)).toBeLessThan(0.01);
  });

  it("makes at least one choice per request, never fewer than MIN_REQUESTS_PER_DAY requests a day", () => {
    const { choices } = serveDays([modelNode(0), modelNode(1)], 0.1, 3);
    expect(choices).toBe(3 * MIN_REQUESTS_PER_DAY);
  });

  it("slows a throttled node's downloads to throttleFactor × its demand", () => {
    const columns = new NodeColumns(
      [modelNode(0, { demand: 4 * GB }), modelNode(1, { demand: 4 * GB })],
      7,
      0,
    );
    columns.up.fill(1, 0, 2);
    columns.throttled[1] = 1;
    const outcome = serveDemand(
      columns,
      { throttleFactor: 0.25, explorationRate: 0.1 },
      createRandom(3),
      new TrafficScratch(),
    );
    expect([...columns.bytesDown.subarray(0, 2)]).toEqual([4 * GB, GB]);
    expect(outcome.demandBytes).toBe(5 * GB);
  });

  it("adds the outside downloaders' demand to the day's traffic without counting it as anyone's download", () => {
    const columns = new NodeColumns(
      [modelNode(0, { demand: 2 * GB }), modelNode(1, { demand: 2 * GB })],
      7,
      0,
    );
    columns.up.fill(1, 0, 2);
    const outcome = serveDemand(
      columns,
      { throttleFactor: 0.5, explorationRate: 0.1, outsideDemandBytes: 6 * GB },
      createRandom(5),
      new TrafficScratch(),
    );
    expect(outcome.demandBytes).toBe(10 * GB);
    expect([...columns.bytesDown.subarray(0, 2)]).toEqual([2 * GB, 2 * GB]);
    expect(columns.served[0]! + columns.served[1]!).toBeCloseTo(10 * GB, -3);
  });

  it("asks nothing of a network whose nodes are all down, outside demand or not", () => {
    const columns = new NodeColumns([modelNode(0)], 7, 0);
    const outcome = serveDemand(
      columns,
      { throttleFactor: 0.5, explorationRate: 0.1, outsideDemandBytes: 6 * GB },
      createRandom(5),
      new TrafficScratch(),
    );
    expect(outcome.demandBytes).toBe(0);
    expect(columns.served[0]).toBe(0);
  });

  it("never serves above a node's capacity, and serves + leaves unserved exactly the demand (property)", () => {
    const node = fc.record({
      rating: fc.double({ min: 0, max: 1, noNaN: true }),
      capacity: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 20, noNaN: true })),
      demand: fc.double({ min: 0, max: 10, noNaN: true }),
      up: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (cases, explorationRate, seed) => {
          const nodes = cases.map((item, index) =>
            modelNode(index, { rating: item.rating, capacity: item.capacity * GB, demand: item.demand * GB }),
          );
          const columns = new NodeColumns(nodes, 7, 0);
          cases.forEach((item, index) => (columns.up[index] = item.up ? 1 : 0));
          const outcome = serveDemand(
            columns,
            { throttleFactor: 0.5, explorationRate },
            createRandom(seed),
            new TrafficScratch(),
          );
          let served = 0;
          cases.forEach((item, index) => {
            expect(columns.served[index]).toBeLessThanOrEqual(item.up ? item.capacity * GB * (1 + 1e-12) : 0);
            served += columns.served[index]!;
          });
          const capacity = cases.reduce((sum, item) => sum + (item.up ? item.capacity * GB : 0), 0);
          // Served bytes are capacity − spare: exact up to rounding at the capacities' scale.
          expect(Math.abs(served + outcome.unservedBytes - outcome.demandBytes)).toBeLessThanOrEqual(
            1e-12 * (outcome.demandBytes + capacity) + 1e-6,
          );
          // While capacity is left, a request goes unserved only after MAX_CHOICES_PER_REQUEST misses.
          if (capacity >= 2 * outcome.demandBytes)
            expect(outcome.unservedBytes).toBeLessThan(1e-6 * outcome.demandBytes + 1);
        },
      ),
      FC,
    );
  });
});
