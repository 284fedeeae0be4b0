"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { HIDE_REASON_MAX, hideCommentInputSchema } from "@/lib/schemas/comments";
import { describeCommentError } from "./comment-form";

/** A steward's reason for hiding a comment; everyone will read it in the comment's place. */
export function HideCommentForm({
  authorName,
  onHide,
  onCancel,
}: {
  authorName: string;
  onHide: (reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = hideCommentInputSchema.shape.reason.safeParse(reason);
    if (!parsed.success) {
      setError(`${parsed.error.issues[0]?.message ?? "Check the reason"}.`);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setIsPending(true);
    try {
      await onHide(parsed.data);
    } catch (failure) {
      setError(describeCommentError(failure));
      inputRef.current?.focus();
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submit}
      className="mt-3 rounded-md border border-warning-fg bg-warning-bg p-3 text-warning-fg"
    >
      <Label htmlFor={id}>Why hide {authorName}’s comment? Everyone will see this reason.</Label>
      <Input
        ref={inputRef}
        id={id}
        name="reason"
        value={reason}
        autoFocus
        maxLength={HIDE_REASON_MAX + 20}
        onChange={(event) => setReason(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        placeholder="e.g. Advertising, not about this proposal"
      />
      <div className="mt-2 flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={isPending}>
          {isPending ? "Hiding…" : "Hide comment"}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <p id={`${id}-error`} aria-live="polite" className="mt-2 text-sm font-medium empty:mt-0">
        {error}
      </p>
    </form>
  );
}
