import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Vote",
  description: "Your ballot in the voting round open now.",
};

/** A stable address for "vote now": the open round's ballot, or why there is none. */
export default async function VotePage() {
  const result = await loadWhenReady((api) => api.rounds.list({ limit: 1 }));
  if (!result.ready) return <NotReady />;
  const [latest] = result.data.rounds;
  if (latest?.phase === "open") redirect(`/rounds/${latest.number}/ballot`);
  return (
    <>
      <PageHeader title="Vote" />
      <EmptyState
        title="No voting round is open now"
        action={
          <div className="flex flex-wrap justify-center gap-3">
            <Button asChild variant="secondary">
              <Link href="/rounds">Past rounds and their results</Link>
            </Button>
            <Button asChild variant="ghost">
              <Link href="/proposals?state=Queued">Proposals queued for the next round</Link>
            </Button>
          </div>
        }
      >
        <p>
          {latest?.phase === "counting" ? `Round ${latest.number} has ended and is being counted. ` : null}A
          round opens every few days with every proposal whose discussion is over; an admin can open one now
          with <code>npm run admin -- round open</code>.
        </p>
      </EmptyState>
    </>
  );
}
