import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { EnrolmentTokenStatus } from "@/lib/domain/node-protocol/enrolment-token-status";
import { getRequestTime, getServerApi, getServerOrigin, type RouterOutputs } from "@/lib/trpc/server";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Enrolment tokens",
  description: "Create the one-time tokens that tie a new node to your operator account.",
};

const SIGN_IN_HREF = "/sign-in?next=/tokens";

const STATUS_TONES = {
  active: "success",
  expired: "neutral",
  "used up": "info",
  revoked: "warning",
} as const satisfies Record<EnrolmentTokenStatus, string>;

type TokenRows = RouterOutputs["enrolmentTokens"]["list"];

async function loadTokens(): Promise<TokenRows | "signed-out" | "not-ready"> {
  try {
    return await (await getServerApi()).enrolmentTokens.list();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return "signed-out";
    if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return "not-ready";
    throw error;
  }
}

export default async function TokensPage() {
  const tokens = await loadTokens();
  if (tokens === "signed-out") redirect(SIGN_IN_HREF);
  if (tokens === "not-ready") return <NotReady />;
  const now = getRequestTime();
  const server = await getServerOrigin();

  return (
    <>
      <PageHeader
        title="Enrolment tokens"
        description={
          <p>
            An enrolment token lets a new node join the network as yours. Give it to the node once, when you
            enrol it; the node then proves it holds its own key and never needs the token again.
          </p>
        }
      />

      <section aria-labelledby="how-to-enrol" className="mb-10 max-w-3xl">
        <h2 id="how-to-enrol" className="text-xl font-semibold">
          How to enrol a node
        </h2>
        <ol className="mt-3 list-decimal space-y-2 pl-6">
          <li>
            Create a token below. Choose how many nodes may use it and how long it stays valid (up to 7 days).
          </li>
          <li>
            Copy the token straight away: Plenum keeps only a fingerprint of it and cannot show it again.
          </li>
          <li>
            On the node, run the agent with the token, the address Plenum should push configs to, and a name:
            <pre className="mt-2 whitespace-pre-wrap break-all rounded-md border border-border bg-surface-muted p-3 text-sm">
              <code>{`npm run agent -- enrol --server ${server} --token <token> --endpoint https://node.example.org/plenum --name relay-1`}</code>
            </pre>
          </li>
          <li>
            The node appears under My nodes. The endpoint must be an https address that resolves to a public
            IP address.
          </li>
        </ol>
      </section>

      <CreateTokenForm serverUrl={server} />

      <section aria-labelledby="your-tokens" className="mt-10">
        <h2 id="your-tokens" className="mb-4 text-xl font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <EmptyState title="No enrolment tokens yet" headingLevel="h3">
            <p>
              Create one above to enrol your first node. Tokens you create are listed here with their uses
              left.
            </p>
          </EmptyState>
        ) : (
          <Table regionLabel="Your enrolment tokens">
            <TableCaption className="sr-only">
              Your enrolment tokens, newest first, with uses left, expiry and status.
            </TableCaption>
            <TableHeader>
              <TableRow className="border-t-0">
                <TableHead>Label</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Uses left</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead className="hidden sm:table-cell">Created</TableHead>
                {/* relative: keeps the sr-only text inside the scrolling table on narrow screens */}
                <TableHead className="relative">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((token) => (
                <TableRow key={token.id}>
                  <TableHead scope="row" className="font-medium">
                    {token.label}
                  </TableHead>
                  <TableCell>
                    <Badge tone={STATUS_TONES[token.status]}>{token.status}</Badge>
                  </TableCell>
                  <TableCell className="tabular-nums whitespace-nowrap">
                    {token.usesLeft} of {token.maxUses}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {token.status === "revoked" ? (
                      <>
                        revoked <RelativeTime at={token.revokedAt ?? now} now={now} />
                      </>
                    ) : (
                      <RelativeTime at={token.expiresAt} now={now} />
                    )}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">
                    <DateTime at={token.createdAt} />
                  </TableCell>
                  <TableCell className="text-right">
                    {token.status === "active" ? (
                      <RevokeTokenButton tokenId={token.id} label={token.label} />
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </>
  );
}
