"use client";

import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { PARAMETERS, type ParameterKey, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import { CROSS_PARAMETER_CONSTRAINTS } from "@/lib/domain/parameters/constraints";
import { formatParameterRange, formatParameterValue } from "@/lib/domain/parameters/format";
import { problemsFor, type ValuesCheck } from "./check-proposal-values";
import { FieldMessage } from "./field-message";
import { inputBounds } from "./parameter-input";
import { valueFieldId } from "./proposal-field-ids";
import type { WizardParameter } from "./proposal-wizard";

type SetValuesStepProps = {
  parameters: readonly WizardParameter[];
  /** Every parameter's value in force now. */
  current: ParameterValues;
  texts: Partial<Record<ParameterKey, string>>;
  check: ValuesCheck;
  /** Fields whose errors show: typed in, or every field after a refused "Next". */
  shownKeys: ReadonlySet<ParameterKey>;
  canAddMore: boolean;
  onChange: (key: ParameterKey, text: string) => void;
  onRemove: (key: ParameterKey) => void;
  onAdd: (key: ParameterKey) => void;
};

/** The unit as typed into the field: shares are entered in percent. */
function inputUnit(parameter: WizardParameter): string {
  return parameter.kind === "share" ? "%" : parameter.unit === "ratio" ? "" : parameter.unit;
}

/** Step 2: one field per chosen rule with its current value, allowed range and live checks. */
export function SetValuesStep({
  parameters,
  current,
  texts,
  check,
  shownKeys,
  canAddMore,
  onChange,
  onRemove,
  onAdd,
}: SetValuesStepProps) {
  const chosenKeys = new Set(parameters.map((parameter) => parameter.key));
  const rules = CROSS_PARAMETER_CONSTRAINTS.filter((rule) => rule.keys.some((key) => chosenKeys.has(key)));
  return (
    <div className="space-y-5">
      <p className="max-w-3xl">
        Type the value you propose for each rule. Each field shows the value in force now and the range the
        network allows; mistakes are pointed out as you type.
      </p>
      {rules.map((rule) => {
        const missing = rule.keys.filter((key) => !chosenKeys.has(key));
        return (
          <div key={rule.id} className="rounded-md border border-info-fg/40 bg-info-bg p-4 text-info-fg">
            <h3 className="font-semibold">A rule that ties these values together</h3>
            <p className="mt-1">{rule.description}</p>
            {missing.length > 0 ? (
              <div className="mt-3">
                <p className="text-sm">
                  To keep it, you may need to change these too (they stay at their current value otherwise):
                </p>
                <ul className="mt-2 flex flex-wrap gap-2">
                  {missing.map((key) => (
                    <li key={key}>
                      <Button variant="secondary" size="sm" disabled={!canAddMore} onClick={() => onAdd(key)}>
                        Add {PARAMETERS[key].label} (now {formatParameterValue(key, current[key])})
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        );
      })}
      {parameters.map((parameter) => {
        const id = valueFieldId(parameter.key);
        const bounds = inputBounds(parameter.kind, parameter);
        const unit = inputUnit(parameter);
        const messages = shownKeys.has(parameter.key)
          ? problemsFor(check, parameter.key).map((problem) => problem.message)
          : [];
        const describedBy = [`${id}-hint`, messages.length > 0 ? `${id}-error` : null]
          .filter(Boolean)
          .join(" ");
        return (
          <section
            key={parameter.key}
            aria-labelledby={`${id}-heading`}
            className="rounded-lg border border-border bg-surface p-4 sm:p-5"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <h3 id={`${id}-heading`} className="text-lg font-semibold">
                {parameter.label}
              </h3>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onRemove(parameter.key)}
                aria-label={`Remove ${parameter.label} from this proposal`}
              >
                Remove
              </Button>
            </div>
            <p className="mt-1 max-w-3xl text-sm text-muted-foreground">{parameter.description}</p>
            <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted-foreground">Now</dt>
                <dd className="font-semibold tabular-nums">
                  {formatParameterValue(parameter.key, parameter.value)}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Allowed range</dt>
                <dd className="tabular-nums">{formatParameterRange(parameter.key)}</dd>
              </div>
            </dl>
            <div className="mt-3 max-w-3xl">
              <Label htmlFor={id}>New value{unit ? ` (${unit})` : ""}</Label>
              <div className="flex max-w-sm items-center gap-2">
                <Input
                  id={id}
                  type="number"
                  inputMode="decimal"
                  min={bounds.min}
                  max={bounds.max}
                  step={bounds.step}
                  value={texts[parameter.key] ?? ""}
                  onChange={(event) => onChange(parameter.key, event.currentTarget.value)}
                  aria-invalid={messages.length > 0 ? true : undefined}
                  aria-describedby={describedBy}
                  className="tabular-nums"
                />
                {unit ? (
                  <span aria-hidden="true" className="shrink-0 text-muted-foreground">
                    {unit}
                  </span>
                ) : null}
              </div>
              <p id={`${id}-hint`} className="mt-1 text-sm text-muted-foreground">
                {parameter.kind === "share"
                  ? `In percent: type 10 for 10 %. Allowed ${formatParameterRange(parameter.key)}.`
                  : `Allowed ${formatParameterRange(parameter.key)}${parameter.kind === "integer" ? ", whole numbers only" : ""}.`}
              </p>
              <FieldMessage id={`${id}-error`} messages={messages} />
            </div>
          </section>
        );
      })}
    </div>
  );
}
