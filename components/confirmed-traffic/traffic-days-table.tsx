import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate } from "@/lib/domain/format-time";
import type { TrafficDay } from "@/lib/schemas/confirmed-traffic";
import { COMPACT_ON_PHONES, TRAFFIC_COLUMNS, TrafficCells } from "./traffic-cells";

/** "6 Dec 2026", breaking before the year only: the table then fits a phone. */
function DayName({ day }: { day: Date }) {
  const text = formatDate(day);
  const yearAt = text.lastIndexOf(" ");
  return (
    <>
      <span className="whitespace-nowrap">{text.slice(0, yearAt)}</span>
      {text.slice(yearAt)}
    </>
  );
}

/** Day by day, newest first: claimed, confirmed by peers and paid; a blocked day says why nothing was paid. */
export function TrafficDaysTable({
  days,
  label,
  caption,
}: {
  days: readonly TrafficDay[];
  /** Names the table's scroll region. */
  label: string;
  caption: string;
}) {
  return (
    <Table regionLabel={label} className={COMPACT_ON_PHONES}>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow className="border-t-0">
          <TableHead>Day</TableHead>
          {TRAFFIC_COLUMNS.map((column) => (
            <TableHead key={column}>{column}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {days.map((day) => (
          <TableRow key={day.day.getTime()}>
            <TableHead scope="row">
              <DayName day={day.day} />
            </TableHead>
            {day.status === "Computed" ? (
              <TrafficCells figures={day} />
            ) : (
              <TableCell colSpan={TRAFFIC_COLUMNS.length}>
                Could not be worked out, so nothing is paid for this day yet.
                <span className="block text-sm text-muted-foreground">{day.reason}</span>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
