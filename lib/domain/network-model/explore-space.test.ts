import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  candidateKey,
  changeSize,
  changedMoves,
  neighbourCandidate,
  quantise,
  randomCandidate,
  searchInterval,
  searchKeys,
  searchMoves,
  SELECTION_WEIGHT_KEYS,
} from "@/lib/domain/network-model/explore-space";
import {
  PARAMETER_KEYS,
  PARAMETERS,
  defaultParameterValues,
  type ParameterKey,
} from "@/lib/domain/parameters/catalogue";
import { validParameterValues } from "@/lib/domain/parameters/testing/parameter-arbitraries";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import { createRandom } from "@/lib/domain/random";

const DEFAULTS = defaultParameterValues();
const isWeight = (key: string) => (SELECTION_WEIGHT_KEYS as readonly string[]).includes(key);

describe("the search space", () => {
  it("holds only the rules the model acts on: rewards, free-riders, selection and roles", () => {
    const keys = searchKeys();
    expect(keys).toContain("reward.perGbUploaded");
    expect(keys).toContain("freeRider.throttleFactor");
    expect(keys).toContain("selection.explorationRate");
    expect(keys).toContain("roles.guardMinRating");
    expect(keys.some((key) => key.startsWith("gov."))).toBe(false);
    expect(keys).not.toContain("service.maxMbps");
    expect(searchKeys(["roles.guardMinRating"])).not.toContain("roles.guardMinRating");
    const moves = searchMoves(keys);
    expect(moves).toContain("weights");
    expect(moves.some((move) => move !== "weights" && isWeight(move))).toBe(false);
  });

  it("searches a share over its whole range and a wide-ranged rule from a quarter to four times its value", () => {
    expect(searchInterval("selection.explorationRate", 0.1)).toEqual({ low: 0, high: 0.5 });
    expect(searchInterval("reward.perGbUploaded", 1)).toEqual({ low: 0.3, high: 4 });
    expect(searchInterval("reward.epochEmissionCap", 50_000)).toEqual({ low: 13_000, high: 200_000 });
    expect(searchInterval("freeRider.graceDays", 7)).toEqual({ low: 2, high: 28 });
    expect(searchInterval("reward.uptimeBonusPerDay", 0)).toEqual({ low: 0, high: 10 });
  });

  it("puts values on the catalogue's step grid within bounds", () => {
    expect(quantise("selection.explorationRate", 0.123)).toBe(0.12);
    expect(quantise("selection.explorationRate", 0.9)).toBe(0.5);
    expect(quantise("reward.perGbUploaded", 0.1 + 0.2)).toBe(0.3);
    expect(quantise("freeRider.graceDays", 6.6)).toBe(7);
  });

  it("draws only valid parameter sets that change searched rules on their grid, whatever the rules now", () => {
    const fixed: ParameterKey[] = ["freeRider.minShareRatio"];
    const moves = searchMoves(searchKeys(fixed));
    fc.assert(
      fc.property(validParameterValues, fc.integer(), (current, seed) => {
        const random = createRandom(seed);
        const first = randomCandidate(current, moves, random);
        const second = first ? neighbourCandidate(current, first, moves, random) : null;
        for (const values of [first, second]) {
          if (!values) continue;
          expect(validateParameterValues(values).ok).toBe(true);
          expect(changedMoves(current, values).length).toBeGreaterThan(0);
          expect(PARAMETER_KEYS.filter((key) => values[key] !== current[key]).length).toBeLessThanOrEqual(10);
          for (const key of PARAMETER_KEYS) {
            if (values[key] === current[key]) continue;
            expect(key === "freeRider.throttleFactor" || !fixed.includes(key)).toBe(true);
            expect(searchKeys(fixed)).toContain(key);
            if (!isWeight(key)) expect(quantise(key, values[key])).toBe(values[key]);
          }
          const weights = SELECTION_WEIGHT_KEYS.reduce((sum, key) => sum + values[key], 0);
          expect(Math.abs(weights - 1)).toBeLessThanOrEqual(1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("mostly finds a candidate from the defaults", () => {
    const moves = searchMoves(searchKeys());
    const random = createRandom(7);
    const drawn = Array.from({ length: 200 }, () => randomCandidate(DEFAULTS, moves, random));
    expect(drawn.filter((values) => values !== null).length).toBeGreaterThan(180);
  });

  it("sizes a change by rules changed plus how far each moved", () => {
    expect(changeSize(DEFAULTS, DEFAULTS)).toBe(0);
    const oneSmall = { ...DEFAULTS, "selection.explorationRate": 0.15 };
    const oneLarge = { ...DEFAULTS, "selection.explorationRate": 0.5 };
    const two = { ...oneSmall, "reward.perGbUploaded": 1.1 };
    expect(changeSize(DEFAULTS, oneSmall)).toBeCloseTo(1.1, 10);
    expect(changeSize(DEFAULTS, oneLarge)).toBeCloseTo(1.8, 10);
    expect(changeSize(DEFAULTS, two)).toBeGreaterThan(2);
    const weights = { ...DEFAULTS, "selection.weightSpeed": 0.3, "selection.weightContribution": 0.4 };
    expect(changedMoves(DEFAULTS, weights)).toEqual(["weights"]);
    expect(changeSize(DEFAULTS, weights)).toBeCloseTo(1.1, 10);
    expect(candidateKey(DEFAULTS, weights)).toBe(
      "selection.weightSpeed=0.3,selection.weightContribution=0.4",
    );
  });

  it("keeps free-riders slowed down when a candidate turns the free-rider rule on", () => {
    const off = { ...DEFAULTS, "freeRider.minShareRatio": 0, "freeRider.throttleFactor": 1 };
    const random = createRandom(3);
    let turnedOn = 0;
    for (let i = 0; i < 300; i += 1) {
      const values = randomCandidate(off, ["freeRider.minShareRatio"], random);
      if (!values || values["freeRider.minShareRatio"] === 0) continue;
      turnedOn += 1;
      expect(values["freeRider.throttleFactor"]).toBe(1 - PARAMETERS["freeRider.throttleFactor"].step);
    }
    expect(turnedOn).toBeGreaterThan(0);
  });
});
