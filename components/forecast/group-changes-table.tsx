import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cx } from "@/components/ui/class-names";
import type { GroupChange } from "@/lib/schemas/forecast";
import { changeDirection, formatCredits, formatGroupChange, type ChangeDirection } from "./forecast-format";

// The arrow and the sign carry the direction; the colour only repeats it.
const DIRECTION_STYLE: Record<ChangeDirection, { arrow: string; word: string; className: string }> = {
  gains: { arrow: "▲", word: "gains", className: "text-success-fg" },
  loses: { arrow: "▼", word: "loses", className: "text-danger-fg" },
  same: { arrow: "=", word: "about the same", className: "text-muted-foreground" },
};

/**
 * Who gains and who loses: each group's median credits over the simulated days under the current rules
 * and under the proposed values, and the change, with a sign and an arrow as well as a colour.
 */
export function GroupChangesTable({ groups, days }: { groups: readonly GroupChange[]; days: number }) {
  return (
    <>
      {/* Phones: one card per group, the change first; wider screens: the table. */}
      <ul
        aria-label="Who gains and who loses"
        className="space-y-3 sm:hidden"
        data-testid="group-changes-cards"
      >
        {groups.map((group) => {
          const style = DIRECTION_STYLE[changeDirection(group)];
          return (
            <li
              key={group.group}
              className={cx(
                "rounded-lg border border-border p-3",
                group.group === "yourNodes" ? "bg-info-bg/40" : "bg-surface",
              )}
            >
              <p className="font-semibold">{group.label}</p>
              <p className={cx("mt-1 tabular-nums", style.className)}>
                <span aria-hidden="true" className="mr-1.5">
                  {style.arrow}
                </span>
                {formatGroupChange(group)}
                <span className="sr-only"> ({style.word})</span>
              </p>
              <p className="mt-1 text-sm text-muted-foreground tabular-nums">
                {formatCredits(group.current)} credits over {days} days under the current rules,{" "}
                {formatCredits(group.proposed)} under the proposed values
              </p>
            </li>
          );
        })}
      </ul>
      <div className="hidden sm:block">
        <GroupTable groups={groups} days={days} />
      </div>
    </>
  );
}

function GroupTable({ groups, days }: { groups: readonly GroupChange[]; days: number }) {
  return (
    <Table regionLabel="Who gains and who loses" data-testid="group-changes">
      <TableCaption>
        Credits each group earns over {days} simulated days (the median of the runs), under the current rules
        and under the proposed values.
      </TableCaption>
      <TableHeader>
        <TableRow className="border-t-0">
          <TableHead>Who</TableHead>
          <TableHead className="text-right">Current rules</TableHead>
          <TableHead className="text-right">Proposed values</TableHead>
          <TableHead>Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {groups.map((group) => {
          const style = DIRECTION_STYLE[changeDirection(group)];
          return (
            <TableRow key={group.group} className={group.group === "yourNodes" ? "bg-info-bg/40" : undefined}>
              <TableHead scope="row" className="min-w-32 font-normal">
                {group.group === "yourNodes" ? <strong>{group.label}</strong> : group.label}
              </TableHead>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {formatCredits(group.current)}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {formatCredits(group.proposed)}
              </TableCell>
              <TableCell className={cx("whitespace-nowrap tabular-nums", style.className)}>
                <span aria-hidden="true" className="mr-1.5 inline-block w-3 text-center">
                  {style.arrow}
                </span>
                {formatGroupChange(group)}
                <span className="sr-only"> ({style.word})</span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
