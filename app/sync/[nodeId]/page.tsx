import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatNumber } from "@/lib/domain/format-number";
import { syncAttemptsPageFromSearchParams, syncStatusExplanation } from "@/lib/schemas/sync";
import { getRequestTime, loadWhenReady } from "@/lib/trpc/server";
import { RetryNowButton } from "../retry-now-button";
import { SyncStatusBadge } from "../sync-status-badge";
import { attemptOutcomeLabel, versionText } from "../sync-text";

export const dynamic = "force-dynamic";

type Params = Promise<{ nodeId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const loadAttempts = cache(async (nodeId: string, page: number) => {
  try {
    return await loadWhenReady((api) => api.sync.attempts({ nodeId, page }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
});

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}): Promise<Metadata> {
  const result = await loadAttempts(
    (await params).nodeId,
    syncAttemptsPageFromSearchParams(await searchParams),
  );
  if (!result.ready) return { title: "Config delivery" };
  return {
    title: `Config delivery to ${result.data.node.name}`,
    description: `Every attempt to deliver the signed config to node ${result.data.node.name}.`,
  };
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="border-t border-border py-3 first:border-t-0 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="font-medium text-muted-foreground">{term}</dt>
      <dd className="mt-1 sm:mt-0">{children}</dd>
    </div>
  );
}

const KIND_LABELS: Record<string, string> = { push: "Push", "read-back": "Read-back" };

export default async function SyncNodePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { nodeId } = await params;
  const result = await loadAttempts(nodeId, syncAttemptsPageFromSearchParams(await searchParams));
  if (!result.ready) return <NotReady />;
  const { node, sync, attempts, total, page, pageCount, showsNodeReplies } = result.data;
  const now = getRequestTime();
  const href = (target: number) =>
    `/sync/${encodeURIComponent(node.id)}${target === 1 ? "" : `?page=${target}`}#attempts`;

  return (
    <>
      <p className="mb-4">
        <Link href="/sync">
          <span aria-hidden="true">←</span> Config sync
        </Link>
      </p>
      <PageHeader
        title={<span className="break-all">Config delivery to {node.name}</span>}
        description={
          <p>
            A node run by {node.operatorName}.{" "}
            <Link href={`/nodes/${encodeURIComponent(node.id)}`}>See the node&apos;s page</Link>.
          </p>
        }
        actions={sync?.canRetryNow ? <RetryNowButton nodeId={node.id} nodeName={node.name} /> : null}
      />

      {sync ? (
        <section
          aria-labelledby="delivery-state"
          className="mb-10 max-w-3xl rounded-lg border border-border bg-surface px-5 py-2"
        >
          <h2 id="delivery-state" className="sr-only">
            Delivery state
          </h2>
          <dl>
            <Fact term="Sync status">
              <SyncStatusBadge status={sync.status} />
              <p className="mt-1 text-sm text-muted-foreground">
                {syncStatusExplanation(sync.status, sync.hasEndpoint)}
              </p>
            </Fact>
            <Fact term="Should hold">{versionText(sync.desiredVersion)}</Fact>
            <Fact term="Acknowledged">{versionText(sync.acknowledgedVersion)}</Fact>
            <Fact term="Observed">{versionText(sync.observedVersion)}</Fact>
            <Fact term="Last attempt">
              {sync.lastAttemptAt ? <RelativeTime at={sync.lastAttemptAt} now={now} /> : "None yet"}
            </Fact>
            <Fact term="Failed attempts in a row">{formatNumber(sync.failureCount)}</Fact>
            <Fact term="Last error">{sync.lastError ?? "None"}</Fact>
            <Fact term="Next attempt">
              {sync.nextAttemptAt ? (
                <>
                  <RelativeTime at={sync.nextAttemptAt} now={now} />{" "}
                  <span className="text-muted-foreground">
                    (<DateTime at={sync.nextAttemptAt} />)
                  </span>
                </>
              ) : sync.hasEndpoint ? (
                "None planned"
              ) : (
                "This node has no config endpoint; its status follows the version it reports."
              )}
            </Fact>
          </dl>
        </section>
      ) : (
        <p className="mb-10 max-w-prose">
          The sync worker has not picked this node up yet. Its delivery state appears here after the first
          attempt.
        </p>
      )}

      <section aria-labelledby="attempts">
        <h2 id="attempts" className="mb-4 text-2xl font-semibold">
          Delivery attempts
        </h2>
        {showsNodeReplies ? null : (
          <p className="mb-4 max-w-prose text-sm text-muted-foreground">
            What the node replied is shown only to its operator and to stewards; here you see each
            answer&apos;s status and a summary of any error.
          </p>
        )}
        {total === 0 ? (
          <EmptyState headingLevel="h3" title="No attempts yet">
            <p>Every push and read-back the sync worker makes to this node is listed here, newest first.</p>
          </EmptyState>
        ) : attempts.length === 0 ? (
          <EmptyState headingLevel="h3" title={`Page ${page} is past the end of the history`}>
            <p>
              <Link href={href(pageCount)}>Go to the last page ({pageCount})</Link>
            </p>
          </EmptyState>
        ) : (
          <>
            <Table regionLabel="Delivery attempts">
              <TableCaption className="sr-only">
                {formatNumber(total)} delivery attempts to {node.name}, newest first; page {page} of{" "}
                {pageCount}.
              </TableCaption>
              <TableHeader>
                <TableRow className="border-t-0">
                  <TableHead>When</TableHead>
                  <TableHead>Kind</TableHead>
                  <TableHead>Version</TableHead>
                  <TableHead>Answer</TableHead>
                  <TableHead>Took</TableHead>
                  <TableHead>Details</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {attempts.map((attempt) => (
                  <TableRow key={attempt.id}>
                    <TableHead scope="row" className="whitespace-nowrap font-normal">
                      <DateTime at={attempt.startedAt} />
                    </TableHead>
                    <TableCell>{KIND_LABELS[attempt.kind] ?? attempt.kind}</TableCell>
                    <TableCell className="tabular-nums">{versionText(attempt.version)}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      {attemptOutcomeLabel(attempt.outcome)}
                      {attempt.httpStatus === null ? "" : ` (HTTP ${attempt.httpStatus})`}
                    </TableCell>
                    <TableCell className="whitespace-nowrap tabular-nums">
                      {formatNumber(attempt.durationMs)} ms
                    </TableCell>
                    <TableCell className="min-w-48 text-sm">
                      {attempt.error ? <p>{attempt.error}</p> : null}
                      {attempt.replyExcerpt ? (
                        <details>
                          <summary className="cursor-pointer">Node&apos;s reply (first 2 KiB)</summary>
                          <pre
                            tabIndex={0}
                            className="mt-2 max-h-48 max-w-md overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-muted p-2 text-xs"
                          >
                            {attempt.replyExcerpt}
                          </pre>
                        </details>
                      ) : null}
                      {!attempt.error && !attempt.replyExcerpt ? "—" : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination label="Attempt history pages" page={page} pageCount={pageCount} hrefForPage={href} />
          </>
        )}
      </section>
    </>
  );
}
