import { formatNumber } from "@/lib/domain/format-number";
import { formatDate } from "@/lib/domain/format-time";
import type { ForecastView } from "@/lib/schemas/forecast";
import { backtestSummaryLine } from "./forecast-format";
import { GroupChangesTable } from "./group-changes-table";
import { MetricForecastCard } from "./metric-forecast-card";
import { ModelAssumptions } from "./model-assumptions";
import { PayoutLimitCallout } from "./payout-limit-callout";

export type ForecastHeadingLevel = 2 | 3;
type Forecast = Extract<ForecastView, { status: "forecast" }>;

const HEADINGS = { 2: "h2", 3: "h3", 4: "h4", 5: "h5" } as const;

function dayCount(days: number): string {
  return `${formatNumber(days)} ${days === 1 ? "day" : "days"}`;
}

/** Why there is no forecast, in plain words: too little history, nothing the model acts on, or no change. */
export function ForecastStatusMessage({ view }: { view: Exclude<ForecastView, Forecast> }) {
  switch (view.status) {
    case "no-history": {
      const missing = Math.max(0, view.daysNeeded - view.daysAvailable);
      return (
        <p data-testid="forecast-status">
          A forecast needs {dayCount(view.daysNeeded)} of the network’s history turned into rewards, and there{" "}
          {view.daysAvailable === 1 ? "is" : "are"}{" "}
          {view.daysAvailable === 0 ? "none" : dayCount(view.daysAvailable)} so far. It appears once the
          network has run {dayCount(missing)} more.
        </p>
      );
    }
    case "no-model-change":
      return (
        <p data-testid="forecast-status">
          These changes only touch governance rules: how proposals are discussed, voted on and put into force.
          They do not act on the network itself (who serves data, what nodes earn, how they are rated), so the
          model has nothing to forecast.
        </p>
      );
    case "same-as-current":
      return (
        <p data-testid="forecast-status">
          The values in these changes are the same as in config version {view.configVersion}, the rules in
          force now, so the network would go on as it does under them: there is no difference to forecast.
        </p>
      );
  }
}

/** A full forecast: the payout limit, who gains and who loses, one chart per metric, the model's assumptions. */
export function ForecastDetails({ view, level }: { view: Forecast; level: ForecastHeadingLevel }) {
  const sub = HEADINGS[(level + 1) as 3 | 4];
  const Sub = sub;
  const metricHeading = HEADINGS[(level + 2) as 4 | 5];
  const hasOwnNodes = view.groups.some((group) => group.group === "yourNodes");
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        {view.frozenAt ? (
          <p className="font-medium" data-testid="forecast-frozen">
            This is the forecast made when the proposal passed, on {formatDate(view.frozenAt)}: it is kept as
            it was, and its fingerprint is in the audit chain, so it can be checked against what happened.
          </p>
        ) : null}
        <p>
          The network model plays the network as it stands ({formatNumber(view.nodes)} nodes) forward{" "}
          {formatNumber(view.runs)} times for {dayCount(view.days)} from {formatDate(view.startDay)}, under
          config version {view.configVersion} (the current rules) and under the proposed values, with the same
          chance events for both.
        </p>
        <p className="font-medium" data-testid="forecast-backtest">
          {backtestSummaryLine(view.backtest)}
        </p>
      </div>

      <PayoutLimitCallout limit={view.payoutLimit} />

      <section aria-labelledby="forecast-groups-heading" className="space-y-3">
        <Sub id="forecast-groups-heading" className="text-lg font-semibold">
          Who gains and who loses
        </Sub>
        <GroupChangesTable groups={view.groups} days={view.days} />
        {hasOwnNodes ? null : (
          <p className="text-sm text-muted-foreground">
            Operators who are signed in and run nodes also see how their own nodes would fare.
          </p>
        )}
      </section>

      <section aria-labelledby="forecast-metrics-heading" className="space-y-3">
        <Sub id="forecast-metrics-heading" className="text-lg font-semibold">
          Figure by figure
        </Sub>
        <div className="grid gap-6 md:grid-cols-2">
          {view.metrics.map((metric) => (
            <MetricForecastCard
              key={metric.id}
              metric={metric}
              backtest={view.backtest}
              headingAs={metricHeading}
            />
          ))}
        </div>
      </section>

      <ModelAssumptions
        assumptions={view.assumptions}
        runs={view.runs}
        days={view.days}
        nodes={view.nodes}
        modelVersion={view.modelVersion}
      />
    </div>
  );
}
