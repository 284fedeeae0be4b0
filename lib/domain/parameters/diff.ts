import { PARAMETER_KEYS, type ParameterKey, type ParameterValues } from "@/lib/domain/parameters/catalogue";

export type ParameterChange = { key: ParameterKey; from: number; to: number };

/** The parameters whose value differs between two full sets, in catalogue order. */
export function diffParameterValues(previous: ParameterValues, next: ParameterValues): ParameterChange[] {
  return PARAMETER_KEYS.filter((key) => previous[key] !== next[key]).map((key) => ({
    key,
    from: previous[key],
    to: next[key],
  }));
}
