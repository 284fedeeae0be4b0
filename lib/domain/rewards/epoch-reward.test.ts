import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classifyNode,
  emissionCapMicro,
  freeRiderShare,
  scaleToCap,
  unscaledRewardMicro,
  type NodeClassification,
  type NodeDayUsage,
} from "@/lib/domain/rewards/epoch-reward";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const DAY = new Date("2026-03-10T00:00:00.000Z");
const daysBefore = (days: number) => new Date(DAY.getTime() - days * 86_400_000);
const GB = 1_000_000_000n;
/** A day's usage, every claimed byte paid unless `paidBytesUp` says otherwise. */
const usage = (
  uptimeSeconds: number,
  bytesUp: bigint,
  bytesDown: bigint,
  paidBytesUp = bytesUp,
): NodeDayUsage => ({ uptimeSeconds, bytesUp, paidBytesUp, bytesDown });
const PAY = { perGbUploaded: 1, uptimeBonusPerDay: 2, throttleFactor: 0.5 };

describe("classifyNode", () => {
  const rules = { minShareRatio: 0.5, graceDays: 7, day: DAY };
  it.each<[string, NodeDayUsage | null, Date | null, Partial<typeof rules>, NodeClassification]>([
    ["no telemetry", null, daysBefore(30), {}, "Silent"],
    ["neither up nor uploading", usage(0, 0n, 5n), daysBefore(30), {}, "Silent"],
    ["up, downloading nothing", usage(3_600, 0n, 0n), daysBefore(30), {}, "Contributor"],
    ["uploading without uptime", usage(0, 5n, 0n), daysBefore(30), {}, "Contributor"],
    ["claiming uploads nobody pays for", usage(0, 5n, 0n, 0n), daysBefore(30), {}, "Contributor"],
    ["share ratio exactly at the minimum", usage(86_400, 50n, 100n), daysBefore(30), {}, "Contributor"],
    ["share ratio just below", usage(86_400, 49n, 100n), daysBefore(30), {}, "FreeRider"],
    [
      "claimed ratio enough, paid ratio below",
      usage(86_400, 90n, 100n, 49n),
      daysBefore(30),
      {},
      "FreeRider",
    ],
    [
      "below, rule off (ratio 0)",
      usage(86_400, 0n, 100n),
      daysBefore(30),
      { minShareRatio: 0 },
      "Contributor",
    ],
    [
      "below, first report that day",
      usage(86_400, 1n, 100n),
      new Date(DAY.getTime() + 3_600_000),
      {},
      "FreeRiderInGrace",
    ],
    ["below, never reported", usage(86_400, 1n, 100n), null, {}, "FreeRiderInGrace"],
    ["below, 6.9 days old", usage(86_400, 1n, 100n), daysBefore(6.9), {}, "FreeRiderInGrace"],
    ["below, exactly 7 days old", usage(86_400, 1n, 100n), daysBefore(7), {}, "FreeRider"],
    ["below, no grace period", usage(86_400, 1n, 100n), DAY, { graceDays: 0 }, "FreeRider"],
    [
      "ratio 0.35 against 0.35 (decimal exact)",
      usage(86_400, 35n, 100n),
      daysBefore(30),
      { minShareRatio: 0.35 },
      "Contributor",
    ],
  ])("%s → %s", (_label, dayUsage, firstReportedAt, overrides, classification) => {
    expect(classifyNode({ ...rules, ...overrides, usage: dayUsage, firstReportedAt })).toBe(classification);
  });
});

describe("unscaledRewardMicro", () => {
  it.each<[string, NodeClassification, NodeDayUsage | null, Partial<typeof PAY>, bigint]>([
    ["silent", "Silent", usage(86_400, 5n * GB, 0n), {}, 0n],
    ["1 GB, no bonus", "Contributor", usage(3_600, GB, 0n), {}, 1_000_000n],
    ["1 GB with the bonus", "Contributor", usage(86_400, GB, 0n), {}, 3_000_000n],
    ["2 GB claimed, 1 GB paid", "Contributor", usage(3_600, 2n * GB, 0n, GB), {}, 1_000_000n],
    ["bonus at exactly 95 % up", "Contributor", usage(82_080, 0n, 0n), {}, 2_000_000n],
    ["no bonus just below 95 %", "Contributor", usage(82_079, 0n, 0n), {}, 0n],
    ["1.5 bytes of a micro-credit rounds half up", "Contributor", usage(0, 1_500n, 0n), {}, 2n],
    ["1.4 bytes of a micro-credit rounds down", "Contributor", usage(0, 1_400n, 0n), {}, 1n],
    [
      "decimal pay 0.1 credits/GB, exact",
      "Contributor",
      usage(0, 3n * GB, 0n),
      { perGbUploaded: 0.1 },
      300_000n,
    ],
    ["in grace: paid in full", "FreeRiderInGrace", usage(86_400, GB, 10n * GB), {}, 3_000_000n],
    ["past grace: throttled", "FreeRider", usage(86_400, GB, 10n * GB), {}, 1_500_000n],
    ["past grace, throttle 0: zeroed", "FreeRider", usage(86_400, GB, 10n * GB), { throttleFactor: 0 }, 0n],
    [
      "petabyte day stays exact",
      "Contributor",
      usage(0, 1_000_000n * GB + 1n, 0n),
      { perGbUploaded: 100 },
      100_000_000_000_000n,
    ],
  ])("%s → %s µcredits", (_label, classification, dayUsage, overrides, micro) => {
    expect(unscaledRewardMicro({ ...PAY, ...overrides, classification, usage: dayUsage })).toBe(micro);
  });

  const anyUsage = fc
    .record({
      uptimeSeconds: fc.integer({ min: 0, max: 86_400 }),
      bytesUp: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      bytesDown: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    })
    .map((dayUsage) => ({ ...dayUsage, paidBytesUp: dayUsage.bytesUp }));
  const anyPay = fc.record({
    perGbUploaded: fc.integer({ min: 0, max: 1_000 }).map((tenths) => tenths / 10),
    uptimeBonusPerDay: fc.integer({ min: 0, max: 200 }).map((halves) => halves / 2),
    throttleFactor: fc.integer({ min: 0, max: 20 }).map((twentieths) => twentieths / 20),
  });

  it("pays a free-rider in grace the same as a contributor, one past grace throttleFactor × that", () => {
    fc.assert(
      fc.property(anyUsage, anyPay, (dayUsage, pay) => {
        const full = unscaledRewardMicro({ ...pay, classification: "Contributor", usage: dayUsage });
        expect(unscaledRewardMicro({ ...pay, classification: "FreeRiderInGrace", usage: dayUsage })).toBe(
          full,
        );
        const throttled = unscaledRewardMicro({ ...pay, classification: "FreeRider", usage: dayUsage });
        // Exact: |throttled − full × throttleFactor| ≤ ½ µcredit, with throttleFactor = k/20.
        const k = BigInt(Math.round(pay.throttleFactor * 20));
        const error = throttled * 20n - full * k;
        expect(error <= 10n && error >= -10n).toBe(true);
        expect(throttled <= full).toBe(true);
      }),
      propertyRuns("free-rider pay"),
    );
  });
});

describe("emissionCapMicro", () => {
  it.each([
    [0, 0n],
    [50_000, 50_000_000_000n],
    [0.000_001, 1n],
    [1e9, 1_000_000_000_000_000n],
  ])("of %d credits is %s µcredits", (cap, micro) => {
    expect(emissionCapMicro(cap)).toBe(micro);
  });
});

describe("scaleToCap", () => {
  it.each<[string, bigint[], bigint, bigint[], number]>([
    ["nothing to pay", [], 10n, [], 1],
    ["under the cap", [3n, 4n], 10n, [3n, 4n], 1],
    ["exactly the cap", [6n, 4n], 10n, [6n, 4n], 1],
    ["over the cap: floored shares", [10n, 10n, 10n], 10n, [3n, 3n, 3n], 1 / 3],
    ["cap 0 pays nobody", [5n, 1n], 0n, [0n, 0n], 0],
    ["zero stays zero", [0n, 20n], 10n, [0n, 10n], 0.5],
  ])("%s", (_label, unscaled, cap, rewards, scale) => {
    const result = scaleToCap(unscaled, cap);
    expect(result.rewards).toEqual(rewards);
    expect(result.scale).toBeCloseTo(scale, 12);
  });

  const amounts = fc.array(
    fc.oneof(fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 10n ** 24n })),
    { maxLength: 40 },
  );
  const caps = fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.bigInt({ min: 0n, max: 10n ** 26n }));

  it("never pays over the cap or over an unscaled amount, and keeps the order of amounts", () => {
    fc.assert(
      fc.property(amounts, caps, (unscaled, cap) => {
        const { rewards, scale } = scaleToCap(unscaled, cap);
        const total = unscaled.reduce((sum, amount) => sum + amount, 0n);
        const paid = rewards.reduce((sum, amount) => sum + amount, 0n);
        expect(paid <= total).toBe(true);
        if (total > cap) expect(paid <= cap).toBe(true);
        if (total <= cap) expect(rewards).toEqual(unscaled);
        expect(scale).toBeGreaterThanOrEqual(0);
        expect(scale).toBeLessThanOrEqual(1);
        for (const [index, reward] of rewards.entries()) {
          expect(reward >= 0n && reward <= unscaled[index]!).toBe(true);
          for (const [other, otherReward] of rewards.entries()) {
            if (unscaled[index]! <= unscaled[other]!) expect(reward <= otherReward).toBe(true);
          }
        }
      }),
      propertyRuns("scale to cap"),
    );
  });
});

describe("freeRiderShare", () => {
  it.each([
    [0, 0, 0],
    [0, 5, 0],
    [1, 5, 0.2],
    [4, 4, 1],
  ])("of %i free-riders among %i nodes is %d", (freeRiders, nodes, share) => {
    expect(freeRiderShare({ freeRiders, nodes })).toBe(share);
  });
});
