import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  shareOfBytes,
  confirmedShareSeries,
  formatBytes,
  summariseConfirmedShare,
  type EpochTraffic,
} from "./confirmed-traffic";

const GB = 1_000_000_000n;
const day = (date: number) => new Date(Date.UTC(2026, 10, date));

function epoch(date: number, claimedGb: bigint, confirmedGb: bigint, status = "Computed"): EpochTraffic {
  return {
    day: day(date),
    status,
    bytesUp: claimedGb * GB,
    corroboratedBytesUp: confirmedGb * GB,
    paidBytesUp: confirmedGb * GB + ((claimedGb - confirmedGb) * GB) / 2n,
  };
}

describe("shareOfBytes", () => {
  it.each([
    [0n, 0n, null],
    [5n, 0n, null],
    [0n, 10n, 0],
    [3n, 4n, 0.75],
    [10n, 10n, 1],
    [12n, 10n, 1],
    [-1n, 10n, 0],
    [1n, 3n, 0.333333],
    [9_000_000_000_000_000_000n, 9_000_000_000_000_000_001n, 0.999999],
  ])("%s of %s confirmed is %s", (confirmed, claimed, share) => {
    expect(shareOfBytes(confirmed, claimed)).toBe(share);
  });

  it("stays between 0 and 1 for any bytes", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n }), fc.bigInt({ min: 1n, max: 2n ** 63n }), (a, b) => {
        const share = shareOfBytes(a, b)!;
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("formatBytes", () => {
  it.each([
    [0n, "0 MB"],
    [1_500_000n, "1.5 MB"],
    [72_100_000_000_000n, "72.1 TB"],
  ])("%s bytes read as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe("confirmedShareSeries", () => {
  it("gives each computed day's share, oldest first, and leaves blocked and empty days out", () => {
    const { points, blockedDays } = confirmedShareSeries([
      epoch(24, 10n, 8n),
      epoch(22, 0n, 0n),
      epoch(23, 0n, 0n, "Blocked"),
      epoch(21, 4n, 1n),
    ]);
    expect(points.map((point) => [point.day, point.share])).toEqual([
      [day(21), 0.25],
      [day(24), 0.8],
    ]);
    expect(points[1]).toMatchObject({ claimedBytes: 10n * GB, confirmedBytes: 8n * GB, paidBytes: 9n * GB });
    expect(blockedDays).toEqual([day(23)]);
  });
});

describe("summariseConfirmedShare", () => {
  const series = (...epochs: EpochTraffic[]) => summariseConfirmedShare(confirmedShareSeries(epochs));

  it.each([
    [
      "no epoch yet",
      [],
      "No day was paid in this range yet: the share of served data that other nodes confirmed appears after each full day of telemetry.",
    ],
    [
      "only blocked days",
      [epoch(23, 0n, 0n, "Blocked")],
      "No day in this range could be worked out yet, so there is no confirmed share to show. 1 day could not be worked out and is left out.",
    ],
    [
      "one day",
      [epoch(24, 10n, 8n)],
      "On 24 Nov 2026, nodes in other networks confirmed receiving 80 % of the 10 GB nodes said they served.",
    ],
    [
      "several days and two blocked",
      [epoch(21, 30n, 6n), epoch(22, 1n, 1n, "Blocked"), epoch(23, 1n, 1n, "Blocked"), epoch(24, 10n, 8n)],
      "On 24 Nov 2026, nodes in other networks confirmed receiving 80 % of the 10 GB nodes said they served; 35 % of 40 GB across the 2 days shown. 2 days could not be worked out and are left out.",
    ],
  ])("%s", (_case, epochs, sentence) => {
    expect(series(...epochs)).toBe(sentence);
  });
});
