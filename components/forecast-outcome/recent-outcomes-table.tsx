import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
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
import type { RecentOutcome } from "@/lib/schemas/forecast-outcome";
import { checkSummary, noForecastReason } from "./outcome-words";

/** The outcome column: the newest check, else when the first is, else why there is none. */
function outcomeText(item: RecentOutcome): string {
  if (item.latestCheck) {
    const next = item.nextCheckOn ? ` The 30-day check is on ${formatDate(item.nextCheckOn)}.` : "";
    return `${checkSummary(item.latestCheck)}.${next}`;
  }
  if (item.forecastStatus === "freezing") return "Its forecast is being frozen.";
  if (item.forecastStatus !== "frozen")
    return `No forecast to check: ${noForecastReason(item.forecastStatus)}.`;
  if (item.nextCheckOn) return `The first check is on ${formatDate(item.nextCheckOn)}.`;
  return "The first check is 7 days after the change takes effect.";
}

/** /stats: the newest ratified changes, when they took effect, and how their frozen forecast held up. */
export function RecentOutcomesTable({ items }: { items: readonly RecentOutcome[] }) {
  if (items.length === 0) {
    return (
      <EmptyState headingLevel="h3" title="No changes ratified yet">
        <p>
          When a voting round passes a proposal, it is listed here with its forecast, frozen as it passed, and
          how the network did against it 7 and 30 days after the change took effect.
        </p>
      </EmptyState>
    );
  }
  return (
    <Table regionLabel="Recent changes and their outcome, as a table">
      <TableCaption>
        The newest ratified changes first; every figure is a mean over the days checked.
      </TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Change</TableHead>
          <TableHead>Took effect</TableHead>
          <TableHead>Outcome</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.proposalId} data-testid="recent-outcome">
            <TableHead scope="row">
              <Link href={`/proposals/${item.proposalId}`}>{item.title}</Link>
              <span className="block text-sm font-normal text-muted-foreground">
                Passed in round {item.roundNumber}, config version {item.activation.configVersion}
              </span>
            </TableHead>
            <TableCell className="whitespace-nowrap">
              {item.activation.activatedAt
                ? formatDate(item.activation.activatedAt)
                : `Not yet (${formatDate(item.activation.activateAt)})`}
            </TableCell>
            <TableCell>{outcomeText(item)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
