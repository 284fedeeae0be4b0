import { type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterRange, formatParameterValue } from "@/lib/domain/parameters/format";

type ParameterFactsSource = { key: ParameterKey; value: number; default: number };

/** The current value (with how it compares to the default) and the allowed range, as `<dl>` entries. */
export function CurrentValueAndRange({
  parameter,
  size,
}: {
  parameter: ParameterFactsSource;
  size: "large" | "medium";
}) {
  return (
    <>
      <div>
        <dt className="text-sm font-medium text-muted-foreground">Current value</dt>
        <dd className={`${size === "large" ? "text-2xl" : "text-lg"} font-semibold tabular-nums`}>
          {formatParameterValue(parameter.key, parameter.value)}
        </dd>
        <dd className="text-sm text-muted-foreground">
          {parameter.value === parameter.default
            ? "same as the default"
            : `default: ${formatParameterValue(parameter.key, parameter.default)}`}
        </dd>
      </div>
      <div>
        <dt className="text-sm font-medium text-muted-foreground">Allowed range</dt>
        <dd className="tabular-nums">{formatParameterRange(parameter.key)}</dd>
      </div>
    </>
  );
}

/** What raising and lowering the parameter does, side by side. */
export function ParameterEffects({
  parameter,
  headingLevel,
}: {
  parameter: { whenRaised: string; whenLowered: string };
  headingLevel: "h3" | "h4";
}) {
  const Heading = headingLevel;
  const effects = [
    { title: "When raised", text: parameter.whenRaised },
    { title: "When lowered", text: parameter.whenLowered },
  ];
  return (
    <div className="mt-4 grid gap-3 md:grid-cols-2">
      {effects.map((effect) => (
        <div key={effect.title} className="rounded-md bg-surface-muted p-3">
          <Heading className="text-sm font-semibold">{effect.title}</Heading>
          <p className="mt-1 text-sm">{effect.text}</p>
        </div>
      ))}
    </div>
  );
}
