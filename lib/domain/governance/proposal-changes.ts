import { DomainError } from "@/lib/domain/errors";
import { PROPOSAL_CHANGE_COUNT } from "@/lib/domain/governance/proposal-limits";
import {
  PARAMETERS,
  isParameterKey,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { PARAMETER_CATEGORIES, type ParameterCategoryId } from "@/lib/domain/parameters/parameter-definition";
import {
  describeParameterChange,
  formatParameterChangeSize,
  formatParameterValue,
} from "@/lib/domain/parameters/format";
import { validateParameterChanges } from "@/lib/domain/parameters/validate";

export type ProposalChangeInput = { key: string; toValue: number };

/** One problem with a proposal's changes: the parameters it concerns and, when one applies, the form field. */
export type ProposalChangeIssue = { keys: string[]; message: string; field: string | null };

export type ProposalChangeValidation =
  | { ok: true; changes: { key: ParameterKey; toValue: number }[] }
  | { ok: false; issues: ProposalChangeIssue[] };

const named = (key: ParameterKey) => `${PARAMETERS[key].label} (${key})`;

/**
 * A proposal's changes are valid when there are 1–10 of them, each names a known parameter once, each
 * new value is within that parameter's bounds and differs from its current value, and the current
 * values with all changes applied meet every cross-parameter constraint.
 */
export function validateProposalChanges(
  current: ParameterValues,
  changes: readonly ProposalChangeInput[],
): ProposalChangeValidation {
  const issues: ProposalChangeIssue[] = [];
  const { min, max } = PROPOSAL_CHANGE_COUNT;
  if (changes.length < min || changes.length > max) {
    issues.push({
      keys: [],
      field: "changes",
      message: `A proposal changes from ${min} to ${max} parameters; this one has ${changes.length}. ${changes.length < min ? "Add a parameter to change." : "Split it into several proposals."}`,
    });
  }
  const seen = new Set<string>();
  const accepted: Partial<Record<ParameterKey, number>> = {};
  const fieldOf = new Map<string, number>();
  changes.forEach(({ key, toValue }, index) => {
    if (!isParameterKey(key)) {
      issues.push({
        keys: [key],
        field: `changes.${index}.key`,
        message: `${JSON.stringify(key)} is not a known parameter. Choose one from the parameter catalogue.`,
      });
      return;
    }
    if (seen.has(key)) {
      issues.push({
        keys: [key],
        field: `changes.${index}.key`,
        message: `${named(key)} appears more than once. Change each parameter only once per proposal.`,
      });
      return;
    }
    seen.add(key);
    fieldOf.set(key, index);
    const single = validateParameterChanges(current, { [key]: toValue });
    const ownProblems = single.ok
      ? []
      : single.violations.filter((violation) => violation.code !== "constraint");
    if (ownProblems.length > 0) {
      for (const problem of ownProblems) {
        issues.push({ keys: [key], field: `changes.${index}.toValue`, message: problem.message });
      }
      return;
    }
    if (current[key] === toValue) {
      issues.push({
        keys: [key],
        field: `changes.${index}.toValue`,
        message: `${named(key)} is already ${formatParameterValue(key, toValue)}. Choose a different value or remove this change.`,
      });
      return;
    }
    accepted[key] = toValue;
  });
  const merged = validateParameterChanges(current, accepted);
  if (!merged.ok) {
    for (const violation of merged.violations) {
      const index = violation.keys.map((key) => fieldOf.get(key)).find((found) => found !== undefined);
      issues.push({
        keys: [...violation.keys],
        field: index === undefined ? "changes" : `changes.${index}.toValue`,
        message: violation.message,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    changes: changes.map(({ key, toValue }) => ({ key: key as ParameterKey, toValue })),
  };
}

/** A change as a proposal stores it: `fromValue` is the parameter's value at the proposal's base version. */
export type ProposalChangeRow = {
  key: ParameterKey;
  category: ParameterCategoryId;
  fromValue: number;
  toValue: number;
};

/**
 * The changes as rows to store against `current` when validateProposalChanges accepts them; otherwise a
 * DomainError with `code` listing every problem, then `nextStep` when the problems' own advice does not apply.
 */
export function checkedProposalChanges(
  current: ParameterValues,
  changes: readonly ProposalChangeInput[],
  { code, nextStep = null }: { code: "BAD_INPUT" | "UNPROCESSABLE"; nextStep?: string | null },
): ProposalChangeRow[] {
  const validation = validateProposalChanges(current, changes);
  if (!validation.ok) {
    const { issues } = validation;
    const count = issues.length === 1 ? "a problem" : `${issues.length} problems`;
    const messages = [...issues.map((issue) => issue.message), ...(nextStep ? [nextStep] : [])];
    throw new DomainError(code, `The proposed changes have ${count}: ${messages.join(" ")}`, {
      violations: issues,
    });
  }
  return validation.changes.map(({ key, toValue }) => ({
    key,
    category: PARAMETERS[key].category,
    fromValue: current[key],
    toValue,
  }));
}

/** The change-size text ("+20 %", "+5 percentage points") and the plain-language sentence, from the current value. */
export function describeProposalChange(
  key: ParameterKey,
  currentValue: number,
  toValue: number,
): { label: string; changeText: string | null; sentence: string } {
  return {
    label: PARAMETERS[key].label,
    changeText: formatParameterChangeSize(key, currentValue, toValue),
    sentence: describeParameterChange(key, currentValue, toValue),
  };
}

/** The categories a set of changes touches, in catalogue order. */
export function categoriesOfChanges(keys: readonly string[]): ParameterCategoryId[] {
  const touched = new Set(keys.filter(isParameterKey).map((key) => PARAMETERS[key].category));
  return PARAMETER_CATEGORIES.map((category) => category.id).filter((id) => touched.has(id));
}

/**
 * A proposal must be confirmed by its author when `current` (the active config version, or the newest
 * issued one that changes build on) is newer than its base and some parameter it changes has a
 * different value there than at the base.
 */
export function needsBaseConfirmation(
  proposal: { baseVersion: number; changes: readonly { key: string; fromValue: number }[] },
  current: { version: number; params: ParameterValues },
): boolean {
  if (current.version <= proposal.baseVersion) return false;
  return proposal.changes.some(
    (change) => isParameterKey(change.key) && current.params[change.key] !== change.fromValue,
  );
}
