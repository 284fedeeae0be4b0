import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { NodeStatusBadge } from "@/components/node-status-badge";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber } from "@/lib/domain/format-number";
import { getRequestTime, loadWhenReady } from "@/lib/trpc/server";
import { NodeActions } from "./node-actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "My nodes",
  description:
    "The nodes you run: status, key fingerprint, endpoint and last report; rename, re-point or retire them.",
};

const SIGN_IN_HREF = "/sign-in?next=/my/nodes";

async function loadMyNodes() {
  try {
    return await loadWhenReady((api) => api.myNodes.list());
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return "signed-out" as const;
    throw error;
  }
}

function Fact({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-sm font-medium text-muted-foreground">{term}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

function EnrolHelp() {
  return (
    <ol className="mx-auto mt-4 max-w-prose list-decimal space-y-3 pl-6 text-left">
      <li>
        Create an enrolment token on the <Link href="/tokens">Enrolment tokens</Link> page.
      </li>
      <li>
        On the machine that runs the node, create its key and enrol it:
        <pre className="mt-2 rounded-md bg-surface-muted px-4 py-3 text-sm break-all whitespace-pre-wrap text-foreground">
          <code>
            {"npm run agent -- keygen\n"}
            {"npm run agent -- enrol --server <this site's address> --token plnm_enr_… \\\n"}
            {"    --endpoint https://node.example.org:8443/ --name relay-01"}
          </code>
        </pre>
      </li>
      <li>
        Start it with <code>npm run agent -- run</code>; it appears here and reports every minute.
      </li>
    </ol>
  );
}

export default async function MyNodesPage() {
  const result = await loadMyNodes();
  if (result === "signed-out") redirect(SIGN_IN_HREF);
  if (!result.ready) return <NotReady />;
  const { nodes, totals, onlineWindowMinutes } = result.data;
  const now = getRequestTime();

  return (
    <>
      <PageHeader
        title="My nodes"
        description={
          <p>
            The nodes you run. Each one proved it holds its key when it enrolled; the fingerprint below
            matches that key.
          </p>
        }
        actions={<Link href="/my/stats">Service and rewards →</Link>}
      />

      {nodes.length === 0 ? (
        <EmptyState title="You have no nodes yet">
          <p>A node joins in three steps:</p>
          <EnrolHelp />
        </EmptyState>
      ) : (
        <>
          <p className="mb-4 text-muted-foreground">
            {formatNumber(totals.active)} active ({formatNumber(totals.online)} reported in the last{" "}
            {onlineWindowMinutes} minutes), {formatNumber(totals.gone)} retired. Enrol more with a token from{" "}
            <Link href="/tokens">Enrolment tokens</Link>.
          </p>
          <p className="mb-4 text-muted-foreground">
            {formatNumber(nodes.filter((node) => node.status === "Active" && node.mayVote).length)} of your
            active nodes may cast ballots for you. Any of them can replace your whole ballot, so allow only
            nodes you control and trust.
          </p>
          <ul className="space-y-4" aria-label="Your nodes">
            {nodes.map((node) => (
              <li key={node.id}>
                <article
                  aria-labelledby={`node-${node.id}-name`}
                  className="rounded-lg border border-border bg-surface p-4 sm:p-5"
                >
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <h2 id={`node-${node.id}-name`} className="text-lg font-semibold break-all">
                      <Link href={`/nodes/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                    </h2>
                    <NodeStatusBadge status={node.status} />
                  </div>
                  <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
                    <Fact term="Last seen">
                      {node.lastSeenAt ? (
                        <>
                          <RelativeTime at={node.lastSeenAt} now={now} />
                          <span className="block text-sm text-muted-foreground">
                            <DateTime at={node.lastSeenAt} />
                          </span>
                        </>
                      ) : (
                        "Never reported"
                      )}
                    </Fact>
                    <Fact term="Config version reported">
                      {node.reportedConfigVersion === null ? "None yet" : `v${node.reportedConfigVersion}`}
                    </Fact>
                    <Fact term="Region">{node.region}</Fact>
                    <Fact term="Enrolled">
                      <DateTime at={node.createdAt} />
                    </Fact>
                    <Fact term="Key fingerprint" wide>
                      <code>{node.keyFingerprint}</code>
                    </Fact>
                    <Fact term="Endpoint" wide>
                      {node.endpointUrl ? <code className="break-all">{node.endpointUrl}</code> : "Not set"}
                    </Fact>
                    <Fact term="Casts ballots for you" wide>
                      <span>{node.mayVote ? "Allowed" : "Not allowed"}</span>
                      {node.status === "Active" ? (
                        <>
                          {" "}
                          <span className="text-sm text-muted-foreground">
                            (
                            <Link href={`/nodes/${encodeURIComponent(node.id)}#node-ballots`}>
                              change<span className="sr-only"> for {node.name}</span>
                            </Link>
                            )
                          </span>
                        </>
                      ) : null}
                    </Fact>
                  </dl>
                  <NodeActions
                    node={{
                      id: node.id,
                      name: node.name,
                      endpointUrl: node.endpointUrl,
                      isActive: node.status === "Active",
                    }}
                  />
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
