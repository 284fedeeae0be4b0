import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/class-names";

export interface RangeOption {
  key: string;
  label: ReactNode;
  href: string;
  isCurrent: boolean;
}

/** Links that switch the time range a page's charts cover, drawn as a segmented control. */
export function RangeSwitch({ options }: { options: RangeOption[] }) {
  return (
    <nav aria-label="Time range">
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-border bg-surface p-1">
        {options.map((option) => (
          <li key={option.key}>
            <Link
              href={option.href}
              aria-current={option.isCurrent ? "page" : undefined}
              className={cx(
                "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-3 text-sm font-medium no-underline",
                option.isCurrent
                  ? "bg-accent text-accent-foreground hover:text-accent-foreground"
                  : "text-foreground hover:bg-surface-muted hover:text-foreground",
              )}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
