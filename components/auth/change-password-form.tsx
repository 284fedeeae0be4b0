"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import type { PasswordOwner } from "@/lib/domain/identity/password-strength";
import { authClient, authErrorMessage } from "./auth-client";
import { loadPasswordEstimator } from "./browser-password-estimator";
import { FormError } from "./form-error";
import { NewPasswordInput } from "./new-password-input";
import { PasswordStrengthMeter } from "./password-strength-meter";

/** `owner`: the signed-in operator's e-mail and name, which a new password should not be built from. */
export function ChangePasswordForm({ owner }: { owner: PasswordOwner }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [isPending, setIsPending] = useState(false);
  const [newPassword, setNewPassword] = useState("");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const chosen = String(form.get("newPassword"));
    setDone(false);
    if (chosen !== String(form.get("confirm"))) {
      setError("The two new passwords differ. Type the same new password in both fields.");
      return;
    }
    setIsPending(true);
    setError(null);
    const { error: failure } = await authClient.changePassword({
      currentPassword: String(form.get("currentPassword")),
      newPassword: chosen,
      revokeOtherSessions: true,
    });
    setIsPending(false);
    if (failure) {
      setError(
        failure.status === 400 &&
          /password/i.test(failure.message ?? "") &&
          /invalid/i.test(failure.message ?? "")
          ? "The current password is wrong. Type the password you sign in with now."
          : authErrorMessage(failure, "Could not change the password. Try again in a moment."),
      );
      return;
    }
    formElement.reset();
    setNewPassword("");
    setDone(true);
  }

  return (
    <form onSubmit={onSubmit} aria-describedby="change-password-error" className="max-w-md space-y-4">
      <div>
        <Label htmlFor="currentPassword">Current password</Label>
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <div>
        <Label htmlFor="newPassword">New password</Label>
        <NewPasswordInput
          id="newPassword"
          name="newPassword"
          aria-describedby="new-password-strength"
          onFocus={() => void loadPasswordEstimator().catch(() => undefined)}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <PasswordStrengthMeter id="new-password-strength" password={newPassword} owner={owner} />
      </div>
      <div>
        <Label htmlFor="confirm">New password again</Label>
        <NewPasswordInput id="confirm" name="confirm" />
      </div>
      <FormError id="change-password-error" message={error} />
      {done ? (
        <p role="status" className="text-sm font-medium text-success-fg">
          Password changed. Your other devices were signed out.
        </p>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
