import fc from "fast-check";
import {
  PARAMETER_KEYS,
  PARAMETERS,
  isParameterKey,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";

/** A value within the key's bounds and of its kind, with the bounds and default themselves likely. */
export function inBoundsValue(key: ParameterKey): fc.Arbitrary<number> {
  const { kind, min, max, default: fallback } = PARAMETERS[key];
  const edges = fc.constantFrom(min, max, fallback);
  if (kind === "integer") return fc.oneof(edges, fc.integer({ min, max }));
  return fc.oneof(edges, fc.double({ min, max, noNaN: true }));
}

/** A value the key's own schema rejects: out of bounds, not whole for integers, or not a finite number. */
export function invalidValue(key: ParameterKey): fc.Arbitrary<unknown> {
  const { kind, min, max } = PARAMETERS[key];
  const outside = fc.oneof(
    fc.double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(min - 1, max + 1),
  );
  const junk = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, "1", "", null, undefined, true, [], {});
  if (kind !== "integer") return fc.oneof(outside, junk);
  const fractional = fc.double({ min, max, noNaN: true }).filter((value) => !Number.isInteger(value));
  return fc.oneof(outside, junk, fractional);
}

/** Makes a set meet the cross-parameter constraints without leaving any key's bounds. */
function meetConstraints(values: ParameterValues): ParameterValues {
  const speed = values["selection.weightSpeed"];
  const reliability = values["selection.weightReliability"];
  const scale = speed + reliability > 1 ? speed + reliability : 1;
  const fixedSpeed = speed / scale;
  const fixedReliability = reliability / scale;
  const throttle = values["freeRider.throttleFactor"];
  return {
    ...values,
    "selection.weightSpeed": fixedSpeed,
    "selection.weightReliability": fixedReliability,
    "selection.weightContribution": Math.max(0, 1 - fixedSpeed - fixedReliability),
    "freeRider.throttleFactor": values["freeRider.minShareRatio"] > 0 && throttle >= 1 ? 0.5 : throttle,
  };
}

const inBoundsRecord = fc.record(
  Object.fromEntries(PARAMETER_KEYS.map((key) => [key, inBoundsValue(key)])) as {
    [K in ParameterKey]: fc.Arbitrary<number>;
  },
);

/** Full sets the validator must accept. */
export const validParameterValues: fc.Arbitrary<ParameterValues> = inBoundsRecord.map(meetConstraints);

export const unknownKey = fc
  .oneof(
    fc.constantFrom(
      "reward.unknown",
      "Reward.perGbUploaded",
      "__proto__",
      "toString",
      "constructor",
      "",
      "gov",
    ),
    fc.string({ maxLength: 30 }),
  )
  .filter((key) => !isParameterKey(key));

const keyedEntry = fc
  .constantFrom(...PARAMETER_KEYS)
  .chain((key) => fc.tuple(fc.constant<string>(key), fc.oneof(inBoundsValue(key), invalidValue(key))));

/** Partial sets of proposed values: mostly known keys, valid or not, sometimes an unknown key. */
export const parameterChanges: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.oneof(
      { arbitrary: keyedEntry, weight: 6 },
      { arbitrary: fc.tuple(unknownKey, fc.anything()), weight: 1 },
    ),
    {
      maxLength: 6,
    },
  )
  .map((entries) => Object.fromEntries(entries));

/** Full-set candidates of every sort: valid, one thing wrong, several things wrong, constraints broken. */
export const anyParameterValues: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  validParameterValues,
  fc
    .tuple(validParameterValues, fc.constantFrom(...PARAMETER_KEYS))
    .chain(([values, key]) => invalidValue(key).map((value) => ({ ...values, [key]: value }))),
  fc
    .tuple(validParameterValues, fc.subarray([...PARAMETER_KEYS], { minLength: 1, maxLength: 3 }))
    .map(([values, missing]) =>
      Object.fromEntries(Object.entries(values).filter(([key]) => !missing.includes(key as ParameterKey))),
    ),
  fc
    .tuple(validParameterValues, unknownKey, fc.anything())
    .map(([values, key, value]) => Object.fromEntries([...Object.entries(values), [key, value]])),
  inBoundsRecord,
  fc.tuple(validParameterValues, parameterChanges).map(([values, changes]) => ({ ...values, ...changes })),
);
