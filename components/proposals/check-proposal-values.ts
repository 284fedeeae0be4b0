import { validateProposalChanges } from "@/lib/domain/governance/proposal-changes";
import { PARAMETERS, type ParameterKey, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import { formatParameterRange } from "@/lib/domain/parameters/format";
import { fromInputText } from "./parameter-input";

export type ValueProblem = { keys: readonly string[]; message: string };

export type ValuesCheck = {
  /** The values that parsed, in the order the parameters were chosen. */
  changes: { key: ParameterKey; toValue: number }[];
  problems: ValueProblem[];
};

/**
 * Checks what was typed for each chosen parameter: a number, then the server's own rule for a
 * proposal's changes (in bounds, different from today, cross-parameter constraints met).
 */
export function checkProposalValues(
  current: ParameterValues,
  keys: readonly ParameterKey[],
  texts: Partial<Record<ParameterKey, string>>,
): ValuesCheck {
  const problems: ValueProblem[] = [];
  const changes: ValuesCheck["changes"] = [];
  for (const key of keys) {
    const { label, kind } = PARAMETERS[key];
    const value = fromInputText(kind, texts[key] ?? "");
    if (value === null) {
      problems.push({
        keys: [key],
        message: `Enter a number for ${label} (allowed range ${formatParameterRange(key)}).`,
      });
    } else {
      changes.push({ key, toValue: value });
    }
  }
  if (changes.length > 0) {
    const result = validateProposalChanges(current, changes);
    if (!result.ok) problems.push(...result.issues.map(({ keys, message }) => ({ keys, message })));
  }
  return { changes, problems };
}

/** The problems that concern one parameter, for the message next to its field. */
export function problemsFor(check: ValuesCheck, key: ParameterKey): ValueProblem[] {
  return check.problems.filter((problem) => problem.keys.includes(key));
}
