import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { AccountsCreatedTogetherList } from "@/components/stewards/accounts-created-together-list";
import { ExclusivePairsList } from "@/components/stewards/exclusive-pairs-list";
import { IdenticalBallotsList } from "@/components/stewards/identical-ballots-list";
import { StewardsOnly } from "@/components/stewards/stewards-only";
import { WarningSignsExplainer } from "@/components/stewards/warning-signs-explainer";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber } from "@/lib/domain/format-number";
import {
  WARNING_SIGNS_DEFAULT_DAYS,
  type ExclusivePairs,
  type WarningSigns,
} from "@/lib/schemas/warning-signs";
import { getServerApi } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Warning signs",
  description:
    "For stewards: accounts that look created together, their identical ballots, and node pairs that only trade with each other. Evidence, never proof.",
};

const PATH = "/stewards/warning-signs";

type Signs = { recent: WarningSigns; pairs: ExclusivePairs };

async function loadSigns(): Promise<Signs | "signed-out" | "not-steward" | "not-ready"> {
  try {
    const api = await getServerApi();
    const [recent, pairs] = await Promise.all([
      api.warningSigns.recent({ days: WARNING_SIGNS_DEFAULT_DAYS }),
      api.warningSigns.exclusivePairs(),
    ]);
    return { recent, pairs };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return "signed-out";
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return "not-steward";
    if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return "not-ready";
    throw error;
  }
}

function checkedText({ recent: signs, pairs }: Signs): string {
  const rounds = signs.roundsChecked.length;
  const accounts = `${formatNumber(signs.accountsChecked)} ${signs.accountsChecked === 1 ? "account" : "accounts"}`;
  const roundText =
    rounds === 0 ? "no round closed" : `${formatNumber(rounds)} closed ${rounds === 1 ? "round" : "rounds"}`;
  const nodes = `${formatNumber(pairs.nodesChecked)} ${pairs.nodesChecked === 1 ? "node" : "nodes"}`;
  return `Checked: ${accounts} created and ${roundText} in the last ${signs.days} days, and the traffic ${nodes} reported with their peers in the last ${pairs.days} days.`;
}

export default async function WarningSignsPage() {
  const loaded = await loadSigns();
  if (loaded === "signed-out") redirect(`/sign-in?next=${PATH}`);
  if (loaded === "not-steward") return <StewardsOnly what="The warning signs page" />;
  if (loaded === "not-ready") return <NotReady />;
  const { recent: signs, pairs } = loaded;
  const hasSigns = signs.groupCount > 0 || signs.identicalBallotCount > 0 || pairs.pairCount > 0;

  return (
    <>
      <PageHeader
        title="Warning signs"
        description={
          <p>
            Patterns that one person running many accounts, or nodes confirming each other’s made-up traffic,
            tend to leave. Only stewards and admins see this page, because it shows network clusters.
          </p>
        }
      />
      <WarningSignsExplainer />
      <p className="mb-6 text-sm text-muted-foreground">
        {checkedText(loaded)}
        {signs.isAccountCheckCapped
          ? ` More accounts were created than one check reads: only the newest ${formatNumber(signs.accountsChecked)} were compared.`
          : null}
        {pairs.isNodeCheckCapped
          ? ` More nodes reported traffic than one check reads: only ${formatNumber(pairs.nodesChecked)} were compared.`
          : null}
      </p>
      {hasSigns ? (
        <>
          <section aria-labelledby="accounts-created-together" className="mb-10">
            <h2 id="accounts-created-together" className="mb-4 text-xl font-semibold">
              Accounts created together
            </h2>
            {signs.groupCount === 0 ? (
              <p>None in the last {signs.days} days.</p>
            ) : (
              <AccountsCreatedTogetherList groups={signs.groups} groupCount={signs.groupCount} />
            )}
          </section>
          <section aria-labelledby="identical-ballots">
            <h2 id="identical-ballots" className="mb-4 text-xl font-semibold">
              Identical ballots
            </h2>
            {signs.identicalBallotCount === 0 ? (
              <p>None in rounds closed in the last {signs.days} days.</p>
            ) : (
              <IdenticalBallotsList signs={signs.identicalBallots} signCount={signs.identicalBallotCount} />
            )}
          </section>
          <section aria-labelledby="exclusive-pairs" className="mt-10">
            <h2 id="exclusive-pairs" className="mb-4 text-xl font-semibold">
              Node pairs that only trade with each other
            </h2>
            {pairs.pairCount === 0 ? (
              <p>None in the last {pairs.days} days.</p>
            ) : (
              <ExclusivePairsList signs={pairs} />
            )}
          </section>
        </>
      ) : (
        <EmptyState title={`No warning signs in the last ${signs.days} days`}>
          <p>
            No accounts created together share a first network cluster, no tied accounts cast identical
            ballots, and no two nodes traded only with each other in the last {pairs.days} days. Signs that
            appear later show here.
          </p>
        </EmptyState>
      )}
    </>
  );
}
