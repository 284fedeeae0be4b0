import {
  PARAMETERS,
  type ParameterKey,
  type ParameterValues,
  isParameterKey,
} from "@/lib/domain/parameters/catalogue";
import { checkProposalValues, type ValuesCheck } from "./check-proposal-values";
import type { RationaleTab, TextField, TextValues } from "./describe-proposal-step";
import { toInputText } from "./parameter-input";
import { textFieldId, valueFieldId } from "./proposal-field-ids";
import { checkProposalText } from "./proposal-text-checks";

export type StepIndex = 0 | 1 | 2 | 3;
export type SaveIntent = "draft" | "publish";
export type Problem = { message: string; fieldId: string | null };
export type ServerError = { message: string; fieldErrors: Record<string, string[] | undefined> };

export type WizardDraft = {
  proposalId: string;
  title: string;
  summary: string;
  rationale: string;
  changes: readonly { key: string; toValue: number }[];
};

export type WizardState = {
  step: StepIndex;
  /** The furthest step reached: the step list lets you go to any step up to it. */
  furthest: StepIndex;
  /** In the order they were chosen, which is the order of the proposal's changes. */
  chosenKeys: ParameterKey[];
  /** What was typed per parameter, kept when a parameter is unchosen so choosing it again restores it. */
  valueTexts: Partial<Record<ParameterKey, string>>;
  touchedValueKeys: ReadonlySet<ParameterKey>;
  proposalText: TextValues;
  touchedTextFields: ReadonlySet<TextField>;
  /** Steps whose "Next" (or save) was refused: from then on they show every problem, touched or not. */
  refusedSteps: ReadonlySet<StepIndex>;
  rationaleTab: RationaleTab;
  /** Set once the draft is saved, so saving again updates it instead of creating another. */
  proposalId: string | null;
  serverError: ServerError | null;
  saving: SaveIntent | null;
};

export type WizardAction =
  | { type: "toggleParameter"; key: ParameterKey; isChosen: boolean; current: ParameterValues }
  | { type: "addParameter"; key: ParameterKey; current: ParameterValues }
  | { type: "removeParameter"; key: ParameterKey }
  | { type: "setValue"; key: ParameterKey; text: string }
  | { type: "setText"; field: TextField; value: string }
  | { type: "setRationaleTab"; tab: RationaleTab }
  | { type: "goTo"; step: StepIndex }
  | { type: "next"; current: ParameterValues }
  | { type: "save"; intent: SaveIntent; current: ParameterValues }
  | { type: "draftSaved"; proposalId: string }
  | { type: "saveFailed"; error: ServerError }
  | { type: "publishFailed"; error: ServerError };

export type WizardChecks = { values: ValuesCheck; text: Partial<Record<TextField, string[]>> };

const LAST_STEP: StepIndex = 3;
const TEXT_FIELDS = ["title", "summary", "rationale"] as const satisfies readonly TextField[];

/** Values to start a new proposal with (Explore's "Start a proposal from this"); the texts stay empty. */
export type WizardPrefill = readonly { key: string; toValue: number }[];

/**
 * A new proposal starts empty on the first step; a draft opens with its changes and texts and every step
 * reachable; a prefilled one opens on the values step with its values chosen and set.
 */
export function initialWizardState(draft?: WizardDraft, prefill?: WizardPrefill): WizardState {
  const given = draft?.changes ?? (prefill && prefill.length > 0 ? prefill : []);
  const changes = given.filter((change): change is { key: ParameterKey; toValue: number } =>
    isParameterKey(change.key),
  );
  const chosenKeys = changes.map((change) => change.key);
  const isPrefilled = !draft && chosenKeys.length > 0;
  return {
    step: isPrefilled ? 1 : 0,
    furthest: draft ? LAST_STEP : isPrefilled ? 1 : 0,
    chosenKeys,
    valueTexts: Object.fromEntries(
      changes.map(({ key, toValue }) => [key, toInputText(PARAMETERS[key].kind, toValue)]),
    ),
    touchedValueKeys: new Set(chosenKeys),
    proposalText: {
      title: draft?.title ?? "",
      summary: draft?.summary ?? "",
      rationale: draft?.rationale ?? "",
    },
    touchedTextFields: new Set(),
    refusedSteps: new Set(),
    rationaleTab: "write",
    proposalId: draft?.proposalId ?? null,
    serverError: null,
    saving: null,
  };
}

export function checkWizard(state: WizardState, current: ParameterValues): WizardChecks {
  return {
    values: checkProposalValues(current, state.chosenKeys, state.valueTexts),
    text: checkProposalText(state.proposalText),
  };
}

/** The field a problem points to: its first parameter that is in this proposal. */
function problemFieldId(state: WizardState, problemKeys: readonly string[]): string | null {
  const key = problemKeys.find((candidate): candidate is ParameterKey =>
    state.chosenKeys.includes(candidate as ParameterKey),
  );
  return key ? valueFieldId(key) : null;
}

/** A step's problems: with `all` (or once the step was refused) every one, else only those of touched fields. */
export function stepProblems(
  state: WizardState,
  checks: WizardChecks,
  index: StepIndex,
  { all }: { all: boolean },
): Problem[] {
  const showAll = all || state.refusedSteps.has(index);
  if (index === 0) {
    return state.chosenKeys.length === 0 && showAll
      ? [{ message: "Choose at least one rule to change.", fieldId: null }]
      : [];
  }
  if (index === 1) {
    const fromServer = (state.serverError?.fieldErrors.changes ?? []).map((message) => ({
      message,
      fieldId: null,
    }));
    const local = checks.values.problems
      .filter(
        (problem) => showAll || problem.keys.some((key) => state.touchedValueKeys.has(key as ParameterKey)),
      )
      .map((problem) => ({ message: problem.message, fieldId: problemFieldId(state, problem.keys) }));
    return [...local, ...fromServer];
  }
  if (index === 2) {
    return (Object.keys(checks.text) as TextField[]).flatMap((field) =>
      showAll || state.touchedTextFields.has(field)
        ? (checks.text[field] ?? []).map((message) => ({ message, fieldId: textFieldId(field) }))
        : [],
    );
  }
  return [];
}

/** The first step that cannot be left as it is: saving sends you there. */
export function firstBlockedStep(state: WizardState, checks: WizardChecks): StepIndex | null {
  return (
    ([0, 1, 2] as const).find((index) => stepProblems(state, checks, index, { all: true }).length > 0) ?? null
  );
}

/** The messages under each text field: the local checks once shown, and whatever the server refused. */
export function shownTextErrors(state: WizardState, checks: WizardChecks): Record<TextField, string[]> {
  return Object.fromEntries(
    TEXT_FIELDS.map((field) => [
      field,
      [
        ...(state.refusedSteps.has(2) || state.touchedTextFields.has(field)
          ? (checks.text[field] ?? [])
          : []),
        ...(state.serverError?.fieldErrors[field] ?? []),
      ],
    ]),
  ) as Record<TextField, string[]>;
}

/** The value fields whose problems show: the touched ones, or all once the values step was refused. */
export function shownValueKeys(state: WizardState): ReadonlySet<ParameterKey> {
  return state.refusedSteps.has(1) ? new Set(state.chosenKeys) : state.touchedValueKeys;
}

/** The steps holding fields the server refused, so the error can offer a way back to each. */
export function serverErrorSteps(state: WizardState): StepIndex[] {
  const fieldErrors = state.serverError?.fieldErrors;
  if (!fieldErrors) return [];
  return [
    fieldErrors.changes?.length ? 1 : null,
    TEXT_FIELDS.some((field) => fieldErrors[field]?.length) ? 2 : null,
  ].filter((index) => index !== null) as StepIndex[];
}

function moveTo(state: WizardState, step: StepIndex): WizardState {
  return { ...state, step, furthest: step > state.furthest ? step : state.furthest };
}

function refuse(state: WizardState, step: StepIndex): WizardState {
  return { ...state, refusedSteps: new Set(state.refusedSteps).add(step) };
}

/** A newly chosen parameter's field starts at the value in force now, unless something was typed before. */
function withValueText(state: WizardState, key: ParameterKey, current: ParameterValues): WizardState {
  if (state.valueTexts[key] !== undefined) return state;
  return {
    ...state,
    valueTexts: { ...state.valueTexts, [key]: toInputText(PARAMETERS[key].kind, current[key]) },
  };
}

/** A field the server refused is cleared of that message as soon as it is edited. */
function withoutServerErrors(state: WizardState, field: string): WizardState {
  const { serverError } = state;
  if (!serverError?.fieldErrors[field]) return state;
  return {
    ...state,
    serverError: { ...serverError, fieldErrors: { ...serverError.fieldErrors, [field]: undefined } },
  };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case "toggleParameter": {
      const others = state.chosenKeys.filter((key) => key !== action.key);
      if (!action.isChosen) return { ...state, chosenKeys: others };
      return withValueText({ ...state, chosenKeys: [...others, action.key] }, action.key, action.current);
    }
    case "addParameter": {
      const chosenKeys = state.chosenKeys.includes(action.key)
        ? state.chosenKeys
        : [...state.chosenKeys, action.key];
      return withValueText({ ...state, chosenKeys }, action.key, action.current);
    }
    case "removeParameter":
      return { ...state, chosenKeys: state.chosenKeys.filter((key) => key !== action.key) };
    case "setValue":
      return withoutServerErrors(
        {
          ...state,
          valueTexts: { ...state.valueTexts, [action.key]: action.text },
          touchedValueKeys: new Set(state.touchedValueKeys).add(action.key),
        },
        "changes",
      );
    case "setText":
      return withoutServerErrors(
        {
          ...state,
          proposalText: { ...state.proposalText, [action.field]: action.value },
          touchedTextFields: new Set(state.touchedTextFields).add(action.field),
        },
        action.field,
      );
    case "setRationaleTab":
      return { ...state, rationaleTab: action.tab };
    case "goTo":
      return action.step > state.furthest ? state : moveTo(state, action.step);
    case "next": {
      if (state.step === LAST_STEP) return state;
      const checks = checkWizard(state, action.current);
      if (stepProblems(state, checks, state.step, { all: true }).length === 0) {
        return moveTo(state, (state.step + 1) as StepIndex);
      }
      const refused = refuse(state, state.step);
      // The problem summary links to the rationale field, which only the "write" tab shows.
      return state.step === 2 && checks.text.rationale?.length
        ? { ...refused, rationaleTab: "write" }
        : refused;
    }
    case "save": {
      const blocked = firstBlockedStep(state, checkWizard(state, action.current));
      if (blocked !== null) return moveTo(refuse(state, blocked), blocked);
      return { ...state, saving: action.intent, serverError: null };
    }
    case "draftSaved":
      return { ...state, proposalId: action.proposalId };
    case "saveFailed":
      return { ...state, serverError: action.error, saving: null };
    case "publishFailed":
      return {
        ...state,
        serverError: {
          message: `Your draft is saved, but it was not published: ${action.error.message}`,
          fieldErrors: action.error.fieldErrors,
        },
        saving: null,
      };
  }
}
