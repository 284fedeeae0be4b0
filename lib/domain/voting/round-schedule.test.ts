import { describe, expect, it } from "vitest";
import { configActivatesAt, HOUR_MS, isNextRoundDue, roundClosesAt } from "./round-schedule";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);

describe("roundClosesAt", () => {
  it.each([
    [72, at(72)],
    [1, at(1)],
    [0.5, new Date(NOW.getTime() + HOUR_MS / 2)],
  ])("a round of %d hours closes that long after it opens", (hours, closesAt) => {
    expect(roundClosesAt(NOW, hours)).toEqual(closesAt);
  });
});

describe("configActivatesAt", () => {
  it.each([
    [24, at(24)],
    [0, NOW],
    [168, at(168)],
  ])(
    "with an enactment delay of %d hours the version takes effect that long after the close",
    (hours, activateAt) => {
      expect(configActivatesAt(NOW, hours)).toEqual(activateAt);
    },
  );
});

describe("isNextRoundDue", () => {
  it.each<[string, boolean, { state: string; closesAt: Date } | null]>([
    ["no round yet", true, null],
    ["the last round closed after its time", true, { state: "Closed", closesAt: at(-1) }],
    ["the last round closed exactly at its time", true, { state: "Closed", closesAt: NOW }],
    ["the last round closed early, its time not over", false, { state: "Closed", closesAt: at(1) }],
    ["the last round still open", false, { state: "Open", closesAt: at(1) }],
    ["the last round being counted", false, { state: "Open", closesAt: at(-1) }],
  ])("%s: due %s", (_case, isDue, last) => {
    expect(isNextRoundDue(last, NOW)).toBe(isDue);
  });
});
