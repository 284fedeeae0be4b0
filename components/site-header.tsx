import Link from "next/link";
import { AccountLink, SiteNav } from "@/components/auth/site-nav";
import { getServerApi, getSessionOperatorForRequest } from "@/lib/trpc/server";

export async function SiteHeader() {
  const operator = await getSessionOperatorForRequest();
  // Stewards and admins still signing in with a password alone see a one-line reminder on every page.
  const isTwoFactorPrompted = operator
    ? (await (await getServerApi()).account.twoFactor()).isPrompted
    : false;
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-3 sm:px-6">
        <div className="flex items-center justify-between gap-4">
          <Link
            href="/"
            className="flex items-baseline gap-2 text-foreground no-underline hover:text-foreground"
          >
            <span className="text-xl font-bold tracking-tight">Plenum</span>
            <span className="hidden text-sm text-muted-foreground sm:inline">network governance</span>
          </Link>
          <AccountLink displayName={operator?.displayName ?? null} />
        </div>
        <SiteNav isSignedIn={operator !== null} />
        {isTwoFactorPrompted ? (
          <p className="text-sm text-warning-fg" data-testid="two-factor-prompt">
            Your role acts for the whole network:{" "}
            <Link href="/account#two-factor">turn on two-factor sign-in</Link>.
          </p>
        ) : null}
      </div>
    </header>
  );
}
