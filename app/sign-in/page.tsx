import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { safeNextPath } from "@/lib/domain/identity/safe-next-path";
import { firstSearchParam, type SearchParams } from "@/lib/schemas/search-params";
import { getSessionOperatorForRequest } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to manage your nodes and enrolment tokens.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const requested = firstSearchParam((await searchParams).next);
  // Only a path on this site goes on to the form; anything else ("/%09/evil.example") becomes "/".
  const next = requested === undefined ? null : safeNextPath(requested);
  if (await getSessionOperatorForRequest()) redirect("/account");
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Sign in"
        description="Operators sign in to manage their nodes and enrolment tokens."
      />
      <Card>
        <SignInForm next={next} />
      </Card>
    </div>
  );
}
