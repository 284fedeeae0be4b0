"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/form-controls";
import {
  createEnrolmentTokenInputSchema,
  ENROLMENT_TOKEN_DEFAULT_HOURS,
  ENROLMENT_TOKEN_EXPIRY_CHOICES,
  ENROLMENT_TOKEN_LABEL_MAX,
  ENROLMENT_TOKEN_MAX_USES,
} from "@/lib/schemas/enrolment-tokens";
import { useTRPC } from "@/lib/trpc/client";

type FieldName = "label" | "maxUses" | "expiresInHours";
type FieldErrors = Partial<Record<FieldName, string>>;

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm font-medium text-danger-fg">
      {message}
    </p>
  ) : null;
}

function CreatedToken({
  token,
  label,
  serverUrl,
  onDone,
}: {
  token: string;
  label: string;
  serverUrl: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<"token" | "command" | null>(null);
  const command = `npm run agent -- enrol --server ${serverUrl} --token ${token} --endpoint https://node.example.org/plenum --name relay-1`;
  const copy = async (text: string, what: "token" | "command") => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  };
  return (
    <div
      role="status"
      className="mt-6 rounded-lg border-2 border-warning-fg bg-warning-bg p-4 text-warning-fg"
      data-testid="created-token"
    >
      <h3 className="text-lg font-semibold">Token “{label}” created: copy it now</h3>
      <p className="mt-1">
        You will not see this token again. Plenum keeps only a fingerprint of it, so if you lose it, revoke it
        and create a new one.
      </p>
      <label htmlFor="created-token-value" className="mt-3 block text-sm font-medium">
        Enrolment token
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="created-token-value"
          readOnly
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-11 min-w-0 flex-1 rounded-md border border-border-strong bg-surface px-3 font-mono text-sm text-foreground"
        />
        <Button variant="secondary" onClick={() => copy(token, "token")}>
          {copied === "token" ? "Copied" : "Copy token"}
        </Button>
      </div>
      <p className="mt-3 text-sm font-medium">Enrol a node with it (edit the endpoint and name):</p>
      <pre className="mt-1 whitespace-pre-wrap break-all rounded-md border border-border bg-surface p-3 text-sm text-foreground">
        <code>{command}</code>
      </pre>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => copy(command, "command")}>
          {copied === "command" ? "Copied" : "Copy command"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          I have copied it
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {copied ? `The ${copied} was copied to the clipboard.` : ""}
      </p>
    </div>
  );
}

export function CreateTokenForm({ serverUrl }: { serverUrl: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formId = useId();
  const labelRef = useRef<HTMLInputElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ token: string; label: string } | null>(null);
  const create = useMutation(
    trpc.enrolmentTokens.create.mutationOptions({
      onSuccess: (result) => {
        setCreated({ token: result.token, label: result.label });
        router.refresh();
      },
    }),
  );

  const ids = {
    label: `${formId}-label`,
    maxUses: `${formId}-uses`,
    expiresInHours: `${formId}-expiry`,
  };
  const errorId = (field: FieldName) => `${ids[field]}-error`;
  const fieldProps = (field: FieldName) => ({
    id: ids[field],
    name: field,
    "aria-invalid": fieldErrors[field] ? true : undefined,
    "aria-describedby": fieldErrors[field] ? errorId(field) : `${ids[field]}-hint`,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const usesText = String(form.get("maxUses") ?? "").trim();
    const parsed = createEnrolmentTokenInputSchema.safeParse({
      label: String(form.get("label") ?? ""),
      maxUses: usesText === "" ? Number.NaN : Number(usesText),
      expiresInHours: Number(form.get("expiresInHours")),
    });
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors;
      setFieldErrors({
        label: errors.label?.[0],
        maxUses: errors.maxUses?.[0],
        expiresInHours: errors.expiresInHours?.[0],
      });
      const first = (["label", "maxUses", "expiresInHours"] as const).find((field) => errors[field]);
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    setFieldErrors({});
    setCreated(null);
    create.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  }

  const serverError = create.error?.message;

  return (
    <Card>
      <CardTitle>Create a token</CardTitle>
      <form
        noValidate
        onSubmit={onSubmit}
        className="mt-4 grid gap-4 sm:grid-cols-[minmax(0,2fr)_repeat(2,minmax(0,1fr))]"
      >
        <div>
          <Label htmlFor={ids.label}>Label</Label>
          <Input
            ref={labelRef}
            {...fieldProps("label")}
            maxLength={ENROLMENT_TOKEN_LABEL_MAX + 20}
            autoComplete="off"
            placeholder="e.g. Frankfurt rack 2"
          />
          <p id={`${ids.label}-hint`} className="mt-1 text-sm text-muted-foreground">
            For you: which node or machine the token is for (up to {ENROLMENT_TOKEN_LABEL_MAX} characters).
          </p>
          <FieldError id={errorId("label")} message={fieldErrors.label} />
        </div>
        <div>
          <Label htmlFor={ids.maxUses}>Uses</Label>
          <Input
            {...fieldProps("maxUses")}
            type="number"
            inputMode="numeric"
            min={1}
            max={ENROLMENT_TOKEN_MAX_USES}
            step={1}
            defaultValue={1}
          />
          <p id={`${ids.maxUses}-hint`} className="mt-1 text-sm text-muted-foreground">
            How many nodes it can enrol (1–{ENROLMENT_TOKEN_MAX_USES}).
          </p>
          <FieldError id={errorId("maxUses")} message={fieldErrors.maxUses} />
        </div>
        <div>
          <Label htmlFor={ids.expiresInHours}>Expires after</Label>
          <Select {...fieldProps("expiresInHours")} defaultValue={String(ENROLMENT_TOKEN_DEFAULT_HOURS)}>
            {ENROLMENT_TOKEN_EXPIRY_CHOICES.map((choice) => (
              <option key={choice.hours} value={choice.hours}>
                {choice.label}
              </option>
            ))}
          </Select>
          <p id={`${ids.expiresInHours}-hint`} className="mt-1 text-sm text-muted-foreground">
            Unused uses lapse then.
          </p>
          <FieldError id={errorId("expiresInHours")} message={fieldErrors.expiresInHours} />
        </div>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-3">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </Button>
          {serverError ? (
            <p role="alert" className="font-medium text-danger-fg">
              {serverError}
            </p>
          ) : null}
        </div>
      </form>
      {created ? (
        <CreatedToken
          token={created.token}
          label={created.label}
          serverUrl={serverUrl}
          onDone={() => {
            setCreated(null);
            labelRef.current?.focus();
          }}
        />
      ) : null}
    </Card>
  );
}
