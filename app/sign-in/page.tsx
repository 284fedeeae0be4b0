import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionOperatorForRequest } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to manage your nodes and enrolment tokens.",
};

function firstValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = firstValue((await searchParams).next);
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
