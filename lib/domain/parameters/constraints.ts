import { PARAMETERS, type ParameterKey, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import { formatNumber } from "@/lib/domain/format-number";

export type CrossParameterConstraint = {
  readonly id: string;
  readonly keys: readonly ParameterKey[];
  readonly description: string;
  /** null when the values meet the rule, otherwise a message saying what is wrong and what to change. */
  readonly check: (values: ParameterValues) => string | null;
};

/** How far the selection weights' sum may stray from 1 (floating-point slack). */
export const SELECTION_WEIGHT_TOLERANCE = 1e-9;

const SELECTION_WEIGHT_KEYS = [
  "selection.weightSpeed",
  "selection.weightReliability",
  "selection.weightContribution",
] as const satisfies readonly ParameterKey[];

// Ten digits so a sum just outside the 1e-9 tolerance still shows how far off it is.
const percent = (share: number) => `${formatNumber(share * 100, { maxFractionDigits: 10 })} %`;
const named = (key: ParameterKey) => `${PARAMETERS[key].label} (${key})`;

/** Rules that tie several parameters together; checked on every proposal and again at ratification. */
export const CROSS_PARAMETER_CONSTRAINTS: readonly CrossParameterConstraint[] = [
  {
    id: "selection-weights-sum-to-one",
    keys: SELECTION_WEIGHT_KEYS,
    description:
      "The weights of speed, reliability and contribution in a node's rating must add up to 100 %, so together they describe all of what good service means.",
    check(values) {
      const sum = SELECTION_WEIGHT_KEYS.reduce((total, key) => total + values[key], 0);
      if (Math.abs(sum - 1) <= SELECTION_WEIGHT_TOLERANCE) return null;
      const parts = SELECTION_WEIGHT_KEYS.map((key) => `${named(key)} ${percent(values[key])}`).join(", ");
      const change = `${sum > 1 ? "Lower" : "Raise"} one or more of them by ${percent(Math.abs(sum - 1))} in total.`;
      return `The selection weights must add up to 100 %, but they add up to ${percent(sum)} (${parts}). ${change}`;
    },
  },
  {
    id: "free-rider-throttle-below-one",
    keys: ["freeRider.throttleFactor", "freeRider.minShareRatio"],
    description:
      "When the free-rider rule is on (a minimum share ratio above 0), free-riders must actually be slowed down: their download speed must be below 100 %.",
    check(values) {
      const ratio = values["freeRider.minShareRatio"];
      const throttle = values["freeRider.throttleFactor"];
      if (ratio <= 0 || throttle < 1) return null;
      return `${named("freeRider.throttleFactor")} must be below 100 % while ${named("freeRider.minShareRatio")} is above 0 (it is ${formatNumber(ratio)}); at ${percent(throttle)} free-riders would not be slowed down at all. Lower the download speed below 100 %, or set the minimum share ratio to 0 to turn the free-rider rule off.`;
    },
  },
];
