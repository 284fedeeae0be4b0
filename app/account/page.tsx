import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionOperatorForRequest } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Your account",
  description: "Your operator account: role, password, sign-out.",
};

const ROLE_TEXT = {
  operator: "Operator: you enrol and run nodes; your nodes vote.",
  steward: "Steward: an operator who also moderates discussion and can cancel spam proposals.",
  admin: "Admin: a steward who also manages roles.",
} as const;

export default async function AccountPage() {
  const operator = await getSessionOperatorForRequest();
  if (!operator) redirect("/sign-in?next=/account");
  return (
    <>
      <PageHeader
        title="Your account"
        description={`Signed in as ${operator.displayName}.`}
        actions={<SignOutButton />}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle>Who you are</CardTitle>
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-3">
            <dt className="font-medium">Display name</dt>
            <dd>{operator.displayName}</dd>
            <dt className="font-medium">Email</dt>
            <dd className="break-all">{operator.email}</dd>
            <dt className="font-medium">Role</dt>
            <dd>
              <Badge>{operator.role}</Badge>
              <p className="mt-1 text-sm text-muted-foreground">{ROLE_TEXT[operator.role]}</p>
            </dd>
          </dl>
          <p className="mt-6 text-sm">
            <Link href="/my/nodes">Your nodes</Link> · <Link href="/tokens">Enrolment tokens</Link>
          </p>
        </Card>
        <Card>
          <CardTitle>Change password</CardTitle>
          <p className="mt-1 mb-4 text-sm text-muted-foreground">
            Changing it signs you out everywhere else.
          </p>
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
