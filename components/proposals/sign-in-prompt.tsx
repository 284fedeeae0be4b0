import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown to visitors instead of a form that needs an operator account. */
export function SignInPrompt({ next }: { next: string }) {
  return (
    <EmptyState
      title="Sign in to propose a change"
      action={
        <div className="flex flex-wrap justify-center gap-3">
          <Button asChild>
            <Link href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href="/sign-up">Create an account</Link>
          </Button>
        </div>
      }
    >
      <p>
        Anyone can read proposals, but writing one needs an operator account, so others know who proposed it.
        Creating an account takes a minute.
      </p>
    </EmptyState>
  );
}
