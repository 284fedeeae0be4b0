import { describe, expect, it } from "vitest";
import { telemetryClockBreach } from "./telemetry-clock";

const now = new Date("2026-12-12T12:00:00.000Z");
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const offset = (ms: number) => new Date(now.getTime() + ms);

describe("telemetryClockBreach", () => {
  it.each([
    ["at the platform clock", 0, 60, null],
    ["10 minutes ahead", 10 * MINUTE_MS, 60, null],
    ["just over 10 minutes ahead", 10 * MINUTE_MS + 1, 60, "ahead"],
    ["a day plus its 60 s window behind", -DAY_MS - MINUTE_MS, 60, null],
    ["just over a day plus its 60 s window behind", -DAY_MS - MINUTE_MS - 1, 60, "behind"],
    ["25 hours behind with a one-hour window", -DAY_MS - 60 * MINUTE_MS, 3600, null],
    ["in 1970", Date.parse("1970-01-01T00:01:00Z") - now.getTime(), 60, "behind"],
  ] as const)("a report %s: %s", (_case, ms, windowSeconds, expected) => {
    expect(telemetryClockBreach({ at: offset(ms), windowSeconds }, now)).toBe(expected);
  });
});
