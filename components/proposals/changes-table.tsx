import Link from "next/link";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { isParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterValue } from "@/lib/domain/parameters/format";

export type ChangeRow = {
  key: string;
  label: string;
  /** The value in force now. */
  nowValue: number;
  toValue: number;
  changeText: string | null;
  /** The value when the proposal was written, when it differs from today's. */
  writtenAgainst?: number | null;
};

const value = (key: string, amount: number) =>
  isParameterKey(key) ? formatParameterValue(key, amount) : String(amount);

/** Columns shown from the `sm` breakpoint up; on phones the change size sits under the proposed value. */
const WIDE_ONLY = "hidden sm:table-cell";

function ChangeSize({ text }: { text: string | null }) {
  return (
    text ?? (
      <>
        <span aria-hidden="true">—</span>
        <span className="sr-only">no percentage: the value now is 0</span>
      </>
    )
  );
}

/** "What would change": each rule with its value now, the proposed value and the size of the change. */
export function ChangesTable({
  rows,
  currentVersion,
}: {
  rows: readonly ChangeRow[];
  currentVersion: number;
}) {
  return (
    <Table regionLabel="What would change">
      <TableCaption className="sr-only">
        Each rule this proposal changes: its value now (config version {currentVersion}), the proposed value
        and the size of the change.
      </TableCaption>
      <TableHeader>
        <TableRow className="border-t-0">
          <TableHead>Rule</TableHead>
          <TableHead>Now</TableHead>
          <TableHead>Proposed</TableHead>
          <TableHead className={WIDE_ONLY}>Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key}>
            <TableHead scope="row" className="min-w-32">
              {isParameterKey(row.key) ? (
                <Link href={`/parameters/${encodeURIComponent(row.key)}`}>{row.label}</Link>
              ) : (
                row.label
              )}
            </TableHead>
            <TableCell className="tabular-nums">
              <span className="whitespace-nowrap">{value(row.key, row.nowValue)}</span>
              {row.writtenAgainst !== undefined && row.writtenAgainst !== null ? (
                <span className="block text-sm text-warning-fg">
                  was {value(row.key, row.writtenAgainst)} when this was written
                </span>
              ) : null}
            </TableCell>
            <TableCell className="tabular-nums">
              <span className="whitespace-nowrap font-semibold">{value(row.key, row.toValue)}</span>
              <span className="block whitespace-nowrap text-sm text-muted-foreground sm:hidden">
                <ChangeSize text={row.changeText} />
              </span>
            </TableCell>
            <TableCell className={`${WIDE_ONLY} whitespace-nowrap tabular-nums`}>
              <ChangeSize text={row.changeText} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
