import { TableCell } from "@/components/ui/table";
import { formatBytes, shareOfBytes } from "@/lib/domain/metrics/confirmed-traffic";
import { formatPercent } from "@/lib/domain/format-percent";
import type { TrafficFigures } from "@/lib/schemas/confirmed-traffic";

/** "80 %" of the claimed data confirmed, or "nothing claimed". */
export function confirmedShareText({ claimedBytes, confirmedBytes }: TrafficFigures): string {
  const share = shareOfBytes(confirmedBytes, claimedBytes);
  return share === null ? "nothing claimed" : formatPercent(share);
}

/** The three figures of a row: claimed, confirmed by peers (with its share), paid for. */
export function TrafficCells({ figures }: { figures: TrafficFigures }) {
  return (
    <>
      <TableCell className="tabular-nums whitespace-nowrap">{formatBytes(figures.claimedBytes)}</TableCell>
      <TableCell className="tabular-nums whitespace-nowrap">
        {formatBytes(figures.confirmedBytes)}
        <span className="block text-muted-foreground">
          {confirmedShareText(figures)}
          {figures.claimedBytes > 0n ? <span className="sr-only"> of the claimed data</span> : null}
        </span>
      </TableCell>
      <TableCell className="tabular-nums whitespace-nowrap">{formatBytes(figures.paidBytes)}</TableCell>
    </>
  );
}

/** The column headers after the first, in the order TrafficCells fills them: short enough for a phone. */
export const TRAFFIC_COLUMNS = ["Claimed", "Confirmed", "Paid"] as const;

/**
 * For the tables of TrafficCells: narrower cell padding on phones, so day (or node) and its three figures
 * fit a 390-pixel screen without scrolling sideways.
 */
export const COMPACT_ON_PHONES = "max-sm:[&_td]:px-2 max-sm:[&_th]:px-2";
