import { describe, expect, it } from "vitest";
import { nodeUptimeShare, possibleUptimeSeconds, totalUptimeShare } from "@/lib/domain/metrics/uptime-share";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_S = 86_400;
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY_S * 1000);

describe("possibleUptimeSeconds", () => {
  it.each([
    ["never reported", null, daysBefore(7), null],
    ["reported before the range", daysBefore(60), daysBefore(7), 7 * DAY_S],
    ["first reported in the range", daysBefore(2), daysBefore(7), 2 * DAY_S],
    ["all time", daysBefore(60), null, 60 * DAY_S],
    ["first reported after now", daysBefore(-1), null, 0],
  ])("%s", (_, firstReportedAt, from, seconds) => {
    expect(possibleUptimeSeconds({ firstReportedAt, from, now: NOW })).toBe(seconds);
  });
});

describe("nodeUptimeShare", () => {
  it.each([
    [0, null, null],
    [0, 0, 0],
    [100, 0, 0],
    [43_200, DAY_S, 0.5],
    [2 * DAY_S, DAY_S, 1],
  ])("of %i s up out of %s possible is %s", (uptimeSeconds, possibleSeconds, share) => {
    expect(nodeUptimeShare(uptimeSeconds, possibleSeconds)).toBe(share);
  });
});

describe("totalUptimeShare", () => {
  it.each([
    [0, 0, null],
    [100, 0, null],
    [43_200, DAY_S, 0.5],
    [2 * DAY_S, DAY_S, 1],
  ])("of %i s up out of %i possible is %s", (uptimeSeconds, possibleSeconds, share) => {
    expect(totalUptimeShare(uptimeSeconds, possibleSeconds)).toBe(share);
  });
});
