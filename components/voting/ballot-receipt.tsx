"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DateTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/domain/format-number";
import { useTRPC } from "@/lib/trpc/client";

export interface ReceiptSummary {
  roundNumber: number;
  seq: number;
  receipt: string;
  prevReceipt: string;
  cost: number;
  budget: number;
  submittedAt: Date;
}

/** The stored ballot's receipt, with the full receipt document (JSON) to download and check. */
export function BallotReceipt({ receipt, isNew }: { receipt: ReceiptSummary; isNew: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [downloadError, setDownloadError] = useState<string | null>(null);

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
        download: `plenum-round-${receipt.roundNumber}-ballot-${receipt.seq}-receipt.json`,
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
      <h2 id="receipt-heading" className="text-base font-semibold" tabIndex={-1}>
        {isNew ? "Ballot stored: your receipt" : "Your ballot that counts"}
      </h2>
      <p role={isNew ? "status" : undefined} className="mt-1 text-sm">
        {isNew ? "Your new ballot replaced any earlier one. " : null}
        Stored <DateTime at={receipt.submittedAt} /> as ballot #{receipt.seq} of the round, costing{" "}
        {formatNumber(receipt.cost)} of your {formatNumber(receipt.budget)} credits.
      </p>
      <dl className="mt-3 space-y-2 text-sm">
        <div>
          <dt className="font-medium">Receipt (SHA-256)</dt>
          <dd>
            <code className="break-all">{receipt.receipt}</code>
          </dd>
        </div>
        <div>
          <dt className="font-medium">Chained to the receipt before it</dt>
          <dd>
            <code className="break-all">{receipt.prevReceipt || "none: the first ballot of the round"}</code>
          </dd>
        </div>
      </dl>
      <p className="mt-3 text-sm">
        Keep the receipt: once the round closes, find it in the public ballot export and run{" "}
        <code>npm run verify</code> to check every ballot and tally.
      </p>
      <Button variant="secondary" size="sm" className="mt-3" onClick={() => void download()}>
        Download the receipt (JSON)
      </Button>
      {downloadError ? (
        <p role="alert" className="mt-2 text-sm font-medium text-danger-fg">
          {downloadError}
        </p>
      ) : null}
    </section>
  );
}
