"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { safeNextPath } from "@/lib/domain/identity/safe-next-path";
import { normalizeTotpCode } from "@/lib/domain/identity/two-factor";
import { authClient, authErrorMessage } from "./auth-client";
import { FormError } from "./form-error";

type CodeFailure = { status: number; code?: string; message?: string; error?: { message?: string } };

/**
 * What a refused second-factor code means for a person, and whether the sign-in must start over
 * (the waiting sign-in expired, or used up its 5 tries).
 */
function codeFailure(failure: CodeFailure, isBackupCode: boolean): { message: string; startOver: boolean } {
  if (failure.code === "INVALID_TWO_FACTOR_COOKIE") {
    return {
      message: "This sign-in waited too long for its code. Enter your email and password again.",
      startOver: true,
    };
  }
  if (failure.code === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE") {
    return {
      message: "Too many wrong codes for this sign-in. Enter your email and password again, then a new code.",
      startOver: true,
    };
  }
  if (failure.status === 401) {
    return {
      message: isBackupCode
        ? "That backup code is not right, or it was used already: each one works once. Check it, or use the code from your authenticator app."
        : "That code is not right. Type the 6-digit code your authenticator app shows now; it changes every 30 seconds.",
      startOver: false,
    };
  }
  return {
    message: authErrorMessage(failure, "Checking the code failed. Try again in a moment."),
    startOver: false,
  };
}

/** `next`: where to go once signed in (checked again here: only a path on this site is followed). */
export function SignInForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [step, setStep] = useState<"password" | "code">("password");

  function signedIn() {
    router.push(safeNextPath(next, "/account"));
    router.refresh();
  }

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const { data, error: failure } = await authClient.signIn.email({
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
    if (data && "twoFactorRedirect" in data && data.twoFactorRedirect) {
      setIsPending(false);
      setStep("code");
      return;
    }
    signedIn();
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get("code")).trim();
    const totp = normalizeTotpCode(typed);
    setIsPending(true);
    setError(null);
    const { error: failure } = totp
      ? await authClient.twoFactor.verifyTotp({ code: totp })
      : await authClient.twoFactor.verifyBackupCode({ code: typed });
    if (failure) {
      setIsPending(false);
      const { message, startOver } = codeFailure(failure, totp === null);
      if (startOver) setStep("password");
      setError(message);
      return;
    }
    signedIn();
  }

  if (step === "code") {
    return (
      <form onSubmit={onCode} aria-describedby="sign-in-code-hint sign-in-error" className="space-y-4">
        <h2 className="text-lg font-semibold">Two-factor sign-in</h2>
        <div>
          <Label htmlFor="code">Code</Label>
          <Input
            id="code"
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            required
            autoFocus
            maxLength={32}
          />
          <p id="sign-in-code-hint" className="mt-1 text-sm text-muted-foreground">
            Type the 6-digit code your authenticator app shows for Plenum, or one of your backup codes (such
            as abcde-12345) if you do not have the app at hand.
          </p>
        </div>
        <FormError id="sign-in-error" message={error} />
        <Button type="submit" disabled={isPending} className="w-full">
          {isPending ? "Checking…" : "Verify and sign in"}
        </Button>
        <Button
          type="button"
          variant="ghost"
          className="w-full"
          onClick={() => {
            setError(null);
            setStep("password");
          }}
        >
          Start again with email and password
        </Button>
      </form>
    );
  }

  return (
    <form onSubmit={onPassword} aria-describedby="sign-in-error" className="space-y-4" noValidate={false}>
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
