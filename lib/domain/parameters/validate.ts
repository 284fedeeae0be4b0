import {
  PARAMETER_KEYS,
  PARAMETERS,
  isParameterKey,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { CROSS_PARAMETER_CONSTRAINTS } from "@/lib/domain/parameters/constraints";
import {
  formatParameterLimit,
  formatParameterRange,
  formatParameterValue,
} from "@/lib/domain/parameters/format";

export type ParameterViolationCode =
  "unknown_parameter" | "invalid_type" | "not_integer" | "below_minimum" | "above_maximum" | "constraint";

export type ParameterViolation = {
  keys: ParameterKey[] | string[];
  code: ParameterViolationCode;
  /** Names the parameter by label and key and says the allowed range or limit. */
  message: string;
  limit?: number;
  constraintId?: string;
};

export type ParameterValidationResult =
  { ok: true; values: ParameterValues } | { ok: false; violations: ParameterViolation[] };

const named = (key: ParameterKey) => `${PARAMETERS[key].label} (${key})`;

function describeInput(key: ParameterKey, value: unknown): string {
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  if (typeof value === "number") {
    const isReadable = Number.isFinite(value) && PARAMETERS[key].kind === "share";
    return isReadable ? `${value} (${formatParameterValue(key, value)})` : String(value);
  }
  if (value === null || value === undefined) return "no value";
  return `a value of type ${Array.isArray(value) ? "array" : typeof value}`;
}

/** Every way one value breaks its parameter's type and bounds (empty when it is valid). */
function checkValue(key: ParameterKey, value: unknown): ParameterViolation[] {
  const parameter = PARAMETERS[key];
  const result = parameter.schema.safeParse(value);
  if (result.success) return [];
  const range = formatParameterRange(key);
  return result.error.issues.map((issue): ParameterViolation => {
    if (issue.code === "too_small") {
      return {
        keys: [key],
        code: "below_minimum",
        limit: parameter.min,
        message: `${named(key)} must be at least ${formatParameterLimit(key, parameter.min)}; allowed range ${range}; got ${describeInput(key, value)}.`,
      };
    }
    if (issue.code === "too_big") {
      return {
        keys: [key],
        code: "above_maximum",
        limit: parameter.max,
        message: `${named(key)} must be at most ${formatParameterLimit(key, parameter.max)}; allowed range ${range}; got ${describeInput(key, value)}.`,
      };
    }
    if (issue.code === "invalid_type" && issue.expected === "int") {
      return {
        keys: [key],
        code: "not_integer",
        message: `${named(key)} must be a whole number; allowed range ${range}; got ${describeInput(key, value)}.`,
      };
    }
    return {
      keys: [key],
      code: "invalid_type",
      message: `${named(key)} must be a finite number; allowed range ${range}; got ${describeInput(key, value)}.`,
    };
  });
}

function unknownParameter(key: string): ParameterViolation {
  const lookalike = PARAMETER_KEYS.find((known) => known.toLowerCase() === key.toLowerCase());
  const hint = lookalike
    ? ` Did you mean ${named(lookalike)}?`
    : " Remove it or use a key from the parameter catalogue.";
  return {
    keys: [key],
    code: "unknown_parameter",
    message: `${JSON.stringify(key)} is not a known parameter.${hint}`,
  };
}

/** Cross-parameter rules, skipping any rule that involves a key already reported as invalid. */
function checkConstraints(values: ParameterValues, invalidKeys: ReadonlySet<string>): ParameterViolation[] {
  return CROSS_PARAMETER_CONSTRAINTS.flatMap((constraint): ParameterViolation[] => {
    if (constraint.keys.some((key) => invalidKeys.has(key))) return [];
    const message = constraint.check(values);
    return message === null
      ? []
      : [{ keys: [...constraint.keys], code: "constraint", constraintId: constraint.id, message }];
  });
}

function settle(values: ParameterValues, violations: ParameterViolation[]): ParameterValidationResult {
  return violations.length === 0 ? { ok: true, values } : { ok: false, violations };
}

/** A full parameter set is valid when it has every known key, nothing else, each value in bounds, and meets every constraint. */
export function validateParameterValues(values: Record<string, unknown>): ParameterValidationResult {
  const violations = Object.keys(values)
    .filter((key) => !isParameterKey(key))
    .map(unknownParameter);
  const invalidKeys = new Set<string>();
  const accepted = {} as ParameterValues;
  for (const key of PARAMETER_KEYS) {
    if (!Object.hasOwn(values, key)) {
      invalidKeys.add(key);
      violations.push({
        keys: [key],
        code: "invalid_type",
        message: `${named(key)} is missing; a full parameter set needs every parameter (allowed range ${formatParameterRange(key)}, default ${formatParameterValue(key, PARAMETERS[key].default)}).`,
      });
      continue;
    }
    const value = values[key];
    const problems = checkValue(key, value);
    if (problems.length > 0) invalidKeys.add(key);
    violations.push(...problems);
    if (typeof value === "number") accepted[key] = value;
  }
  violations.push(...checkConstraints(accepted, invalidKeys));
  return settle(accepted, violations);
}

/** Proposed changes are valid when every changed key is known and in bounds, and the merged set meets every constraint. */
export function validateParameterChanges(
  current: ParameterValues,
  changes: Record<string, unknown>,
): ParameterValidationResult {
  const violations: ParameterViolation[] = [];
  const invalidKeys = new Set<string>();
  const merged = Object.fromEntries(PARAMETER_KEYS.map((key) => [key, current[key]])) as ParameterValues;
  for (const [key, value] of Object.entries(changes)) {
    if (!isParameterKey(key)) {
      violations.push(unknownParameter(key));
      continue;
    }
    const problems = checkValue(key, value);
    if (problems.length > 0) invalidKeys.add(key);
    violations.push(...problems);
    if (typeof value === "number") merged[key] = value;
  }
  violations.push(...checkConstraints(merged, invalidKeys));
  return settle(merged, violations);
}
