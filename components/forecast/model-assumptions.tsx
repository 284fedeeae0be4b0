import { formatNumber } from "@/lib/domain/format-number";
import type { ForecastView } from "@/lib/schemas/forecast";

type Assumption = Extract<ForecastView, { status: "forecast" }>["assumptions"][number];

const SOURCE_TEXT: Record<Assumption["source"], string> = {
  calibrated: "calibrated from the last 30 days",
  default: "default",
};

/** The model's behavioural assumptions in plain words, each saying whether the network's data set it. */
export function ModelAssumptions({
  assumptions,
  runs,
  days,
  nodes,
  modelVersion,
}: {
  assumptions: readonly Assumption[];
  runs: number;
  days: number;
  nodes: number;
  modelVersion: string;
}) {
  const calibrated = assumptions.filter((assumption) => assumption.source === "calibrated").length;
  return (
    <details className="rounded-lg border border-border bg-surface p-4" data-testid="model-assumptions">
      <summary className="cursor-pointer font-medium">
        Model assumptions ({assumptions.length}, {calibrated} calibrated from the network’s data)
      </summary>
      <p className="mt-3 text-sm text-muted-foreground">
        The model starts from the network’s {formatNumber(nodes)} nodes as they stand, plays the next {days}{" "}
        days {formatNumber(runs)} times with different chance events, and lets nodes respond to what they
        earn. These are the figures it assumes about how people behave (model version {modelVersion}): where
        the last 30 days hold enough data, a figure is calibrated from them; otherwise the default is used.
      </p>
      <ul className="mt-3 list-disc space-y-2 pl-5">
        {assumptions.map((assumption) => (
          <li key={assumption.id}>
            {assumption.sentence}{" "}
            <span
              className={
                assumption.source === "calibrated"
                  ? "text-sm font-medium whitespace-nowrap text-success-fg"
                  : "text-sm whitespace-nowrap text-muted-foreground"
              }
            >
              ({SOURCE_TEXT[assumption.source]})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
