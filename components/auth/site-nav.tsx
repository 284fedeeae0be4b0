"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/class-names";

const PUBLIC_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/stats", label: "Stats" },
  { href: "/proposals", label: "Proposals" },
  { href: "/rounds", label: "Rounds" },
  { href: "/parameters", label: "Parameters" },
  { href: "/config", label: "Config history" },
  { href: "/nodes", label: "Nodes" },
  { href: "/sync", label: "Sync" },
  { href: "/how-it-works", label: "How it works" },
] as const;

const OPERATOR_ITEMS = [
  { href: "/vote", label: "Vote" },
  { href: "/my/nodes", label: "My nodes" },
  { href: "/my/stats", label: "My rewards" },
  { href: "/tokens", label: "Tokens" },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

const LINK =
  "inline-flex min-h-11 items-center rounded-md px-2 text-sm font-medium no-underline sm:px-3 sm:text-base";
const CURRENT = "bg-info-bg text-info-fg underline decoration-2 underline-offset-8 hover:text-info-fg";
const OTHER = "text-foreground hover:bg-surface-muted hover:text-foreground";

/** The main navigation; signed-in operators also see their own pages. */
export function SiteNav({ isSignedIn }: { isSignedIn: boolean }) {
  const pathname = usePathname();
  const items = isSignedIn ? [...PUBLIC_ITEMS, ...OPERATOR_ITEMS] : PUBLIC_ITEMS;
  return (
    <nav aria-label="Main">
      <ul className="-mx-2 flex flex-wrap gap-0.5 sm:gap-1">
        {items.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cx(LINK, current ? CURRENT : OTHER)}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** "Sign in", or the signed-in operator's name leading to their account. */
export function AccountLink({ displayName }: { displayName: string | null }) {
  const pathname = usePathname();
  const account = displayName
    ? { href: "/account", label: displayName, ariaLabel: `Your account (${displayName})` }
    : { href: "/sign-in", label: "Sign in", ariaLabel: undefined };
  const isAccountCurrent = displayName
    ? isCurrent(pathname, "/account")
    : isCurrent(pathname, "/sign-in") || isCurrent(pathname, "/sign-up");
  return (
    <Link
      href={account.href}
      aria-label={account.ariaLabel}
      aria-current={isAccountCurrent ? "page" : undefined}
      className={cx(
        LINK,
        "max-w-48 truncate border border-border-strong",
        isAccountCurrent ? CURRENT : OTHER,
      )}
    >
      <span className="truncate">{account.label}</span>
    </Link>
  );
}
