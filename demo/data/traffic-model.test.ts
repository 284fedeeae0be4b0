import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  diurnalFactor,
  TRAFFIC_PROFILES,
  trafficWindow,
  type TrafficProfile,
} from "@/demo/data/traffic-model";
import { createRandom } from "@/lib/domain/random";

const windows = (profile: TrafficProfile, seed: number, count = 20) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    trafficWindow({ profile, random, windowSeconds: 60, secondOfDay: i * 3_600 }),
  );
};

describe("trafficWindow", () => {
  it("free-riders download at least 10× what they upload, in every window", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 86_399 }),
        (seed, windowSeconds, secondOfDay) => {
          const window = trafficWindow({
            profile: "free-rider",
            random: createRandom(seed),
            windowSeconds,
            secondOfDay,
          });
          expect(window.bytesDown).toBeGreaterThanOrEqual(10 * window.bytesUp);
        },
      ),
    );
  });

  it("seeders and the cluster upload at least 4× what they download, in every window", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom<TrafficProfile>("seeder", "cluster"),
        fc.integer({ min: 1, max: 86_400 }),
        (seed, profile, windowSeconds) => {
          const window = trafficWindow({
            profile,
            random: createRandom(seed),
            windowSeconds,
            secondOfDay: 0,
          });
          expect(window.bytesUp).toBeGreaterThanOrEqual(4 * window.bytesDown);
        },
      ),
    );
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(windows("normal", 42)).toEqual(windows("normal", 42));
    expect(windows("normal", 42)).not.toEqual(windows("normal", 43));
  });

  it("gives whole, non-negative byte counts and peers, and latencies of at most one decimal", () => {
    for (const profile of TRAFFIC_PROFILES) {
      for (const window of windows(profile, 5)) {
        expect(Number.isSafeInteger(window.bytesUp) && window.bytesUp >= 0).toBe(true);
        expect(Number.isSafeInteger(window.bytesDown) && window.bytesDown >= 0).toBe(true);
        expect(Number.isInteger(window.peers)).toBe(true);
        expect(Math.round(window.medianLatencyMs * 10)).toBe(window.medianLatencyMs * 10);
      }
    }
  });

  it("ranks the profiles by upload: cluster > seeder > normal > light > free-rider on average", () => {
    const meanUp = (profile: TrafficProfile) =>
      windows(profile, 9, 200).reduce((sum, window) => sum + window.bytesUp, 0) / 200;
    const order = ["cluster", "seeder", "normal", "light", "free-rider"] as const;
    for (let i = 1; i < order.length; i++) expect(meanUp(order[i - 1]!)).toBeGreaterThan(meanUp(order[i]!));
  });
});

describe("diurnalFactor", () => {
  it.each([
    [20 * 3_600, 1],
    [8 * 3_600, 0.4],
    [20 * 3_600 + 86_400, 1],
    [-4 * 3_600, 1],
  ])("at second %i of the day is %d", (second, factor) => {
    expect(diurnalFactor(second)).toBeCloseTo(factor, 10);
  });
});
