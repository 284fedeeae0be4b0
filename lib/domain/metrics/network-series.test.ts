import { describe, expect, it } from "vitest";
import {
  averageNodesUp,
  coverageBucketWidthMs,
  DAY_MS,
  fillSeriesGaps,
  floorToStep,
  HOUR_MS,
  seriesBucket,
  type NetworkSeriesRow,
} from "@/lib/domain/metrics/network-series";

const at = (iso: string) => new Date(iso);

describe("floorToStep", () => {
  it.each([
    ["2026-11-25T12:30:00.000Z", HOUR_MS, "2026-11-25T12:00:00.000Z"],
    ["2026-11-25T12:00:00.000Z", HOUR_MS, "2026-11-25T12:00:00.000Z"],
    ["2026-11-25T12:59:59.999Z", HOUR_MS, "2026-11-25T12:00:00.000Z"],
    ["2026-11-25T12:30:00.000Z", DAY_MS, "2026-11-25T00:00:00.000Z"],
    ["2026-11-25T00:00:00.000Z", DAY_MS, "2026-11-25T00:00:00.000Z"],
  ])("floors %s to a %d ms step at %s", (time, stepMs, floored) => {
    expect(floorToStep(at(time), stepMs)).toEqual(at(floored));
  });
});

describe("seriesBucket", () => {
  const hourEnd = at("2026-11-25T12:00:00.000Z");
  it.each([
    [0, "hour"],
    [24, "hour"],
    [8_000, "hour"],
    [8_001, "day"],
    [9_000, "day"],
  ] as const)("draws %d hours of history in %ss", (hours, bucket) => {
    const firstHour = new Date(hourEnd.getTime() - hours * HOUR_MS);
    expect(seriesBucket({ firstHour, hourEnd })).toBe(bucket);
  });
});

describe("fillSeriesGaps", () => {
  const row = (hour: number, nodes = 2): NetworkSeriesRow => ({
    at: hour * HOUR_MS,
    uptimeSeconds: nodes * 3_600,
    nodes,
    bytesUp: nodes * 1e9,
  });
  const silent = (hour: number): NetworkSeriesRow => ({
    at: hour * HOUR_MS,
    uptimeSeconds: 0,
    nodes: 0,
    bytesUp: 0,
  });
  it.each<[string, NetworkSeriesRow[], number, NetworkSeriesRow[]]>([
    ["no rows", [], 5, []],
    ["no gaps", [row(1), row(2)], 2, [row(1), row(2)]],
    ["a silent hour between two", [row(1), row(3, 4)], 3, [row(1), silent(2), row(3, 4)]],
    ["silent hours up to the last complete one", [row(1)], 3, [row(1), silent(2), silent(3)]],
    ["rows past the last complete hour", [row(1), row(2)], 1, [row(1)]],
  ])("%s", (_, rows, lastHour, filled) => {
    expect(fillSeriesGaps(rows, { stepMs: HOUR_MS, lastAt: lastHour * HOUR_MS })).toEqual(filled);
  });
});

describe("averageNodesUp", () => {
  it.each([
    [0, "hour", 0],
    [3_600, "hour", 1],
    [12_600, "hour", 3.5],
    [86_400, "day", 1],
    [3 * 86_400, "day", 3],
    [43_200, "day", 0.5],
  ] as const)("%d uptime seconds in a %s are %d nodes up", (uptimeSeconds, bucket, nodes) => {
    expect(averageNodesUp(uptimeSeconds, bucket)).toBe(nodes);
  });
});

describe("coverageBucketWidthMs", () => {
  const now = at("2026-11-25T12:00:00.000Z");
  it.each([
    ["a minute into 10 buckets", 60_000, 10, 60_000],
    ["an hour into 60 buckets", HOUR_MS, 60, 2 * 60_000],
    ["an hour less a millisecond into 60 buckets", HOUR_MS - 1, 60, 60_000],
    ["a day into 1,120 buckets", DAY_MS, 1_120, 2 * 60_000],
    ["a week into 1,120 buckets", 7 * DAY_MS, 1_120, 10 * 60_000],
  ])("splits %s of whole minutes", (_, spanMs, buckets, widthMs) => {
    const start = new Date(now.getTime() - spanMs);
    expect(coverageBucketWidthMs({ start, now, buckets })).toBe(widthMs);
  });
});
