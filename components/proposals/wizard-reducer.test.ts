import { describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  checkWizard,
  firstBlockedStep,
  initialWizardState,
  serverErrorSteps,
  shownTextErrors,
  shownValueKeys,
  stepProblems,
  wizardReducer,
  type WizardAction,
  type WizardDraft,
  type WizardState,
} from "./wizard-reducer";

const current = defaultParameterValues();

const validText = {
  title: "Pay more for serving data",
  summary: "Raise the pay per GB so that sharing pays.",
  rationale: "Home nodes earn too little today for the data they serve.",
};

const draft: WizardDraft = {
  proposalId: "proposal-1",
  ...validText,
  changes: [
    { key: "selection.weightSpeed", toValue: 0.5 },
    { key: "no.such.parameter", toValue: 3 },
    { key: "freeRider.graceDays", toValue: 14 },
  ],
};

/** The state as if the wizard had just reached `step`. */
function onStep(state: WizardState, step: WizardState["step"]): WizardState {
  return { ...state, step, furthest: step };
}

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
  return actions.reduce(wizardReducer, state);
}

/** A new proposal with one valid change and valid texts, on the given step. */
function readyToSave(step: WizardState["step"] = 3): WizardState {
  return {
    ...run(
      initialWizardState(),
      { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
      { type: "setValue", key: "reward.perGbUploaded", text: "1.5" },
      { type: "setText", field: "title", value: validText.title },
      { type: "setText", field: "summary", value: validText.summary },
      { type: "setText", field: "rationale", value: validText.rationale },
    ),
    step,
    furthest: 3,
  };
}

describe("initialWizardState", () => {
  it("starts a new proposal empty on the first step, with only that step reachable", () => {
    expect(initialWizardState()).toMatchObject({
      step: 0,
      furthest: 0,
      chosenKeys: [],
      valueTexts: {},
      proposalText: { title: "", summary: "", rationale: "" },
      proposalId: null,
      serverError: null,
      saving: null,
    });
  });

  it("loads a draft with its known parameters as typed text, every step reachable", () => {
    const state = initialWizardState(draft);
    expect(state).toMatchObject({
      step: 0,
      furthest: 3,
      chosenKeys: ["selection.weightSpeed", "freeRider.graceDays"],
      valueTexts: { "selection.weightSpeed": "50", "freeRider.graceDays": "14" },
      proposalText: validText,
      proposalId: "proposal-1",
    });
    expect([...state.touchedValueKeys]).toEqual(["selection.weightSpeed", "freeRider.graceDays"]);
    expect(state.touchedTextFields.size).toBe(0);
  });
});

describe("choosing parameters and setting values", () => {
  const cases: {
    name: string;
    start?: WizardState;
    actions: WizardAction[];
    chosenKeys: string[];
    valueTexts: Record<string, string>;
  }[] = [
    {
      name: "choosing a parameter fills its field with the value in force now",
      actions: [{ type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current }],
      chosenKeys: ["reward.perGbUploaded"],
      valueTexts: { "reward.perGbUploaded": "1" },
    },
    {
      name: "a share's field is in percent",
      actions: [{ type: "toggleParameter", key: "selection.weightSpeed", isChosen: true, current }],
      chosenKeys: ["selection.weightSpeed"],
      valueTexts: { "selection.weightSpeed": "40" },
    },
    {
      name: "parameters keep the order they were chosen in",
      actions: [
        { type: "toggleParameter", key: "freeRider.graceDays", isChosen: true, current },
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
      ],
      chosenKeys: ["freeRider.graceDays", "reward.perGbUploaded"],
      valueTexts: { "freeRider.graceDays": "7", "reward.perGbUploaded": "1" },
    },
    {
      name: "unchoosing drops the parameter but keeps what was typed",
      actions: [
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
        { type: "setValue", key: "reward.perGbUploaded", text: "2.5" },
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: false, current },
      ],
      chosenKeys: [],
      valueTexts: { "reward.perGbUploaded": "2.5" },
    },
    {
      name: "choosing an unchosen parameter again restores its typed value",
      actions: [
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
        { type: "setValue", key: "reward.perGbUploaded", text: "2.5" },
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: false, current },
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
      ],
      chosenKeys: ["reward.perGbUploaded"],
      valueTexts: { "reward.perGbUploaded": "2.5" },
    },
    {
      name: "adding a parameter a rule ties in appends it once, at its value in force now",
      actions: [
        { type: "toggleParameter", key: "selection.weightSpeed", isChosen: true, current },
        { type: "addParameter", key: "selection.weightReliability", current },
        { type: "addParameter", key: "selection.weightReliability", current },
      ],
      chosenKeys: ["selection.weightSpeed", "selection.weightReliability"],
      valueTexts: {
        "selection.weightSpeed": "40",
        "selection.weightReliability": "30",
      },
    },
    {
      name: "removing a parameter on the values step keeps the others",
      start: initialWizardState(draft),
      actions: [{ type: "removeParameter", key: "selection.weightSpeed" }],
      chosenKeys: ["freeRider.graceDays"],
      valueTexts: { "selection.weightSpeed": "50", "freeRider.graceDays": "14" },
    },
    {
      name: "typing a value replaces the field's text",
      start: initialWizardState(draft),
      actions: [{ type: "setValue", key: "freeRider.graceDays", text: "30" }],
      chosenKeys: ["selection.weightSpeed", "freeRider.graceDays"],
      valueTexts: { "selection.weightSpeed": "50", "freeRider.graceDays": "30" },
    },
  ];

  it.each(cases)("$name", ({ start = initialWizardState(), actions, chosenKeys, valueTexts }) => {
    const state = run(start, ...actions);
    expect(state.chosenKeys).toEqual(chosenKeys);
    expect(state.valueTexts).toEqual(valueTexts);
  });

  it("marks a typed value as touched and clears the server's message about the changes, not the others", () => {
    const start: WizardState = {
      ...initialWizardState(),
      serverError: { message: "Refused", fieldErrors: { changes: ["Too many"], title: ["Taken"] } },
    };
    const state = run(start, { type: "setValue", key: "reward.perGbUploaded", text: "2" });
    expect([...state.touchedValueKeys]).toEqual(["reward.perGbUploaded"]);
    expect(state.serverError?.fieldErrors).toEqual({ changes: undefined, title: ["Taken"] });
  });

  it("marks a typed text field as touched and clears only that field's server message", () => {
    const start: WizardState = {
      ...initialWizardState(),
      serverError: { message: "Refused", fieldErrors: { title: ["Taken"], summary: ["Too long"] } },
    };
    const state = run(start, { type: "setText", field: "title", value: "A new title" });
    expect(state.proposalText.title).toBe("A new title");
    expect([...state.touchedTextFields]).toEqual(["title"]);
    expect(state.serverError?.fieldErrors).toEqual({ title: undefined, summary: ["Too long"] });
  });
});

describe("step navigation", () => {
  const cases: {
    name: string;
    start: WizardState;
    action: WizardAction;
    step: number;
    furthest: number;
    refusedSteps: number[];
  }[] = [
    {
      name: "Next without a chosen parameter stays and refuses the step",
      start: initialWizardState(),
      action: { type: "next", current },
      step: 0,
      furthest: 0,
      refusedSteps: [0],
    },
    {
      name: "Next with a chosen parameter goes to the values and reaches them",
      start: run(initialWizardState(), {
        type: "toggleParameter",
        key: "reward.perGbUploaded",
        isChosen: true,
        current,
      }),
      action: { type: "next", current },
      step: 1,
      furthest: 1,
      refusedSteps: [],
    },
    {
      name: "Next with a value out of range stays on the values",
      start: onStep(
        run(
          initialWizardState(),
          { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
          { type: "setValue", key: "reward.perGbUploaded", text: "150" },
        ),
        1,
      ),
      action: { type: "next", current },
      step: 1,
      furthest: 1,
      refusedSteps: [1],
    },
    {
      name: "Next with a value equal to today's stays on the values",
      start: onStep(
        run(initialWizardState(), {
          type: "toggleParameter",
          key: "reward.perGbUploaded",
          isChosen: true,
          current,
        }),
        1,
      ),
      action: { type: "next", current },
      step: 1,
      furthest: 1,
      refusedSteps: [1],
    },
    {
      name: "Next with the server's objection to the changes stays until a value is edited",
      start: {
        ...readyToSave(1),
        serverError: { message: "Refused", fieldErrors: { changes: ["Already proposed"] } },
      },
      action: { type: "next", current },
      step: 1,
      furthest: 3,
      refusedSteps: [1],
    },
    {
      name: "Next with valid values goes on to the texts",
      start: onStep(readyToSave(), 1),
      action: { type: "next", current },
      step: 2,
      furthest: 2,
      refusedSteps: [],
    },
    {
      name: "Next with a summary too short stays on the texts",
      start: onStep(run(initialWizardState(draft), { type: "setText", field: "summary", value: "short" }), 2),
      action: { type: "next", current },
      step: 2,
      furthest: 2,
      refusedSteps: [2],
    },
    {
      name: "the last step has no Next",
      start: readyToSave(),
      action: { type: "next", current },
      step: 3,
      furthest: 3,
      refusedSteps: [],
    },
    {
      name: "going back keeps how far the wizard got",
      start: readyToSave(),
      action: { type: "goTo", step: 1 },
      step: 1,
      furthest: 3,
      refusedSteps: [],
    },
    {
      name: "a step not reached yet cannot be jumped to",
      start: initialWizardState(),
      action: { type: "goTo", step: 2 },
      step: 0,
      furthest: 0,
      refusedSteps: [],
    },
  ];

  it.each(cases)("$name", ({ start, action, step, furthest, refusedSteps }) => {
    const state = wizardReducer(start, action);
    expect(state.step).toBe(step);
    expect(state.furthest).toBe(furthest);
    expect([...state.refusedSteps]).toEqual(refusedSteps);
  });

  it("a refused Next on the texts switches the rationale back to writing when it has a problem", () => {
    const start: WizardState = { ...onStep(initialWizardState(), 2), rationaleTab: "preview" };
    expect(wizardReducer(start, { type: "next", current }).rationaleTab).toBe("write");

    const validRationale = run(start, { type: "setText", field: "rationale", value: validText.rationale });
    expect(wizardReducer(validRationale, { type: "next", current }).rationaleTab).toBe("preview");
  });
});

describe("saving", () => {
  it.each([
    {
      name: "with nothing chosen, on the first step",
      start: { ...initialWizardState(draft), chosenKeys: [] },
      step: 0,
    },
    {
      name: "with a value that is not a number, on the values",
      start: run(readyToSave(), { type: "setValue", key: "reward.perGbUploaded", text: "abc" }),
      step: 1,
    },
    {
      name: "with a title too short, on the texts",
      start: run(readyToSave(), { type: "setText", field: "title", value: "Pay" }),
      step: 2,
    },
  ])("is refused $name, which it goes to and marks as refused", ({ start, step }) => {
    const state = wizardReducer(start, { type: "save", intent: "publish", current });
    expect(state.step).toBe(step);
    expect(state.refusedSteps.has(step as WizardState["step"])).toBe(true);
    expect(state.saving).toBeNull();
  });

  it("starts saving when every step is valid, clearing the last server error", () => {
    const start: WizardState = { ...readyToSave(), serverError: { message: "Offline", fieldErrors: {} } };
    const state = wizardReducer(start, { type: "save", intent: "draft", current });
    expect(state).toMatchObject({ step: 3, saving: "draft", serverError: null });
  });

  it.each<{ name: string; action: WizardAction; expected: Partial<WizardState> }>([
    {
      name: "a saved draft remembers its id so the next save updates it",
      action: { type: "draftSaved", proposalId: "proposal-9" },
      expected: { proposalId: "proposal-9", saving: "publish" },
    },
    {
      name: "a failed save shows the server's error and lets you try again",
      action: { type: "saveFailed", error: { message: "Too many drafts.", fieldErrors: {} } },
      expected: { serverError: { message: "Too many drafts.", fieldErrors: {} }, saving: null },
    },
    {
      name: "a failed publish says the draft is saved",
      action: {
        type: "publishFailed",
        error: { message: "Three proposals are in discussion.", fieldErrors: { title: ["Taken"] } },
      },
      expected: {
        serverError: {
          message: "Your draft is saved, but it was not published: Three proposals are in discussion.",
          fieldErrors: { title: ["Taken"] },
        },
        saving: null,
      },
    },
  ])("$name", ({ action, expected }) => {
    const saving = wizardReducer(readyToSave(), { type: "save", intent: "publish", current });
    expect(wizardReducer(saving, action)).toMatchObject(expected);
  });
});

describe("what the wizard shows", () => {
  it("lists only the problems of touched fields until the step is refused, then all of them", () => {
    const state = onStep(
      run(
        initialWizardState(),
        { type: "toggleParameter", key: "reward.perGbUploaded", isChosen: true, current },
        { type: "toggleParameter", key: "freeRider.graceDays", isChosen: true, current },
        { type: "setValue", key: "freeRider.graceDays", text: "" },
      ),
      1,
    );
    const checks = checkWizard(state, current);
    expect(stepProblems(state, checks, 1, { all: false })).toEqual([
      {
        message: expect.stringContaining("Enter a number for Grace period"),
        fieldId: "value-freeRider.graceDays",
      },
    ]);
    expect([...shownValueKeys(state)]).toEqual(["freeRider.graceDays"]);

    const refused = wizardReducer(state, { type: "next", current });
    expect(stepProblems(refused, checks, 1, { all: false }).map((problem) => problem.fieldId)).toEqual([
      "value-freeRider.graceDays",
      "value-reward.perGbUploaded",
    ]);
    expect([...shownValueKeys(refused)]).toEqual(["reward.perGbUploaded", "freeRider.graceDays"]);
  });

  it("shows a text field's own problems once touched, with the server's after them", () => {
    const state: WizardState = {
      ...run(initialWizardState(), { type: "setText", field: "title", value: "Pay" }),
      serverError: { message: "Refused", fieldErrors: { title: ["Taken"], rationale: ["Not allowed"] } },
    };
    expect(shownTextErrors(state, checkWizard(state, current))).toEqual({
      title: [expect.stringMatching(/^Title needs at least 5 characters/), "Taken"],
      summary: [],
      rationale: ["Not allowed"],
    });
  });

  it.each([
    { fieldErrors: {}, steps: [] },
    { fieldErrors: { changes: ["Already proposed"] }, steps: [1] },
    { fieldErrors: { summary: ["Too long"] }, steps: [2] },
    { fieldErrors: { changes: ["Already proposed"], rationale: ["Not allowed"] }, steps: [1, 2] },
    { fieldErrors: { changes: [] }, steps: [] },
  ])("offers a way back to the steps the server refused: $fieldErrors", ({ fieldErrors, steps }) => {
    const state: WizardState = { ...readyToSave(), serverError: { message: "Refused", fieldErrors } };
    expect(serverErrorSteps(state)).toEqual(steps);
  });

  it("finds the first step that blocks saving", () => {
    expect(firstBlockedStep(readyToSave(), checkWizard(readyToSave(), current))).toBeNull();
    const badTitle = run(readyToSave(), { type: "setText", field: "title", value: "" });
    expect(firstBlockedStep(badTitle, checkWizard(badTitle, current))).toBe(2);
  });
});

describe("a wizard prefilled from Explore", () => {
  const prefill = [
    { key: "selection.explorationRate", toValue: 0.3 },
    { key: "reward.perGbUploaded", toValue: 0.4 },
  ];

  it("opens on the values step with the suggested values chosen and set, and the texts empty", () => {
    const state = initialWizardState(undefined, prefill);
    expect(state).toMatchObject({ step: 1, furthest: 1, proposalId: null });
    expect(state.chosenKeys).toEqual(["selection.explorationRate", "reward.perGbUploaded"]);
    expect(state.valueTexts).toEqual({ "selection.explorationRate": "30", "reward.perGbUploaded": "0.4" });
    expect(state.proposalText).toEqual({ title: "", summary: "", rationale: "" });
    const checks = checkWizard(state, current);
    expect(checks.values.changes).toEqual(prefill);
    expect(stepProblems(state, checks, 1, { all: true })).toEqual([]);
    // The person still has to explain the proposal before it can be saved.
    expect(firstBlockedStep(state, checks)).toBe(2);
  });

  it("starts empty on the first step without suggested values, and a draft's own changes win", () => {
    expect(initialWizardState(undefined, [])).toMatchObject({ step: 0, furthest: 0, chosenKeys: [] });
    expect(initialWizardState(draft, prefill).chosenKeys).toEqual([
      "selection.weightSpeed",
      "freeRider.graceDays",
    ]);
  });
});
