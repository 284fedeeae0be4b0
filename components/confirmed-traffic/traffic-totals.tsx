import { formatBytes } from "@/lib/domain/metrics/confirmed-traffic";
import { formatNumber } from "@/lib/domain/format-number";
import type { TrafficDay, TrafficFigures } from "@/lib/schemas/confirmed-traffic";
import { confirmedShareText } from "./traffic-cells";

/** "Over these 30 days: 12 GB claimed, 9.6 GB confirmed by peers (80 % confirmed), 10.8 GB paid for." */
export function TrafficTotals({ days, totals }: { days: readonly TrafficDay[]; totals: TrafficFigures }) {
  const computed = days.filter((day) => day.status === "Computed").length;
  if (computed === 0) return null;
  return (
    <p className="mb-3">
      Over {computed === 1 ? "this day" : `these ${formatNumber(computed)} days`}:{" "}
      <strong>{formatBytes(totals.claimedBytes)}</strong> claimed,{" "}
      <strong>{formatBytes(totals.confirmedBytes)}</strong> confirmed by peers ({confirmedShareText(totals)}),{" "}
      <strong>{formatBytes(totals.paidBytes)}</strong> paid for.
    </p>
  );
}
