import type { Metadata } from "next";
import { NotReady } from "@/components/not-ready";
import { ProposalWizard } from "@/components/proposals/proposal-wizard";
import { SignInPrompt } from "@/components/proposals/sign-in-prompt";
import { PageHeader } from "@/components/ui/page-header";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { readProposalPrefill } from "@/lib/schemas/explore";
import { firstSearchParam } from "@/lib/schemas/search-params";
import { getSessionOperatorForRequest, loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Propose a change",
  description: "Propose new values for the network's rules, explain why, and open them for discussion.",
};

type SearchParams = Record<string, string | string[] | undefined>;

/** This page's address with Explore's prefill kept, so signing in comes back to the same values. */
function pathWithPrefill(search: SearchParams): string {
  const query = new URLSearchParams();
  for (const name of ["changes", "goal"]) {
    const value = firstSearchParam(search[name]);
    if (value !== undefined) query.set(name, value);
  }
  const text = query.toString();
  return text ? `/proposals/new?${text}` : "/proposals/new";
}

export default async function NewProposalPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
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
        <SignInPrompt next={pathWithPrefill(search)} />
      </>
    );
  }
  const result = await loadWhenReady((api) => api.parameters.catalogue());
  if (!result.ready) return <NotReady />;
  const current = Object.fromEntries(
    result.data.categories.flatMap((category) => category.parameters).map((p) => [p.key, p.value]),
  ) as ParameterValues;
  const prefill = readProposalPrefill(
    { changes: firstSearchParam(search.changes), goal: firstSearchParam(search.goal) },
    current,
  );
  return (
    <>
      {header}
      <ProposalWizard catalogue={result.data} prefill={prefill.status === "none" ? undefined : prefill} />
    </>
  );
}
