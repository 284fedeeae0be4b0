"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./ui/class-names";

const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/parameters", label: "Parameters" },
  { href: "/config", label: "Config history" },
  { href: "/nodes", label: "Nodes" },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function SiteHeader() {
  const pathname = usePathname();
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="flex items-baseline gap-2 text-foreground no-underline hover:text-foreground"
        >
          <span className="text-xl font-bold tracking-tight">Plenum</span>
          <span className="hidden text-sm text-muted-foreground sm:inline">network governance</span>
        </Link>
        <nav aria-label="Main">
          <ul className="-mx-2 flex flex-wrap gap-0.5 sm:gap-1">
            {NAV_ITEMS.map((item) => {
              const current = isCurrent(pathname, item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    className={cx(
                      "inline-flex min-h-11 items-center rounded-md px-2 text-sm font-medium no-underline sm:px-3 sm:text-base",
                      current
                        ? "bg-info-bg text-info-fg underline decoration-2 underline-offset-8 hover:text-info-fg"
                        : "text-foreground hover:bg-surface-muted hover:text-foreground",
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}
