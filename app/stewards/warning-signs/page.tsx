import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { AccountsCreatedTogetherList } from "@/components/stewards/accounts-created-together-list";
import { IdenticalBallotsList } from "@/components/stewards/identical-ballots-list";
import { StewardsOnly } from "@/components/stewards/stewards-only";
import { WarningSignsExplainer } from "@/components/stewards/warning-signs-explainer";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber } from "@/lib/domain/format-number";
import { WARNING_SIGNS_DEFAULT_DAYS, type WarningSigns } from "@/lib/schemas/warning-signs";
import { getServerApi } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Warning signs",
  description:
    "For stewards: accounts that look created together, and their identical ballots. Evidence, never proof.",
};

const PATH = "/stewards/warning-signs";

async function loadSigns(): Promise<WarningSigns | "signed-out" | "not-steward" | "not-ready"> {
  try {
    return await (await getServerApi()).warningSigns.recent({ days: WARNING_SIGNS_DEFAULT_DAYS });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return "signed-out";
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return "not-steward";
    if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return "not-ready";
    throw error;
  }
}

function checkedText(signs: WarningSigns): string {
  const rounds = signs.roundsChecked.length;
  const accounts = `${formatNumber(signs.accountsChecked)} ${signs.accountsChecked === 1 ? "account" : "accounts"}`;
  const roundText =
    rounds === 0 ? "no round closed" : `${formatNumber(rounds)} closed ${rounds === 1 ? "round" : "rounds"}`;
  return `Checked: ${accounts} created and ${roundText} in the last ${signs.days} days.`;
}

export default async function WarningSignsPage() {
  const signs = await loadSigns();
  if (signs === "signed-out") redirect(`/sign-in?next=${PATH}`);
  if (signs === "not-steward") return <StewardsOnly what="The warning signs page" />;
  if (signs === "not-ready") return <NotReady />;
  const hasSigns = signs.groupCount > 0 || signs.identicalBallotCount > 0;

  return (
    <>
      <PageHeader
        title="Warning signs"
        description={
          <p>
            Patterns that one person running many accounts tends to leave, over the last {signs.days} days.
            Only stewards and admins see this page, because it shows network clusters.
          </p>
        }
      />
      <WarningSignsExplainer />
      <p className="mb-6 text-sm text-muted-foreground">
        {checkedText(signs)}
        {signs.isAccountCheckCapped
          ? ` More accounts were created than one check reads: only the newest ${formatNumber(signs.accountsChecked)} were compared.`
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
        </>
      ) : (
        <EmptyState title={`No warning signs in the last ${signs.days} days`}>
          <p>
            No accounts created together share a first network cluster, and no tied accounts cast identical
            ballots. Signs that appear later show here.
          </p>
        </EmptyState>
      )}
    </>
  );
}
