"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";
import { DISPLAY_NAME_MAX_LENGTH } from "@/lib/domain/identity/display-name";
import { safeNextPath } from "@/lib/domain/identity/safe-next-path";
import { displayNameSchema } from "@/lib/schemas/operator-account";
import { authClient, authErrorMessage } from "./auth-client";
import { FormError } from "./form-error";
import { NewPasswordInput } from "./new-password-input";

/** `next`: where to go once signed up (checked again here: only a path on this site is followed). */
export function SignUpForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    const name = displayNameSchema.safeParse(String(form.get("name")));
    if (!name.success) {
      setError(name.error.issues[0]?.message ?? "Check the display name.");
      return;
    }
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
      name: name.data,
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
        <Input id="name" name="name" autoComplete="nickname" required aria-describedby="name-hint" />
        <p id="name-hint" className="mt-1 text-sm text-muted-foreground">
          Shown next to your nodes on public pages; up to {DISPLAY_NAME_MAX_LENGTH} characters. Plenum shows
          roles such as steward itself, so leave them out of your name.
        </p>
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
