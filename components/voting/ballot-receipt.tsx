"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { DateTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/domain/format-number";
import { useTRPC } from "@/lib/trpc/client";

type BallotNode = { id: string; name: string };

/** Where the operator's ballot came from (shown to them only): a node of theirs or the web form. */
export interface BallotOrigin {
  source: string;
  /** The node whose key cast it; null for a ballot from the web. */
  node: BallotNode | null;
  /** The operator's ballot it replaced in the round, if any. */
  replaced: { source: string; submittedAt: Date; node: BallotNode | null } | null;
  nodeReplacedWebBallot: boolean;
}

export interface ReceiptSummary {
  roundNumber: number;
  origin?: BallotOrigin;
  /** Only once the round has closed: while it is open no trace of a single ballot is shown. */
  seq?: number;
  receipt: string;
  cost: number;
  budget: number;
  submittedAt: Date;
}

function NodeLink({ node }: { node: BallotNode }) {
  return (
    <Link href={`/nodes/${encodeURIComponent(node.id)}`} className="font-medium break-all">
      {node.name}
    </Link>
  );
}

/** "cast from node relay-01 (link) at …" or "cast from the web by you at …". */
function CastFrom({ source, node, at }: { source: string; node: BallotNode | null; at: Date }) {
  return source === "node" && node ? (
    <>
      cast from node <NodeLink node={node} /> at <DateTime at={at} />
    </>
  ) : (
    <>
      cast from the web by you at <DateTime at={at} />
    </>
  );
}

/** Which node (or the web) cast the ballot that counts, what it replaced, and a warning when a node replaced a web ballot. */
function BallotOriginText({
  origin,
  submittedAt,
  isRoundClosed,
}: {
  origin: BallotOrigin;
  submittedAt: Date;
  isRoundClosed: boolean;
}) {
  const { replaced } = origin;
  return (
    <>
      <p className="mt-2 text-sm">
        Your ballot that {isRoundClosed ? "counted" : "counts"} was{" "}
        <CastFrom source={origin.source} node={origin.node} at={submittedAt} />.
        {replaced ? (
          <>
            {" "}
            It replaced your earlier ballot,{" "}
            <CastFrom source={replaced.source} node={replaced.node} at={replaced.submittedAt} />.
          </>
        ) : null}
      </p>
      {origin.nodeReplacedWebBallot && origin.node ? (
        <div className="mt-3 rounded-md border-2 border-warning-fg bg-warning-bg p-3 text-sm text-warning-fg">
          <p className="font-semibold">A node&apos;s ballot replaced the one you cast on the web</p>
          <p className="mt-1">
            If you did not send it from <NodeLink node={origin.node} />, withdraw that node&apos;s permission
            to cast ballots on its page{isRoundClosed ? "" : ", then vote again here"}.
          </p>
        </div>
      ) : null}
    </>
  );
}

/**
 * The stored ballot's receipt. The full receipt document (JSON, with the receipt before it and the hashed
 * text) can be downloaded only once the round has closed: the server withholds it while ballots are taken.
 */
export function BallotReceipt({
  receipt,
  isNew,
  isRoundClosed,
}: {
  receipt: ReceiptSummary;
  /** Just stored: the heading takes focus, so keyboard and screen-reader users land on the receipt. */
  isNew: boolean;
  isRoundClosed: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  useEffect(() => {
    if (isNew) headingRef.current?.focus();
  }, [isNew]);

  async function download() {
    setDownloadError(null);
    try {
      const document = await queryClient.fetchQuery(
        trpc.rounds.receipt.queryOptions({ roundNumber: receipt.roundNumber }, { staleTime: 0 }),
      );
      const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = Object.assign(window.document.createElement("a"), {
        href: url,
        download: `plenum-round-${document.roundNumber}-ballot-${document.seq}-receipt.json`,
      });
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setDownloadError(
        `The receipt could not be downloaded (${error instanceof Error ? error.message : "unknown error"}). Reload the page and try again.`,
      );
    }
  }

  return (
    <section
      aria-labelledby="receipt-heading"
      className="rounded-lg border-2 border-success-fg bg-success-bg p-4 text-success-fg"
    >
      <h2 ref={headingRef} id="receipt-heading" className="text-base font-semibold" tabIndex={-1}>
        {isNew
          ? "Ballot stored: your receipt"
          : isRoundClosed
            ? "Your ballot that counted"
            : "Your ballot that counts"}
      </h2>
      <p className="mt-1 text-sm">
        {isNew ? "Your new ballot replaced any earlier one. " : null}
        Stored <DateTime at={receipt.submittedAt} />
        {receipt.seq === undefined ? "" : ` as ballot #${receipt.seq} of the round`}, costing{" "}
        {formatNumber(receipt.cost)} of your {formatNumber(receipt.budget)} credits.
      </p>
      {receipt.origin ? (
        <BallotOriginText
          origin={receipt.origin}
          submittedAt={receipt.submittedAt}
          isRoundClosed={isRoundClosed}
        />
      ) : null}
      <dl className="mt-3 text-sm">
        <dt className="font-medium">Receipt (SHA-256)</dt>
        <dd>
          <code className="break-all">{receipt.receipt}</code>
        </dd>
      </dl>
      {isRoundClosed ? (
        <>
          <p className="mt-3 text-sm">
            The receipt document holds your ballot, the receipt before it and the exact text it hashes. Find
            your receipt in the round&apos;s public ballot export and run <code>npm run verify</code> to check
            every ballot and tally.
          </p>
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => void download()}>
            Download the receipt (JSON)
          </Button>
          {downloadError ? (
            <p role="alert" className="mt-2 text-sm font-medium text-danger-fg">
              {downloadError}
            </p>
          ) : null}
        </>
      ) : (
        <p className="mt-3 text-sm">
          Keep the receipt. The full receipt document, with the receipt before yours, becomes available here
          when the round closes; then find your receipt in the public ballot export and run{" "}
          <code>npm run verify</code> to check every ballot and tally.
        </p>
      )}
    </section>
  );
}
