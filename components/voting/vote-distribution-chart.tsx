"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

export interface DistributionBar {
  /** Votes one operator put on the proposal: negative against, positive for. */
  votes: number;
  operators: number;
}

// Recharts is large and draws from the browser's layout: loaded only in the browser, after the page.
const VoteDistributionBarChart = dynamic(() => import("./vote-distribution-bar-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-48 w-full" />,
});

/** Operators per number of votes on one proposal; the page gives the same data as a sentence and a table. */
export function VoteDistributionChart({ bars, label }: { bars: DistributionBar[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-48 w-full">
      <VoteDistributionBarChart bars={bars} />
    </div>
  );
}
