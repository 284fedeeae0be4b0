import type { Metadata } from "next";
import { NotReady } from "@/components/not-ready";
import { ProposalWizard } from "@/components/proposals/proposal-wizard";
import { SignInPrompt } from "@/components/proposals/sign-in-prompt";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionOperatorForRequest, loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Propose a change",
  description: "Propose new values for the network's rules, explain why, and open them for discussion.",
};

export default async function NewProposalPage() {
  const operator = await getSessionOperatorForRequest();
  const header = (
    <PageHeader
      title="Propose a change"
      description={
        <p>
          Suggest new values for one or more of the network’s rules. Nothing changes until operators have
          discussed it and voted for it.
        </p>
      }
    />
  );
  if (!operator) {
    return (
      <>
        {header}
        <SignInPrompt next="/proposals/new" />
      </>
    );
  }
  const result = await loadWhenReady((api) => api.parameters.catalogue());
  if (!result.ready) return <NotReady />;
  return (
    <>
      {header}
      <ProposalWizard catalogue={result.data} />
    </>
  );
}
