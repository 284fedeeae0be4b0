"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ForecastView } from "@/lib/schemas/forecast";
import { useTRPC } from "@/lib/trpc/client";
import { ForecastDetails, ForecastStatusMessage, type ForecastHeadingLevel } from "./forecast-view";

type ForecastQuery = {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: { message: string } | null;
  data: ForecastView | undefined;
  refetch: () => unknown;
};

const TITLE = "Forecast: the next 30 days";

function ForecastLoading() {
  return (
    <div className="space-y-4" aria-busy="true" data-testid="forecast-loading">
      <p role="status" className="text-muted-foreground">
        Running the network model…
      </p>
      <Skeleton className="h-16 w-full" />
      <div className="grid gap-6 md:grid-cols-2">
        <Skeleton className="h-72 w-full" />
        <Skeleton className="h-72 w-full" />
      </div>
    </div>
  );
}

function ForecastError({
  message,
  onRetry,
  isRetrying,
}: {
  message: string;
  onRetry: () => unknown;
  isRetrying: boolean;
}) {
  return (
    <div role="alert" className="rounded-md border border-danger-fg bg-danger-bg p-4 text-danger-fg">
      <p className="font-semibold">The forecast could not be worked out.</p>
      <p className="mt-1">{message}</p>
      <p className="mt-1">Try again in a moment; the rest of the page does not depend on it.</p>
      <Button variant="secondary" size="sm" className="mt-3" onClick={() => onRetry()} disabled={isRetrying}>
        {isRetrying ? "Trying again…" : "Try again"}
      </Button>
    </div>
  );
}

/** The forecast's section: its heading, then loading, the error, why there is none, or the forecast. */
function ForecastSection({ query, level }: { query: ForecastQuery; level: ForecastHeadingLevel }) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4" data-testid="network-forecast">
      <Heading
        id={`${id}-title`}
        className={level === 2 ? "text-2xl font-semibold" : "text-lg font-semibold"}
      >
        {TITLE}
      </Heading>
      {query.isPending ? (
        <ForecastLoading />
      ) : query.isError || !query.data ? (
        <ForecastError
          message={query.error?.message ?? "No answer came back."}
          onRetry={query.refetch}
          isRetrying={query.isFetching}
        />
      ) : query.data.status === "forecast" ? (
        <ForecastDetails view={query.data} level={level} />
      ) : (
        <ForecastStatusMessage view={query.data} />
      )}
    </section>
  );
}

/** A proposal's forecast, current rules against its values (anyone may read it). */
export function ProposalForecastPanel({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.forecasts.forProposal.queryOptions({ proposalId }, { retry: 1 }));
  return <ForecastSection query={query} level={2} />;
}

/** A draft's forecast in the wizard's review step; asked for only once the values pass their checks. */
export function DraftForecastPanel({ changes }: { changes: { key: string; toValue: number }[] }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.forecasts.forChanges.queryOptions({ changes }, { retry: 1 }));
  return <ForecastSection query={query} level={3} />;
}
