import { describe, expect, it } from "vitest";
import { publicOutcome, roundPhase, type RoundPhase } from "./round-phase";

const CLOSES_AT = new Date("2026-11-28T12:00:00.000Z");

describe("roundPhase", () => {
  it.each<[string, number, RoundPhase]>([
    ["Open", -3_600_000, "open"],
    ["Open", -1, "open"],
    ["Open", 0, "counting"],
    ["Open", 3_600_000, "counting"],
    ["Closed", -1, "closed"],
    ["Closed", 3_600_000, "closed"],
  ])("stored %s, %i ms after closesAt: %s", (state, offsetMs, phase) => {
    const now = new Date(CLOSES_AT.getTime() + offsetMs);
    expect(roundPhase({ state, closesAt: CLOSES_AT }, now)).toBe(phase);
  });
});

describe("publicOutcome", () => {
  it.each<[RoundPhase, string | null, string | null]>([
    ["open", null, null],
    ["counting", null, null],
    ["counting", "passed", null],
    ["closed", "passed", "passed"],
    ["closed", "rejected", "rejected"],
    ["closed", null, null],
    ["closed", "unknown", null],
  ])("%s with the stored outcome %s shows %s", (phase, outcome, shown) => {
    expect(publicOutcome(phase, outcome)).toBe(shown);
  });
});
