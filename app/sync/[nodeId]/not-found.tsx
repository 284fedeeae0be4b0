import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Node not found" };

export default function SyncNodeNotFound() {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight sm:text-4xl">Node not found</h1>
      <EmptyState
        title="There is no node with this id"
        action={
          <Button asChild variant="secondary">
            <Link href="/sync#nodes">Find the node on the Sync page</Link>
          </Button>
        }
      >
        <p>The link may be mistyped or cut short.</p>
      </EmptyState>
    </>
  );
}
