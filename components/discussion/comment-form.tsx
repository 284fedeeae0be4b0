"use client";

import { TRPCClientError } from "@trpc/client";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/form-controls";
import { COMMENT_BODY_MAX, commentBodySchema } from "@/lib/schemas/comments";

/** The server's words for a failed call: the first field error when the input was refused, else its message. */
export function describeCommentError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const fieldError = Object.values(data?.fieldErrors ?? {}).find((messages) => messages?.length);
    if (fieldError) return `${fieldError[0]}.`;
    return error.message;
  }
  return "Something went wrong on our side. Try again in a moment.";
}

type CommentFormProps = {
  label: string;
  submitLabel: string;
  pendingLabel: string;
  initialBody?: string;
  /** Resolves when the server accepted the text; the form then clears itself. */
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Shown under the buttons, e.g. how long an edit is still possible. */
  note?: string;
};

/** A markdown textarea with validation before sending and the server's refusal shown beside it. */
export function CommentForm({
  label,
  submitLabel,
  pendingLabel,
  initialBody = "",
  onSubmit,
  onCancel,
  autoFocus = false,
  note,
}: CommentFormProps) {
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initialBody);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = commentBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(`${parsed.error.issues[0]?.message ?? "Check the comment"}.`);
      textareaRef.current?.focus();
      return;
    }
    setError(null);
    setIsPending(true);
    try {
      await onSubmit(parsed.data);
      setBody("");
    } catch (failure) {
      setError(describeCommentError(failure));
      textareaRef.current?.focus();
    } finally {
      setIsPending(false);
    }
  }

  const length = body.trim().length;
  return (
    <form noValidate onSubmit={submit} className="mt-3">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        ref={textareaRef}
        id={id}
        name="body"
        rows={4}
        value={body}
        autoFocus={autoFocus}
        onChange={(event) => setBody(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${helpId}` : helpId}
        className="block w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-base text-foreground placeholder:text-muted-foreground"
      />
      <p id={helpId} className="mt-1 flex flex-wrap justify-between gap-x-4 text-sm text-muted-foreground">
        <span>
          Markdown works: **bold**, _italic_, [a link](https://…), lists with “- ”, quotes with “&gt; ”. HTML
          and images show as plain text.
        </span>
        <span className={length > COMMENT_BODY_MAX ? "font-medium text-danger-fg" : undefined}>
          {length.toLocaleString("en")} / {COMMENT_BODY_MAX.toLocaleString("en")} characters
        </span>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" disabled={isPending}>
          {isPending ? pendingLabel : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        {note ? <span className="text-sm text-muted-foreground">{note}</span> : null}
      </div>
      <p id={errorId} aria-live="polite" className="mt-2 text-sm font-medium text-danger-fg empty:mt-0">
        {error}
      </p>
    </form>
  );
}
