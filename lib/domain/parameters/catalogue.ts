import { z } from "zod";
import { GOVERNANCE_PARAMETERS } from "@/lib/domain/parameters/governance-parameters";
import {
  PARAMETER_CATEGORIES,
  type ParameterCategory,
  type ParameterDefinition,
} from "@/lib/domain/parameters/parameter-definition";
import { REWARD_PARAMETERS } from "@/lib/domain/parameters/reward-parameters";
import { SELECTION_PARAMETERS } from "@/lib/domain/parameters/selection-parameters";

/** The parameter catalogue (docs/product.md), keyed by parameter key, in catalogue order. */
export const PARAMETERS = {
  ...REWARD_PARAMETERS,
  ...SELECTION_PARAMETERS,
  ...GOVERNANCE_PARAMETERS,
} as const satisfies Record<string, ParameterDefinition>;

export type ParameterKey = keyof typeof PARAMETERS;
export type ParameterValues = Record<ParameterKey, number>;

export const PARAMETER_KEYS = Object.keys(PARAMETERS) as readonly ParameterKey[];

export function isParameterKey(key: string): key is ParameterKey {
  return Object.hasOwn(PARAMETERS, key);
}

export function getParameter(key: ParameterKey): ParameterDefinition {
  return PARAMETERS[key];
}

export function defaultParameterValues(): ParameterValues {
  return Object.fromEntries(PARAMETER_KEYS.map((key) => [key, PARAMETERS[key].default])) as ParameterValues;
}

type ParameterShape = { [K in ParameterKey]: z.ZodNumber };

const parameterShape = Object.fromEntries(
  PARAMETER_KEYS.map((key) => [key, PARAMETERS[key].schema]),
) as ParameterShape;

/** A full parameter set (a config's `params`): every key, nothing else, each within its own bounds. */
export const parameterValuesSchema = z.strictObject(parameterShape);

/**
 * A stored or received config's `params`: like parameterValuesSchema, except that a parameter added to
 * the catalogue after the config was signed may be absent and then has its default.
 */
export const signedParameterValuesSchema = z.strictObject(
  Object.fromEntries(
    PARAMETER_KEYS.map((key) => {
      const { schema, addedLater, default: fallback }: ParameterDefinition = PARAMETERS[key];
      return [key, addedLater ? schema.default(fallback) : schema];
    }),
  ) as { [K in ParameterKey]: z.ZodNumber | z.ZodDefault<z.ZodNumber> },
);

/** A partial set of proposed values: known keys only, each within its own bounds. */
export const parameterChangesSchema = parameterValuesSchema.partial();

export function parametersByCategory(): { category: ParameterCategory; parameters: ParameterDefinition[] }[] {
  return PARAMETER_CATEGORIES.map((category) => ({
    category,
    parameters: PARAMETER_KEYS.map(getParameter).filter((parameter) => parameter.category === category.id),
  }));
}
