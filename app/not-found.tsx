import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <PageHeader
        title="Page not found"
        description={<p>There is no page at this address. It may have moved, or the link may be mistyped.</p>}
      />
      <p>Try one of these instead:</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>
          <Link href="/">Network overview</Link>
        </li>
        <li>
          <Link href="/parameters">Parameters</Link>
        </li>
        <li>
          <Link href="/config">Config history</Link>
        </li>
        <li>
          <Link href="/nodes">Nodes</Link>
        </li>
      </ul>
    </>
  );
}
