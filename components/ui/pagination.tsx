import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "./class-names";
import { pageWindow } from "./page-window";

const STEP =
  "inline-flex min-h-11 items-center gap-1.5 rounded-md border px-3 text-sm font-medium no-underline";

function Step({
  href,
  children,
  rel,
}: {
  href: string | undefined;
  children: ReactNode;
  rel: "prev" | "next";
}) {
  if (!href) {
    return (
      <span
        aria-disabled="true"
        className={cx(STEP, "cursor-not-allowed border-dashed border-border-strong text-muted-foreground")}
      >
        {children}
      </span>
    );
  }
  return (
    <Link
      href={href}
      rel={rel}
      className={cx(
        STEP,
        "border-border-strong bg-surface text-foreground hover:bg-surface-muted hover:text-foreground",
      )}
    >
      {children}
    </Link>
  );
}

type PagerProps = {
  /** Names the navigation landmark, e.g. "Node list pages". */
  label: string;
  /** The position in words, e.g. "Page 2 of 12". */
  summary: ReactNode;
  previousHref?: string;
  nextHref?: string;
  previousText?: string;
  nextText?: string;
  children?: ReactNode;
};

/** Previous / next links around optional page links; a missing href shows a disabled step. */
export function Pager({
  label,
  summary,
  previousHref,
  nextHref,
  previousText = "Previous",
  nextText = "Next",
  children,
}: PagerProps) {
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {summary}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Step href={previousHref} rel="prev">
          <span aria-hidden="true">←</span> {previousText}
        </Step>
        {children}
        <Step href={nextHref} rel="next">
          {nextText} <span aria-hidden="true">→</span>
        </Step>
      </div>
    </nav>
  );
}

type PaginationProps = {
  label: string;
  page: number;
  pageCount: number;
  hrefForPage: (page: number) => string;
};

/** Numbered pages with the current one marked `aria-current="page"`. */
export function Pagination({ label, page, pageCount, hrefForPage }: PaginationProps) {
  return (
    <Pager
      label={label}
      summary={`Page ${page} of ${pageCount}`}
      previousHref={page > 1 ? hrefForPage(Math.min(page - 1, pageCount)) : undefined}
      nextHref={page < pageCount ? hrefForPage(page + 1) : undefined}
    >
      <ul className="hidden flex-wrap items-center gap-1 sm:flex">
        {pageWindow(Math.min(page, pageCount), pageCount).map((item, index) =>
          item === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-muted-foreground">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                href={hrefForPage(item)}
                aria-current={item === page ? "page" : undefined}
                aria-label={`Page ${item}`}
                className={cx(
                  "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 text-sm font-medium no-underline",
                  item === page
                    ? "bg-accent text-accent-foreground hover:bg-accent hover:text-accent-foreground"
                    : "text-foreground hover:bg-surface-muted hover:text-foreground",
                )}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
    </Pager>
  );
}
