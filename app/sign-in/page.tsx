import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { firstSearchParam, type SearchParams } from "@/lib/schemas/search-params";
import { getSessionOperatorForRequest } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to manage your nodes and enrolment tokens.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const next = firstSearchParam((await searchParams).next) ?? null;
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
