"use client";

import type { ComponentProps, FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";

type InlineFieldFormProps = {
  label: string;
  submitText: string;
  isPending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** Prefix of the hint's and error's ids. */
  baseId: string;
  fieldLabel: string;
  input: ComponentProps<"input"> & { id: string; name: string };
  hint: string;
  error: string | null;
};

/** A one-field form that opens below a node's action buttons, its hint and error tied to the field. */
export function InlineFieldForm({
  label,
  submitText,
  isPending,
  onSubmit,
  onCancel,
  baseId,
  fieldLabel,
  input,
  hint,
  error,
}: InlineFieldFormProps) {
  const hintId = `${baseId}-help`;
  const errorId = `${baseId}-error`;
  return (
    <form aria-label={label} onSubmit={onSubmit} noValidate className="mt-4 rounded-md bg-surface-muted p-4">
      <Label htmlFor={input.id}>{fieldLabel}</Label>
      <Input
        {...input}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      />
      <p id={hintId} className="mt-1 text-sm text-muted-foreground">
        {hint}
      </p>
      {error ? (
        <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-danger-fg">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={isPending}>
          {isPending ? "Saving…" : submitText}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
