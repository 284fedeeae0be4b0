import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function RoundNotFound() {
  return (
    <>
      <PageHeader title="Round not found" />
      <EmptyState
        title="There is no voting round at this address"
        action={
          <Button asChild variant="secondary">
            <Link href="/rounds">See every round</Link>
          </Button>
        }
      >
        <p>Rounds are numbered 1, 2, 3, … in the order they opened; the link may be mistyped or too new.</p>
      </EmptyState>
    </>
  );
}
