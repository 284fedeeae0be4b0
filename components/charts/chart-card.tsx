import type { ReactNode } from "react";
import { Card, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { STATS_CHART_MAX_POINTS } from "@/lib/schemas/network-stats";

/**
 * A chart with its title, its one-line summary and its data as a table. Without data it shows only
 * the summary, which says when data will appear: an empty chart would tell a newcomer nothing.
 */
export function ChartCard({
  id,
  title,
  summary,
  isEmpty,
  chart,
  notes,
  table,
}: {
  /** Prefix for the card's element ids: `${id}-title`, `${id}-summary`. */
  id: string;
  title: string;
  summary: string;
  isEmpty: boolean;
  chart: ReactNode;
  /** Short facts under the chart that help read it. */
  notes?: ReactNode;
  table: ReactNode;
}) {
  return (
    <Card className="min-w-0">
      <section aria-labelledby={`${id}-title`}>
        <CardTitle as="h3" id={`${id}-title`}>
          {title}
        </CardTitle>
        {isEmpty ? (
          <p
            id={`${id}-summary`}
            className="mt-3 rounded-md border border-dashed border-border-strong px-4 py-8 text-center text-muted-foreground"
          >
            {summary}
          </p>
        ) : (
          <>
            <p id={`${id}-summary`} className="mt-1">
              {summary}
            </p>
            {/* One point per pixel at most: the service downsamples series to this width. */}
            <div className="mt-4" style={{ maxWidth: STATS_CHART_MAX_POINTS }}>
              {chart}
            </div>
            {notes ? <div className="mt-3 text-sm text-muted-foreground">{notes}</div> : null}
            <details className="mt-3">
              <summary className="cursor-pointer font-medium">
                Show as table<span className="sr-only">: {title}</span>
              </summary>
              <div className="mt-2">{table}</div>
            </details>
          </>
        )}
      </section>
    </Card>
  );
}

export interface ChartTableRow {
  key: string | number;
  /** The first cell names the row. */
  cells: ReactNode[];
}

/** A chart's data as a table: a caption, column headers and a header cell naming each row. */
export function ChartTable({
  label,
  caption,
  columns,
  rows,
}: {
  label: string;
  caption: string;
  columns: string[];
  rows: ChartTableRow[];
}) {
  return (
    <Table regionLabel={label}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow className="border-t-0">
          {columns.map((column) => (
            <TableHead key={column}>{column}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key}>
            {row.cells.map((cell, index) =>
              index === 0 ? (
                <TableHead key={index} scope="row" className="font-normal whitespace-nowrap">
                  {cell}
                </TableHead>
              ) : (
                <TableCell key={index} className="tabular-nums">
                  {cell}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
