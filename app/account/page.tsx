import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { TwoFactorManage } from "@/components/auth/two-factor-manage";
import { TwoFactorSetup } from "@/components/auth/two-factor-setup";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canModerate } from "@/lib/domain/roles";
import { getServerApi, getSessionOperatorForRequest } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Your account",
  description: "Your operator account: role, password, two-factor sign-in, sign-out.",
};

const ROLE_TEXT = {
  operator: "Operator: you enrol and run nodes; your nodes vote.",
  steward: "Steward: an operator who also moderates discussion and can cancel spam proposals.",
  admin: "Admin: a steward who also manages roles.",
} as const;

export default async function AccountPage() {
  const operator = await getSessionOperatorForRequest();
  if (!operator) redirect("/sign-in?next=/account");
  const twoFactor = await (await getServerApi()).account.twoFactor();
  return (
    <>
      <PageHeader
        title="Your account"
        description={`Signed in as ${operator.displayName}.`}
        actions={<SignOutButton />}
      />
      {twoFactor.isPrompted ? (
        <div
          role="note"
          aria-labelledby="two-factor-prompt-title"
          className="mb-6 rounded-lg border border-warning-fg bg-warning-bg p-4 text-warning-fg"
        >
          <p id="two-factor-prompt-title" className="font-semibold">
            Turn on two-factor sign-in
          </p>
          <p className="mt-1 text-sm">
            As {operator.role === "admin" ? "an admin" : "a steward"} you act for the whole network, so a
            stolen password should not be enough to sign in as you.{" "}
            <a href="#two-factor" className="text-warning-fg underline">
              Set it up below
            </a>{" "}
            — it takes a minute and an authenticator app.
          </p>
        </div>
      ) : null}
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
            {canModerate(operator.role) ? (
              <>
                {" "}
                · <Link href="/stewards/warning-signs">Warning signs</Link>
              </>
            ) : null}
          </p>
        </Card>
        <Card>
          <CardTitle>Change password</CardTitle>
          <p className="mt-1 mb-4 text-sm text-muted-foreground">
            Changing it signs you out everywhere else.
          </p>
          <ChangePasswordForm owner={{ email: operator.email, displayName: operator.displayName }} />
        </Card>
        <Card id="two-factor" className="lg:col-span-2">
          <CardTitle>Two-factor sign-in</CardTitle>
          {twoFactor.isEnabled ? (
            <>
              <p className="mt-1 mb-4 text-sm">
                <Badge tone="success">On</Badge> Signing in asks for a code from your authenticator app (or a
                backup code) after your password.
              </p>
              <TwoFactorManage />
            </>
          ) : (
            <>
              <p className="mt-1 mb-4 text-sm text-muted-foreground">
                Off. With it on, signing in also asks for a 6-digit code from an authenticator app on your
                phone, so your password alone is not enough.
              </p>
              <TwoFactorSetup />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
