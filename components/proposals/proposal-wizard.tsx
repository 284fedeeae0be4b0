"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useReducer, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/server";
import { checkProposalValues } from "./check-proposal-values";
import { ChooseParametersStep } from "./choose-parameters-step";
import { DescribeProposalStep } from "./describe-proposal-step";
import { valueFieldId } from "./proposal-field-ids";
import { checkProposalText, MAX_PROPOSAL_CHANGES, PROPOSAL_TEXT_LIMITS } from "./proposal-text-checks";
import { ReviewProposalStep } from "./review-proposal-step";
import { SetValuesStep } from "./set-values-step";
import { WizardProblemSummary } from "./wizard-problem-summary";
import {
  firstBlockedStep,
  initialWizardState,
  serverErrorSteps,
  shownTextErrors,
  shownValueKeys,
  stepProblems,
  wizardReducer,
  type SaveIntent,
  type ServerError,
  type StepIndex,
  type WizardChecks,
  type WizardDraft,
  type WizardPrefill,
} from "./wizard-reducer";
import { WIZARD_STEPS, WizardStepNav } from "./wizard-step-nav";

export type WizardCatalogue = RouterOutputs["parameters"]["catalogue"];
export type WizardParameter = WizardCatalogue["categories"][number]["parameters"][number];

function serverErrorFrom(error: unknown): ServerError {
  const shaped = error as { message?: string; data?: { fieldErrors?: Record<string, string[]> | null } };
  return {
    message: shaped.message ?? "Something went wrong. Check your connection and try again.",
    fieldErrors: shaped.data?.fieldErrors ?? {},
  };
}

/** Where a prefilled wizard's values came from (Explore), or why they could not be used. */
export type WizardPrefillNotice =
  { status: "ok"; changes: WizardPrefill; goalTitle: string | null } | { status: "invalid"; message: string };

function PrefillNotice({ notice }: { notice: WizardPrefillNotice }) {
  if (notice.status === "invalid") {
    return (
      <div role="alert" className="mb-6 rounded-md border-2 border-danger-fg bg-danger-bg p-4 text-danger-fg">
        <p className="font-semibold">
          The suggested values could not be filled in, so the wizard starts empty.
        </p>
        <p className="mt-1">{notice.message}</p>
      </div>
    );
  }
  return (
    <div role="note" className="mb-6 rounded-md border border-info-fg bg-info-bg p-4 text-info-fg">
      <p className="font-semibold">
        {notice.goalTitle
          ? `Filled in from Explore’s suggestion for “${notice.goalTitle}”.`
          : "Filled in from a suggestion."}
      </p>
      <p className="mt-1">
        Check the values, then explain in your own words why the network should make this change. The
        community still discusses and votes on it.
      </p>
    </div>
  );
}

/** The proposal wizard: choose rules, set values, explain, check, then save a draft or publish. */
export function ProposalWizard({
  catalogue,
  draft,
  prefill,
}: {
  catalogue: WizardCatalogue;
  draft?: WizardDraft;
  /** Values to start with, from `/proposals/new?changes=…` (a new proposal only). */
  prefill?: WizardPrefillNotice;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const parameters = useMemo(
    () => new Map(catalogue.categories.flatMap((category) => category.parameters).map((p) => [p.key, p])),
    [catalogue],
  );
  const current = useMemo(
    () =>
      Object.fromEntries(
        [...parameters].map(([key, parameter]) => [key, parameter.value]),
      ) as ParameterValues,
    [parameters],
  );

  const [state, dispatch] = useReducer(wizardReducer, undefined, () =>
    initialWizardState(draft, prefill?.status === "ok" ? prefill.changes : undefined),
  );
  const { step, chosenKeys, valueTexts, proposalText, proposalId, serverError, saving } = state;

  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusedStep = useRef(step);

  const createDraft = useMutation(trpc.proposals.createDraft.mutationOptions());
  const updateDraft = useMutation(trpc.proposals.updateDraft.mutationOptions());
  const publish = useMutation(trpc.proposals.publish.mutationOptions());

  const valuesCheck = useMemo(
    () => checkProposalValues(current, chosenKeys, valueTexts),
    [current, chosenKeys, valueTexts],
  );
  const textErrors = useMemo(() => checkProposalText(proposalText), [proposalText]);
  const checks: WizardChecks = { values: valuesCheck, text: textErrors };

  // Focus follows the step so keyboard and screen-reader users land on its heading, but not on first load.
  useEffect(() => {
    if (focusedStep.current === step) return;
    focusedStep.current = step;
    headingRef.current?.focus();
  }, [step]);

  const chosenParameters = chosenKeys.flatMap((key) => {
    const parameter = parameters.get(key);
    return parameter ? [parameter] : [];
  });

  function goTo(index: StepIndex) {
    dispatch({ type: "goTo", step: index });
  }

  function next() {
    const isRefused = stepProblems(state, checks, step, { all: true }).length > 0;
    dispatch({ type: "next", current });
    if (isRefused) requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function save(intent: SaveIntent) {
    dispatch({ type: "save", intent, current });
    if (firstBlockedStep(state, checks) !== null) return;
    const input = { ...proposalText, changes: valuesCheck.changes };
    let savedId: string;
    try {
      savedId = proposalId
        ? (await updateDraft.mutateAsync({ proposalId, ...input })).proposalId
        : (await createDraft.mutateAsync(input)).proposalId;
      dispatch({ type: "draftSaved", proposalId: savedId });
    } catch (error) {
      dispatch({ type: "saveFailed", error: serverErrorFrom(error) });
      return;
    }
    if (intent === "publish") {
      try {
        await publish.mutateAsync({ proposalId: savedId });
      } catch (error) {
        dispatch({ type: "publishFailed", error: serverErrorFrom(error) });
        return;
      }
    }
    router.push(`/proposals/${encodeURIComponent(savedId)}`);
  }

  const problems = stepProblems(state, checks, step, { all: false });
  const serverFieldSteps = serverErrorSteps(state);

  return (
    <div>
      {prefill && !draft ? <PrefillNotice notice={prefill} /> : null}
      <WizardStepNav step={step} furthest={state.furthest} onGoTo={goTo} />

      <h2 ref={headingRef} tabIndex={-1} className="mb-4 text-2xl font-semibold outline-none">
        <span className="block text-sm font-medium text-muted-foreground">
          Step {step + 1} of {WIZARD_STEPS.length}
        </span>
        {WIZARD_STEPS[step].title}
      </h2>

      <WizardProblemSummary ref={summaryRef} problems={problems} />

      {step === 0 ? (
        <ChooseParametersStep
          catalogue={catalogue}
          chosen={chosenKeys}
          maxChanges={MAX_PROPOSAL_CHANGES}
          onToggle={(key, isChosen) => dispatch({ type: "toggleParameter", key, isChosen, current })}
        />
      ) : step === 1 ? (
        <SetValuesStep
          parameters={chosenParameters}
          current={current}
          texts={valueTexts}
          check={valuesCheck}
          shownKeys={shownValueKeys(state)}
          canAddMore={chosenKeys.length < MAX_PROPOSAL_CHANGES}
          onChange={(key, text) => dispatch({ type: "setValue", key, text })}
          onRemove={(key) => {
            dispatch({ type: "removeParameter", key });
            headingRef.current?.focus();
          }}
          onAdd={(key) => {
            dispatch({ type: "addParameter", key, current });
            requestAnimationFrame(() => document.getElementById(valueFieldId(key))?.focus());
          }}
        />
      ) : step === 2 ? (
        <DescribeProposalStep
          values={proposalText}
          limits={PROPOSAL_TEXT_LIMITS}
          errors={shownTextErrors(state, checks)}
          rationaleTab={state.rationaleTab}
          onRationaleTab={(tab) => dispatch({ type: "setRationaleTab", tab })}
          onChange={(field, value) => dispatch({ type: "setText", field, value })}
        />
      ) : (
        <ReviewProposalStep changes={valuesCheck.changes} text={proposalText} />
      )}

      {step === 3 ? (
        <div className="mt-8 max-w-4xl space-y-4 border-t border-border pt-6">
          <p className="text-muted-foreground">
            A draft is visible only to you and you can keep editing it. Publishing opens it for discussion:
            everyone can read and comment on it, and you can no longer change it (you can withdraw it until
            the vote).
          </p>
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" onClick={() => goTo(2)} disabled={saving !== null}>
              <span aria-hidden="true">←</span> Back
            </Button>
            <Button variant="secondary" onClick={() => save("draft")} disabled={saving !== null}>
              {saving === "draft" ? "Saving…" : "Save draft"}
            </Button>
            <Button onClick={() => save("publish")} disabled={saving !== null}>
              {saving === "publish" ? "Publishing…" : "Publish for discussion"}
            </Button>
          </div>
          <div aria-live="assertive">
            {serverError ? (
              <div className="rounded-md border-2 border-danger-fg bg-danger-bg p-4 text-danger-fg">
                <p className="font-semibold">{serverError.message}</p>
                {proposalId ? (
                  <p className="mt-2">
                    <Link href={`/proposals/${encodeURIComponent(proposalId)}`} className="text-danger-fg">
                      Open your saved draft
                    </Link>
                  </p>
                ) : null}
                {serverFieldSteps.length > 0 ? (
                  <div className="mt-3 flex flex-wrap gap-2">
                    {serverFieldSteps.map((index) => (
                      <Button key={index} variant="secondary" size="sm" onClick={() => goTo(index)}>
                        Go to step {index + 1}: {WIZARD_STEPS[index].title}
                      </Button>
                    ))}
                  </div>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="mt-8 flex flex-wrap gap-3 border-t border-border pt-6">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => goTo((step - 1) as StepIndex)}>
              <span aria-hidden="true">←</span> Back
            </Button>
          ) : null}
          <Button onClick={next}>
            Next: {WIZARD_STEPS[step + 1]?.title} <span aria-hidden="true">→</span>
          </Button>
        </div>
      )}
    </div>
  );
}
