import { describe, expect, it } from "vitest";
import { EPOCH_SETTLE_MS, epochOverlapBound, isEpochDue } from "@/lib/domain/rewards/epoch-schedule";

const DAY = new Date("2026-11-24T00:00:00.000Z");
const MIDNIGHT_AFTER = Date.parse("2026-11-25T00:00:00.000Z");

describe("isEpochDue", () => {
  it.each([
    ["during the day", DAY.getTime() + 3_600_000, false],
    ["at the midnight after", MIDNIGHT_AFTER, false],
    ["just before it settles", MIDNIGHT_AFTER + EPOCH_SETTLE_MS - 1, false],
    ["once it settles", MIDNIGHT_AFTER + EPOCH_SETTLE_MS, true],
    ["days later", MIDNIGHT_AFTER + 3 * 86_400_000, true],
  ])("%s: %s", (_, nowMs, isDue) => {
    expect(isEpochDue({ day: DAY, now: new Date(nowMs) })).toBe(isDue);
  });
});

describe("epochOverlapBound", () => {
  it.each([
    ["2026-11-24T12:30:00.000Z", "2026-11-23T12:30:00.000Z"],
    ["2026-11-25T00:00:00.000Z", "2026-11-24T00:00:00.000Z"],
  ])("epochs after %s's bound %s overlap the range", (from, bound) => {
    expect(epochOverlapBound(new Date(from))).toEqual(new Date(bound));
  });
});
