import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { ForecastView } from "@/lib/schemas/forecast";

type PayoutLimit = Extract<ForecastView, { status: "forecast" }>["payoutLimit"];

/** Whether the daily payout limit matters for this change: it binds today, or it would under the proposal. */
export function payoutLimitMatters(limit: PayoutLimit): boolean {
  return limit.bindsToday || limit.bindingDaysShare.proposed > 0;
}

function limitFacts(limit: PayoutLimit): string {
  const cap = (value: number) => `${formatNumber(value, { maxFractionDigits: 0 })} credits`;
  const caps =
    limit.capCredits.current === limit.capCredits.proposed
      ? `The limit is ${cap(limit.capCredits.current)} a day.`
      : `The limit is ${cap(limit.capCredits.current)} a day now and would be ${cap(limit.capCredits.proposed)}.`;
  return `${caps} In the forecast it binds on ${formatPercent(limit.bindingDaysShare.current)} of days under the current rules and on ${formatPercent(limit.bindingDaysShare.proposed)} under the proposed values.`;
}

/**
 * The daily payout limit, prominently when it binds today or would bind under the proposed values: then
 * the total paid cannot grow and the change's real effect is who gets which share of it.
 */
export function PayoutLimitCallout({ limit }: { limit: PayoutLimit }) {
  if (!payoutLimitMatters(limit)) {
    return (
      <p data-testid="payout-limit" className="text-muted-foreground">
        {limit.sentence}
      </p>
    );
  }
  // The sentence says whether the limit binds today; the title only says what the box is about.
  const title = limit.bindsToday ? "Daily payout limit: binds today" : "Daily payout limit: would bind";
  return (
    <div
      role="note"
      aria-label={title}
      data-testid="payout-limit"
      className="rounded-md border-2 border-warning-fg bg-warning-bg p-4 text-warning-fg"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{limit.sentence}</p>
      <p className="mt-1 text-sm">{limitFacts(limit)}</p>
    </div>
  );
}
