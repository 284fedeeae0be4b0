import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOnline, ONLINE_WINDOW_MINUTES, onlineSince } from "./node-presence";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const M = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe("node presence", () => {
  it("uses a 15-minute window", () => {
    expect(ONLINE_WINDOW_MINUTES).toBe(15);
    expect(onlineSince(NOW).toISOString()).toBe("2026-11-25T11:45:00.000Z");
  });

  it.each([
    ["never reported", null, false],
    ["reported just now", at(0), true],
    ["reported 14 minutes ago", at(-14 * M), true],
    ["reported exactly 15 minutes ago", at(-15 * M), true],
    ["reported 15 minutes and 1 ms ago", at(-15 * M - 1), false],
    ["reported an hour ago", at(-60 * M), false],
    ["clock ahead of the server", at(2 * M), true],
  ])("%s → online %s", (_label, lastSeenAt, expected) => {
    expect(isOnline(lastSeenAt, NOW)).toBe(expected);
  });

  it("agrees with onlineSince for any report time", () => {
    fc.assert(
      fc.property(fc.integer({ min: -120 * M, max: 120 * M }), (offsetMs) => {
        const lastSeenAt = at(offsetMs);
        expect(isOnline(lastSeenAt, NOW)).toBe(lastSeenAt >= onlineSince(NOW));
      }),
    );
  });
});
