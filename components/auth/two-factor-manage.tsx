"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { authClient, authErrorMessage, isWrongPassword } from "./auth-client";
import { BackupCodes } from "./backup-codes";
import { FormError } from "./form-error";

const WRONG_PASSWORD = "The password is wrong. Type the password you sign in with.";

/** With two-factor sign-in on: new backup codes (the old ones stop working), or turning it off. */
export function TwoFactorManage() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const action = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
    const password = String(new FormData(formElement).get("password"));
    setIsBusy(true);
    setError(null);
    setCodes(null);
    if (action === "disable") {
      const { error: failure } = await authClient.twoFactor.disable({ password });
      setIsBusy(false);
      if (failure) {
        setError(
          isWrongPassword(failure) ? WRONG_PASSWORD : authErrorMessage(failure, "Could not turn it off."),
        );
        return;
      }
      router.refresh();
      return;
    }
    const { data, error: failure } = await authClient.twoFactor.generateBackupCodes({ password });
    setIsBusy(false);
    if (failure || !data) {
      setError(
        isWrongPassword(failure)
          ? WRONG_PASSWORD
          : authErrorMessage(failure, "Could not make new backup codes."),
      );
      return;
    }
    formElement.reset();
    setCodes(data.backupCodes);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} aria-describedby="two-factor-manage-error" className="max-w-md space-y-4">
        <div>
          <Label htmlFor="two-factor-manage-password">Your password</Label>
          <Input
            id="two-factor-manage-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <FormError id="two-factor-manage-error" message={error} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="action" value="backup-codes" disabled={isBusy}>
            New backup codes
          </Button>
          <Button type="submit" name="action" value="disable" variant="secondary" disabled={isBusy}>
            Turn off two-factor sign-in
          </Button>
        </div>
      </form>
      {codes ? <BackupCodes codes={codes} /> : null}
    </div>
  );
}
