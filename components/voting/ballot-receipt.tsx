"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { DateTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/domain/format-number";
import { useTRPC } from "@/lib/trpc/client";

export interface ReceiptSummary {
  roundNumber: number;
  /** Only once the round has closed: while it is open no trace of a single ballot is shown. */
  seq?: number;
  receipt: string;
  cost: number;
  budget: number;
  submittedAt: Date;
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
