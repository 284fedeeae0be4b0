import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  diurnalBytesBetween,
  diurnalFactor,
  peerShare,
  TRAFFIC_PROFILES,
  trafficWindow,
  typicalRates,
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

describe("diurnalBytesBetween", () => {
  const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) });
  const rate = fc.bigInt({ min: 0n, max: 50_000_000n });

  it("adds up exactly over consecutive windows and never goes negative", () => {
    fc.assert(
      fc.property(rate, instant, instant, instant, (bytesPerSecond, ...times) => {
        const [a, b, c] = times.sort((x, y) => x - y) as [number, number, number];
        const first = diurnalBytesBetween(bytesPerSecond, a, b);
        const second = diurnalBytesBetween(bytesPerSecond, b, c);
        expect(first).toBeGreaterThanOrEqual(0n);
        expect(second).toBeGreaterThanOrEqual(0n);
        expect(first + second).toBe(diurnalBytesBetween(bytesPerSecond, a, c));
      }),
    );
  });

  it("carries the daily mean, 0.7 × the peak rate, over a whole UTC day", () => {
    const midnight = Date.UTC(2026, 10, 25);
    expect(diurnalBytesBetween(1_000_000n, midnight, midnight + 86_400_000)).toBe(60_480_000_000n);
    expect(diurnalBytesBetween(1_000_000n, midnight + 3_600_000, midnight + 90_000_000)).toBe(
      60_480_000_000n,
    );
  });

  it("follows the daily rhythm within a window: the evening carries 2.5× the early morning", () => {
    const midnight = Date.UTC(2026, 10, 25);
    const minute = (hour: number) =>
      Number(
        diurnalBytesBetween(1_000_000n, midnight + hour * 3_600_000, midnight + hour * 3_600_000 + 60_000),
      );
    expect(minute(20)).toBeCloseTo(60_000_000 * diurnalFactor(20 * 3_600), -5);
    expect(minute(8)).toBeCloseTo(60_000_000 * diurnalFactor(8 * 3_600), -5);
    expect(minute(20) / minute(8)).toBeCloseTo(2.5, 2);
  });
});

describe("typicalRates and peerShare", () => {
  it("put each profile's typical rate inside its range and send most of an ordinary node's upload to peers", () => {
    for (const profile of TRAFFIC_PROFILES) {
      const windows = Array.from({ length: 50 }, (_, i) =>
        trafficWindow({ profile, random: createRandom(i), windowSeconds: 1_000, secondOfDay: 20 * 3_600 }),
      );
      const { upBytesPerSecond, downBytesPerSecond } = typicalRates(profile);
      expect(Math.min(...windows.map((window) => window.bytesUp))).toBeLessThanOrEqual(
        upBytesPerSecond * 1_000,
      );
      expect(Math.max(...windows.map((window) => window.bytesUp))).toBeGreaterThanOrEqual(
        upBytesPerSecond * 1_000,
      );
      expect(Math.min(...windows.map((window) => window.bytesDown))).toBeLessThanOrEqual(
        downBytesPerSecond * 1_000,
      );
      expect(Math.max(...windows.map((window) => window.bytesDown))).toBeGreaterThanOrEqual(
        downBytesPerSecond * 1_000,
      );
    }
    expect(peerShare("normal")).toBeGreaterThan(0.5);
    expect(peerShare("cluster")).toBeLessThan(peerShare("normal"));
  });
});
