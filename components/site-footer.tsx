import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-border bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-muted-foreground sm:px-6">
        <p>Plenum — the community decides the network&apos;s rules; every node applies them.</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <Link href="/config">Signed config history</Link>
          </li>
          <li>
            <a href="/api/v1/network">Network info (JSON)</a>
          </li>
          <li>
            {/* A route handler serving JSON, not a page: a full load is what we want. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/api/v1/config/latest">Latest config (JSON)</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
