import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextReadBackAt, READ_BACK_INTERVAL_MS } from "./read-back-schedule";

const NOW = new Date("2026-11-25T12:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("nextReadBackAt", () => {
  it.each([
    ["in 6 h with no activation coming", [], false, at(360)],
    ["5 min after the next activation", [at(30), at(90)], false, at(35)],
    ["in 6 h when the activation is later than that", [at(600)], false, at(360)],
    ["ignoring activations already past", [at(-10)], false, at(360)],
    ["at once after a reconnect", [at(30)], true, NOW],
  ] as const)("reads back %s", (_, activations, isReconnect, expected) => {
    expect(nextReadBackAt({ now: NOW, random: 0.5, upcomingActivations: activations, isReconnect })).toEqual(
      expected,
    );
  });

  it("is never later than 6 h + 20 % nor earlier than now", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.array(fc.integer({ min: -1_000, max: 1_000 })),
        (random, minutes) => {
          const next = nextReadBackAt({
            now: NOW,
            random,
            upcomingActivations: minutes.map(at),
            isReconnect: false,
          });
          expect(next.getTime()).toBeGreaterThan(NOW.getTime());
          expect(next.getTime() - NOW.getTime()).toBeLessThanOrEqual(READ_BACK_INTERVAL_MS * 1.2);
          expect(next.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(
            Math.min(READ_BACK_INTERVAL_MS * 0.8, 5 * 60_000),
          );
        },
      ),
    );
  });
});
