import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function ProposalNotFound() {
  return (
    <>
      <PageHeader title="Proposal not found" />
      <EmptyState
        title="There is no proposal at this address"
        action={
          <Button asChild variant="secondary">
            <Link href="/proposals">See all proposals</Link>
          </Button>
        }
      >
        <p>
          The link may be mistyped, or it points to a draft: drafts are visible only to their author, once
          signed in.
        </p>
      </EmptyState>
    </>
  );
}
