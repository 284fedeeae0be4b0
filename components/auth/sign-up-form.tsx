"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";
import { DISPLAY_NAME_MAX_LENGTH } from "@/lib/domain/identity/display-name";
import { passwordStrengthProblem } from "@/lib/domain/identity/password-strength";
import { safeNextPath } from "@/lib/domain/identity/safe-next-path";
import { displayNameSchema, SIGN_UP_REFUSED_MESSAGE } from "@/lib/schemas/operator-account";
import { authClient, authErrorMessage } from "./auth-client";
import { estimateIfLoaded, loadPasswordEstimator } from "./browser-password-estimator";
import { FormError } from "./form-error";
import { NewPasswordInput } from "./new-password-input";
import { PasswordStrengthMeter } from "./password-strength-meter";

/** What the browser already knows is wrong with a new password; null until its estimator has loaded (the server checks anyway). */
function browserStrengthProblem(password: string, owner: { email: string; displayName: string }) {
  const estimate = estimateIfLoaded(password, owner);
  return estimate && passwordStrengthProblem(estimate);
}

/** `next`: where to go once signed up (checked again here: only a path on this site is followed). */
export function SignUpForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [typed, setTyped] = useState({ name: "", email: "", password: "" });
  const owner = { email: typed.email, displayName: typed.name };

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
    const email = String(form.get("email")).trim();
    const weak = browserStrengthProblem(password, { email, displayName: name.data });
    if (weak) {
      setIsPending(false);
      setError(weak);
      return;
    }
    const { error: failure } = await authClient.signUp.email({ name: name.data, email, password });
    if (failure) {
      setIsPending(false);
      // 422 is Better Auth's own answer for a registered e-mail (a sign-up racing another): the same words as ours.
      setError(
        failure.status === 422
          ? SIGN_UP_REFUSED_MESSAGE
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
        <Input
          id="name"
          name="name"
          autoComplete="nickname"
          required
          aria-describedby="name-hint"
          onChange={(event) => setTyped((previous) => ({ ...previous, name: event.target.value }))}
        />
        <p id="name-hint" className="mt-1 text-sm text-muted-foreground">
          Shown next to your nodes on public pages; up to {DISPLAY_NAME_MAX_LENGTH} characters. Plenum shows
          roles such as steward itself, so leave them out of your name.
        </p>
      </div>
      <div>
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          onChange={(event) => setTyped((previous) => ({ ...previous, email: event.target.value }))}
        />
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <NewPasswordInput
          id="password"
          name="password"
          aria-describedby="password-hint password-strength"
          onFocus={() => void loadPasswordEstimator().catch(() => undefined)}
          onChange={(event) => setTyped((previous) => ({ ...previous, password: event.target.value }))}
        />
        <p id="password-hint" className="mt-1 text-sm text-muted-foreground">
          {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters, hard to guess: a few unrelated words work
          well; your name, your email and &ldquo;Plenum&rdquo; do not.
        </p>
        <PasswordStrengthMeter id="password-strength" password={typed.password} owner={owner} />
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
