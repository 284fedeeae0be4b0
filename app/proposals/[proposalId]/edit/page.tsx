import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { ProposalWizard } from "@/components/proposals/proposal-wizard";
import { SignInPrompt } from "@/components/proposals/sign-in-prompt";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionOperatorForRequest, loadWhenReady } from "@/lib/trpc/server";
import { loadProposal } from "../load-proposal";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Edit draft" };

type PageProps = { params: Promise<{ proposalId: string }> };

export default async function EditProposalPage({ params }: PageProps) {
  const { proposalId } = await params;
  const href = `/proposals/${encodeURIComponent(proposalId)}`;
  if (!(await getSessionOperatorForRequest())) {
    return (
      <>
        <PageHeader title="Edit draft" />
        <SignInPrompt next={`${href}/edit`} />
      </>
    );
  }
  const proposal = await loadProposal(proposalId);
  if (proposal === "not-found") notFound();
  if (proposal === "not-ready") return <NotReady />;
  if (!proposal.viewer.canEdit) {
    return (
      <>
        <PageHeader title="Edit draft" />
        <EmptyState
          title="This proposal cannot be edited"
          action={
            <Button asChild variant="secondary">
              <Link href={href}>Back to the proposal</Link>
            </Button>
          }
        >
          <p>
            Only its author can edit a proposal, and only while it is a draft. Once published it stays as it
            was written, so everyone discusses the same text.
          </p>
        </EmptyState>
      </>
    );
  }
  const catalogue = await loadWhenReady((api) => api.parameters.catalogue());
  if (!catalogue.ready) return <NotReady />;
  return (
    <>
      <p className="mb-4">
        <Link href={href}>
          <span aria-hidden="true">←</span> Back to the draft
        </Link>
      </p>
      <PageHeader
        title="Edit draft"
        description={<p>Change anything you like; the draft stays private until you publish it.</p>}
      />
      <ProposalWizard
        catalogue={catalogue.data}
        draft={{
          proposalId: proposal.id,
          title: proposal.title,
          summary: proposal.summary,
          rationale: proposal.rationale,
          changes: proposal.changes.map((change) => ({ key: change.key, toValue: change.toValue })),
        }}
      />
    </>
  );
}
