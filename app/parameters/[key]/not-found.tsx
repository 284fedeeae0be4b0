import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Parameter not found" };

export default function ParameterNotFound() {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight sm:text-4xl">Parameter not found</h1>
      <EmptyState
        title="The network has no parameter with this key"
        action={
          <Button asChild variant="secondary">
            <Link href="/parameters">See every parameter</Link>
          </Button>
        }
      >
        <p>The link may be mistyped or cut short. Parameter keys look like “reward.perGbUploaded”.</p>
      </EmptyState>
    </>
  );
}
