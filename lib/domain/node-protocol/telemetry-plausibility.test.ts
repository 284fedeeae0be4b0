import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PARAMETERS } from "@/lib/domain/parameters/catalogue";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import {
  creditedBytes,
  creditPeerTraffic,
  maxBytes,
  peerTrafficBreach,
  STORED_SUM_CEILING,
  trafficBreach,
} from "./telemetry-plausibility";

const { min: MIN_MBPS, max: MAX_MBPS } = PARAMETERS["service.maxMbps"];
const maxMbps = fc.integer({ min: MIN_MBPS, max: MAX_MBPS });
const windowSeconds = fc.integer({ min: 1, max: 86_400 });
const byteCount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe("maxBytes", () => {
  it.each([
    [60, 1_000, 7_500_000_000n],
    [1, 1, 125_000n],
    [86_400, 100_000, 1_080_000_000_000_000n],
  ])("a %i-second window at %i Mbit/s carries at most %s bytes", (seconds, mbps, bound) => {
    expect(maxBytes(seconds, mbps)).toBe(bound);
  });

  it("leaves the saturating network sums room for any one report: ceiling + the largest report < 2^63", () => {
    expect(STORED_SUM_CEILING + maxBytes(86_400, MAX_MBPS)).toBeLessThan(2n ** 63n - 1n);
  });
});

describe("trafficBreach", () => {
  it("names the field, the claim, service.maxMbps and the bound in words", () => {
    expect(trafficBreach({ windowSeconds: 60, bytesUp: 9_007_199_254_740_991, bytesDown: 0 }, 1_000)).toEqual(
      {
        field: "bytesUp",
        message:
          "bytesUp: 9007199254740991 bytes in a 60-second window is more than service.maxMbps (1,000 Mbit/s) allows: at most 7,500,000,000 bytes. Report the bytes the node really sent in the window.",
      },
    );
    expect(trafficBreach({ windowSeconds: 1, bytesUp: 0, bytesDown: 125_001 }, 1)).toEqual({
      field: "bytesDown",
      message:
        "bytesDown: 125001 bytes in a 1-second window is more than service.maxMbps (1 Mbit/s) allows: at most 125,000 bytes. Report the bytes the node really received in the window.",
    });
  });

  it("accepts bytes exactly at the bound and refuses one byte over, for any window and limit", () => {
    fc.assert(
      fc.property(windowSeconds, maxMbps, fc.boolean(), (seconds, mbps, isUp) => {
        const bound = Number(maxBytes(seconds, mbps));
        const claim = (bytes: number) => ({
          windowSeconds: seconds,
          bytesUp: isUp ? bytes : 0,
          bytesDown: isUp ? 0 : bytes,
        });
        expect(trafficBreach(claim(bound), mbps)).toBeNull();
        expect(trafficBreach(claim(bound + 1), mbps)?.field).toBe(isUp ? "bytesUp" : "bytesDown");
      }),
      propertyRuns("trafficBreach at the bound"),
    );
  });
});

describe("creditedBytes", () => {
  it("never credits more than claimed nor more than the credited window carries, and exactly the claim when it fits", () => {
    fc.assert(
      fc.property(byteCount, windowSeconds, maxMbps, (bytes, seconds, mbps) => {
        const credited = creditedBytes(bytes, seconds, mbps);
        expect(credited).toBeLessThanOrEqual(BigInt(bytes));
        expect(credited).toBeLessThanOrEqual(maxBytes(seconds, mbps));
        expect(credited === BigInt(bytes) || credited === maxBytes(seconds, mbps)).toBe(true);
      }),
      propertyRuns("creditedBytes bounds"),
    );
  });

  it("credits a day claimed a moment after the previous report only the moment's worth", () => {
    expect(creditedBytes(10_800_000_000_000, 5, 1_000)).toBe(625_000_000n);
    expect(creditedBytes(1_000, 5, 1_000)).toBe(1_000n);
  });
});

/** Up to 20 distinct peers of at most 2^40 bytes each: their sums stay safe integers. */
const peerTraffic = fc.uniqueArray(
  fc.record({
    peerNodeId: fc.string({ unit: fc.constantFrom(..."abcXYZ09_-"), minLength: 1, maxLength: 4 }),
    bytesUp: fc.integer({ min: 0, max: 2 ** 40 }),
    bytesDown: fc.integer({ min: 0, max: 2 ** 40 }),
  }),
  { selector: (entry) => entry.peerNodeId, maxLength: 20 },
);

const sumOf = (entries: readonly { bytesUp: number; bytesDown: number }[], field: "bytesUp" | "bytesDown") =>
  entries.reduce((total, entry) => total + entry[field], 0);
const smaller = (a: bigint, b: bigint) => (a < b ? a : b);

describe("creditPeerTraffic", () => {
  it("keeps entries as claimed when the totals were credited in full, dropping empty ones", () => {
    const entries = [
      { peerNodeId: "a", bytesUp: 10, bytesDown: 0 },
      { peerNodeId: "b", bytesUp: 0, bytesDown: 0 },
    ];
    expect(
      creditPeerTraffic(entries, {
        claimed: { bytesUp: 10, bytesDown: 5 },
        credited: { bytesUp: 10n, bytesDown: 5n },
      }),
    ).toEqual([{ peerNodeId: "a", bytesUp: 10n, bytesDown: 0n }]);
  });

  it("cuts entries in the proportion the totals were cut: never above a claim, never adding up past the credited totals", () => {
    fc.assert(
      fc.property(
        peerTraffic,
        fc.nat({ max: 2 ** 40 }),
        fc.bigInt({ min: 0n, max: 2n ** 50n }),
        fc.bigInt({ min: 0n, max: 2n ** 50n }),
        (entries, unlisted, upCap, downCap) => {
          const claimed = {
            bytesUp: sumOf(entries, "bytesUp") + unlisted,
            bytesDown: sumOf(entries, "bytesDown"),
          };
          const credited = {
            bytesUp: smaller(BigInt(claimed.bytesUp), upCap),
            bytesDown: smaller(BigInt(claimed.bytesDown), downCap),
          };
          const result = creditPeerTraffic(entries, { claimed, credited });
          const sum = (field: "bytesUp" | "bytesDown") =>
            result.reduce((total, entry) => total + entry[field], 0n);
          expect(sum("bytesUp")).toBeLessThanOrEqual(credited.bytesUp);
          expect(sum("bytesDown")).toBeLessThanOrEqual(credited.bytesDown);
          for (const entry of result) {
            const original = entries.find((one) => one.peerNodeId === entry.peerNodeId)!;
            expect(entry.bytesUp).toBeLessThanOrEqual(BigInt(original.bytesUp));
            expect(entry.bytesDown).toBeLessThanOrEqual(BigInt(original.bytesDown));
            expect(entry.bytesUp + entry.bytesDown).toBeGreaterThan(0n);
          }
        },
      ),
      propertyRuns("creditPeerTraffic bounds"),
    );
  });
});

describe("peerTrafficBreach", () => {
  const entry = (peerNodeId: string, bytesUp: number, bytesDown: number) => ({
    peerNodeId,
    bytesUp,
    bytesDown,
  });

  it.each([
    ["no peerTraffic", { bytesUp: 0, bytesDown: 0 }, null],
    [
      "entries adding up to the totals exactly",
      { bytesUp: 30, bytesDown: 7, peerTraffic: [entry("a", 10, 7), entry("b", 20, 0)] },
      null,
    ],
    [
      "a peer named twice",
      { bytesUp: 30, bytesDown: 7, peerTraffic: [entry("a", 10, 0), entry("a", 1, 0)] },
      "names peer a more than once; list each peer once with its bytes for the window",
    ],
    [
      "bytesUp over the total",
      { bytesUp: 1_000, bytesDown: 7, peerTraffic: [entry("a", 600, 0), entry("b", 401, 0)] },
      "the entries' bytesUp add up to more than the report's bytesUp (1,000 bytes): peers can only account for traffic the report counts",
    ],
    [
      "bytesDown over the total",
      { bytesUp: 1_000, bytesDown: 7, peerTraffic: [entry("a", 0, 8)] },
      "the entries' bytesDown add up to more than the report's bytesDown (7 bytes): peers can only account for traffic the report counts",
    ],
  ])("%s", (_name, report, expected) => {
    expect(peerTrafficBreach(report)).toBe(expected);
  });

  it("sums exactly past 2^53: 256 entries of the largest safe count are over any safe total", () => {
    const entries = Array.from({ length: 256 }, (_, index) => entry(`p${index}`, Number.MAX_SAFE_INTEGER, 0));
    expect(
      peerTrafficBreach({ bytesUp: Number.MAX_SAFE_INTEGER, bytesDown: 0, peerTraffic: entries }),
    ).toMatch(/^the entries' bytesUp add up to more/);
  });
});
