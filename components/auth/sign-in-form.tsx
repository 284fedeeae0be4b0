"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { safeNextPath } from "@/lib/domain/identity/safe-next-path";
import { authClient, authErrorMessage } from "./auth-client";
import { FormError } from "./form-error";

/** `next`: where to go once signed in (checked again here: only a path on this site is followed). */
export function SignInForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    if (failure) {
      setIsPending(false);
      setError(
        failure.status === 401
          ? "That email and password do not match an account. Check both, or create an account."
          : authErrorMessage(failure, "Sign-in failed. Try again in a moment."),
      );
      return;
    }
    router.push(safeNextPath(next, "/account"));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} aria-describedby="sign-in-error" className="space-y-4" noValidate={false}>
      <div>
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <FormError id="sign-in-error" message={error} />
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm text-muted-foreground">
        No account yet?{" "}
        <Link
          href={next ? `/sign-up?next=${encodeURIComponent(safeNextPath(next, "/account"))}` : "/sign-up"}
        >
          Create one
        </Link>
      </p>
    </form>
  );
}
