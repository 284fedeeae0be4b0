"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";
import { authClient, authErrorMessage, safeNextPath } from "./auth-client";
import { FormError } from "./form-error";
import { NewPasswordInput } from "./new-password-input";

export function SignUpForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) {
      setError("The two passwords differ. Type the same password in both fields.");
      return;
    }
    if (password.length < PASSWORD_MIN_LENGTH) {
      setError(`Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
      return;
    }
    setIsPending(true);
    setError(null);
    const { error: failure } = await authClient.signUp.email({
      name: String(form.get("name")).trim(),
      email: String(form.get("email")).trim(),
      password,
    });
    if (failure) {
      setIsPending(false);
      setError(
        failure.status === 422
          ? "An account with this email already exists. Sign in instead, or use another email."
          : authErrorMessage(failure, "Could not create the account. Try again in a moment."),
      );
      return;
    }
    router.push(safeNextPath(next, "/my/nodes"));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} aria-describedby="sign-up-error" className="space-y-4">
      <div>
        <Label htmlFor="name">Display name</Label>
        <Input id="name" name="name" autoComplete="nickname" required maxLength={80} />
        <p className="mt-1 text-sm text-muted-foreground">Shown next to your nodes on public pages.</p>
      </div>
      <div>
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <NewPasswordInput id="password" name="password" aria-describedby="password-hint" />
        <p id="password-hint" className="mt-1 text-sm text-muted-foreground">
          {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters; a few unrelated words work well.
        </p>
      </div>
      <div>
        <Label htmlFor="confirm">Password again</Label>
        <NewPasswordInput id="confirm" name="confirm" />
      </div>
      <FormError id="sign-up-error" message={error} />
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-sm text-muted-foreground">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
