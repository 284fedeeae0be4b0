import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { PageHeader } from "@/components/ui/page-header";
import { getRequestTime, getSessionOperatorForRequest, loadWhenReady } from "@/lib/trpc/server";
import { NodeStatusBadge } from "@/components/node-status-badge";
import { NodeBallotPermission } from "@/components/nodes/node-ballot-permission";
import { NodeVotingSection } from "@/components/nodes/node-voting-section";
import { NodeTrafficSection } from "@/components/confirmed-traffic/node-traffic-section";

export const dynamic = "force-dynamic";

type Params = Promise<{ nodeId: string }>;

/** An id that does not parse is as missing as one that is not in the database. */
const loadNode = cache(async (nodeId: string) => {
  try {
    return await loadWhenReady((api) => api.nodes.byId({ nodeId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
});

/** The node as its operator sees it, or null for everyone else (signed out, or someone else's node). */
async function loadOwnNode(nodeId: string) {
  if (!(await getSessionOperatorForRequest())) return null;
  try {
    const result = await loadWhenReady((api) => api.myNodes.byId({ nodeId }));
    return result.ready ? result.data : null;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "UNAUTHORIZED"))
      return null;
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const result = await loadNode((await params).nodeId);
  if (!result.ready) return { title: "Node" };
  return {
    title: `Node ${result.data.name}`,
    description: `Node ${result.data.name}, run by ${result.data.operatorName} in ${result.data.region}.`,
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

export default async function PublicNodePage({ params }: { params: Params }) {
  const result = await loadNode((await params).nodeId);
  if (!result.ready) return <NotReady />;
  const node = result.data;
  const own = await loadOwnNode(node.id);
  const now = getRequestTime();

  return (
    <>
      <p className="mb-4">
        <Link href="/nodes">
          <span aria-hidden="true">←</span> All nodes
        </Link>
      </p>
      <PageHeader
        title={<span className="break-all">{node.name}</span>}
        description={
          <p>
            A node run by {node.operatorName} in {node.region}.
          </p>
        }
      />
      <section
        aria-labelledby="node-facts"
        className="max-w-3xl rounded-lg border border-border bg-surface px-5 py-2"
      >
        <h2 id="node-facts" className="sr-only">
          About this node
        </h2>
        <dl>
          <Fact term="Status">
            <NodeStatusBadge status={node.status} />
          </Fact>
          <Fact term="Operator">{node.operatorName}</Fact>
          <Fact term="Region">{node.region}</Fact>
          <Fact term="Key fingerprint">
            <code className="break-all">{node.keyFingerprint}</code>
          </Fact>
          <Fact term="Enrolled">
            <DateTime at={node.createdAt} />
          </Fact>
          <Fact term="Last seen">
            {node.lastSeenAt ? (
              <>
                <RelativeTime at={node.lastSeenAt} now={now} />{" "}
                <span className="text-muted-foreground">
                  (<DateTime at={node.lastSeenAt} />)
                </span>
              </>
            ) : (
              "Never reported"
            )}
          </Fact>
          <Fact term="Config version reported">
            {node.reportedConfigVersion === null ? "None reported yet" : `v${node.reportedConfigVersion}`}
          </Fact>
          <Fact term="Config delivery">
            <Link href={`/sync/${encodeURIComponent(node.id)}`}>Delivery history</Link>
          </Fact>
        </dl>
      </section>
      {own ? (
        <section
          aria-labelledby="node-ballots"
          className="mt-8 max-w-3xl rounded-lg border border-border bg-surface px-5 py-4"
        >
          <h2 id="node-ballots" className="text-lg font-semibold">
            Ballots from this node
          </h2>
          <p className="mt-1 mb-4 text-sm text-muted-foreground">
            Only you see this. A node you allow can vote for you with <code>npm run agent -- vote</code>; its
            ballot counts as yours and replaces the one you cast before, on the web or from another node.
          </p>
          <NodeBallotPermission
            node={{ id: own.id, name: own.name, mayVote: own.mayVote, isActive: own.status === "Active" }}
          />
        </section>
      ) : null}
      {own ? <NodeVotingSection nodeId={own.id} /> : null}
      {own ? <NodeTrafficSection nodeId={own.id} /> : null}
    </>
  );
}
