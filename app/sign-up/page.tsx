import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { safeNextPath } from "@/lib/domain/identity/safe-next-path";
import { firstSearchParam, type SearchParams } from "@/lib/schemas/search-params";
import { getSessionOperatorForRequest } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Create an account",
  description: "Create an operator account to enrol your nodes.",
};

export default async function SignUpPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const requested = firstSearchParam((await searchParams).next);
  // Only a path on this site goes on to the form; anything else ("/%09/evil.example") becomes "/".
  const next = requested === undefined ? null : safeNextPath(requested);
  if (await getSessionOperatorForRequest()) redirect("/account");
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Create an account"
        description="An operator account lets you enrol nodes; their votes and rewards follow."
      />
      <Card>
        <SignUpForm next={next} />
      </Card>
    </div>
  );
}
