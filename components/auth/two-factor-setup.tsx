"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { renderSVG } from "uqr";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { normalizeTotpCode } from "@/lib/domain/identity/two-factor";
import { authClient, authErrorMessage, isWrongPassword } from "./auth-client";
import { BackupCodes } from "./backup-codes";
import { FormError } from "./form-error";

interface Pending {
  totpURI: string;
  backupCodes: string[];
}

/** The otpauth:// URI as a QR code (an SVG image: no script, nothing fetched). */
function qrCodeDataUrl(totpURI: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(totpURI, { border: 2 }))}`;
}

/** The secret for typing into an app by hand, in groups of four. */
function secretFrom(totpURI: string): string {
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Turning two-factor sign-in on: the password, then the QR code, the secret and the backup codes,
 * then one code from the app — only that code turns it on (until then, sign-in is unchanged).
 */
export function TwoFactorSetup() {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password"));
    setIsBusy(true);
    setError(null);
    const { data, error: failure } = await authClient.twoFactor.enable({ password });
    setIsBusy(false);
    if (failure || !data || !("totpURI" in data) || !data.totpURI) {
      setError(
        isWrongPassword(failure)
          ? "The password is wrong. Type the password you sign in with."
          : authErrorMessage(
              failure,
              "Could not start setting up two-factor sign-in. Try again in a moment.",
            ),
      );
      return;
    }
    setPending({ totpURI: data.totpURI, backupCodes: data.backupCodes ?? [] });
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normalizeTotpCode(String(new FormData(event.currentTarget).get("code")));
    if (!code) {
      setError("Type the 6 digits your authenticator app shows for Plenum.");
      return;
    }
    setIsBusy(true);
    setError(null);
    const { error: failure } = await authClient.twoFactor.verifyTotp({ code });
    setIsBusy(false);
    if (failure) {
      setError(
        failure.status === 401
          ? "That code is not right. Check the app shows Plenum and your email, then type the code it shows now."
          : authErrorMessage(failure, "Could not check the code. Try again in a moment."),
      );
      return;
    }
    router.refresh();
  }

  if (!pending) {
    return (
      <form onSubmit={onPassword} aria-describedby="two-factor-error" className="max-w-md space-y-4">
        <div>
          <Label htmlFor="two-factor-password">Your password</Label>
          <Input
            id="two-factor-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <FormError id="two-factor-error" message={error} />
        <Button type="submit" disabled={isBusy}>
          {isBusy ? "Starting…" : "Set up two-factor sign-in"}
        </Button>
      </form>
    );
  }

  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-4 pl-5">
        <li>
          <p>Scan this QR code with an authenticator app (such as Aegis, 2FAS or Google Authenticator).</p>
          {/* A data: URL of an SVG made in this page; next/image has nothing to optimise here. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={qrCodeDataUrl(pending.totpURI)}
            alt="QR code for your authenticator app; the same secret is written out below"
            width={200}
            height={200}
            className="mt-2 rounded-md bg-white"
          />
          <p className="mt-2 text-sm">
            Or type this secret into the app (time-based, 6 digits):{" "}
            <code className="font-mono break-words" data-testid="totp-secret">
              {secretFrom(pending.totpURI)}
            </code>
          </p>
        </li>
        <li>
          <BackupCodes codes={pending.backupCodes} />
        </li>
        <li>
          <form onSubmit={onCode} aria-describedby="two-factor-error" className="max-w-md space-y-3">
            <div>
              <Label htmlFor="two-factor-code">Code from the app</Label>
              <Input
                id="two-factor-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                maxLength={8}
              />
            </div>
            <FormError id="two-factor-error" message={error} />
            <Button type="submit" disabled={isBusy}>
              {isBusy ? "Checking…" : "Turn on two-factor sign-in"}
            </Button>
          </form>
        </li>
      </ol>
    </div>
  );
}
