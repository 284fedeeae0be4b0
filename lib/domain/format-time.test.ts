import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRelativeTime, formatWait, JUST_NOW_MS } from "./format-time";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("formatRelativeTime", () => {
  it.each([
    [0, "just now"],
    [-44 * S, "just now"],
    [44 * S, "just now"],
    [-45 * S, "1 minute ago"],
    [-90 * S, "2 minutes ago"],
    [-5 * M, "5 minutes ago"],
    [5 * M, "in 5 minutes"],
    [-44 * M, "44 minutes ago"],
    [-45 * M, "1 hour ago"],
    [-3 * H, "3 hours ago"],
    [3 * H, "in 3 hours"],
    [-21 * H, "21 hours ago"],
    [-22 * H, "1 day ago"],
    [-36 * H, "2 days ago"],
    [7 * D, "in 7 days"],
    [-25 * D, "25 days ago"],
    [-26 * D, "1 month ago"],
    [-100 * D, "3 months ago"],
    [-335 * D, "1 year ago"],
    [-800 * D, "2 years ago"],
  ])("%i ms from now reads %s", (offset, expected) => {
    expect(formatRelativeTime(at(offset), NOW)).toBe(expected);
  });

  it("says 'ago' for the past, 'in' for the future and 'just now' in between", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 365 * D, max: 10 * 365 * D }), (offset) => {
        const text = formatRelativeTime(at(offset), NOW);
        if (Math.abs(offset) < JUST_NOW_MS) expect(text).toBe("just now");
        else if (offset < 0) expect(text).toMatch(/^[1-9]\d* (minute|hour|day|month|year)s? ago$/);
        else expect(text).toMatch(/^in [1-9]\d* (minute|hour|day|month|year)s?$/);
      }),
    );
  });
});

describe("formatDate / formatDateTime", () => {
  it.each([
    ["2026-11-25T12:00:00.000Z", "25 Nov 2026", "25 Nov 2026, 12:00 UTC"],
    ["2027-01-03T04:05:59.999Z", "3 Jan 2027", "3 Jan 2027, 04:05 UTC"],
    ["2026-12-31T23:59:00.000Z", "31 Dec 2026", "31 Dec 2026, 23:59 UTC"],
  ])("%s → %s / %s", (iso, date, dateTime) => {
    expect(formatDate(new Date(iso))).toBe(date);
    expect(formatDateTime(new Date(iso))).toBe(dateTime);
  });
});

describe("formatWait", () => {
  it.each([
    [1, "1 second"],
    [30, "30 seconds"],
    [119, "119 seconds"],
    [120, "2 minutes"],
    [600, "10 minutes"],
    [3_600, "60 minutes"],
    [7_199, "120 minutes"],
    [7_200, "2 hours"],
    [80_000, "23 hours"],
  ])("%i s reads as %s", (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});
