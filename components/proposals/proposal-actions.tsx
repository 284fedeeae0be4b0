"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/form-controls";
import { CANCEL_REASON_LENGTH } from "@/lib/domain/governance/proposal-limits";
import { useTRPC } from "@/lib/trpc/client";
import { FieldMessage } from "./field-message";

type Viewer = { canEdit: boolean; canPublish: boolean; canWithdraw: boolean; canCancel: boolean };

const DANGER = "bg-danger-fg text-surface hover:bg-danger-fg hover:text-surface";

function ErrorLine({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="text-sm font-medium text-danger-fg">
      {message}
    </p>
  ) : null;
}

/** After a state change: re-render the page and reload its discussion (a closed thread takes no new comments). */
function useRefreshProposal(): () => void {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    router.refresh();
    void queryClient.invalidateQueries(trpc.comments.list.pathFilter());
  };
}

function WithdrawControl({ proposalId, isDraft }: { proposalId: string; isDraft: boolean }) {
  const trpc = useTRPC();
  const refreshProposal = useRefreshProposal();
  const [isConfirming, setIsConfirming] = useState(false);
  const withdraw = useMutation(trpc.proposals.withdraw.mutationOptions({ onSuccess: refreshProposal }));
  if (!isConfirming) {
    return (
      <Button variant="secondary" onClick={() => setIsConfirming(true)}>
        Withdraw
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-label="Confirm withdrawing"
      className="w-full space-y-2 rounded-md border border-border p-3"
    >
      <p>
        {isDraft
          ? "Withdraw this draft? It stays private and can no longer be edited or published. You can write a new one."
          : "Withdraw this proposal? It stays readable with its discussion, but it will not go to a vote and cannot be brought back. You can write a new one."}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          className={DANGER}
          disabled={withdraw.isPending}
          onClick={() => withdraw.mutate({ proposalId })}
        >
          {withdraw.isPending ? "Withdrawing…" : "Yes, withdraw it"}
        </Button>
        <Button variant="ghost" autoFocus onClick={() => setIsConfirming(false)}>
          Keep it
        </Button>
      </div>
      <ErrorLine message={withdraw.error?.message} />
    </div>
  );
}

function CancelControl({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const refreshProposal = useRefreshProposal();
  const id = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const cancel = useMutation(trpc.proposals.cancel.mutationOptions({ onSuccess: refreshProposal }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const length = reason.trim().length;
    if (length < CANCEL_REASON_LENGTH.min || length > CANCEL_REASON_LENGTH.max) {
      setReasonError(
        `Write a reason of ${CANCEL_REASON_LENGTH.min}–${CANCEL_REASON_LENGTH.max} characters (it has ${length}); everyone will see it.`,
      );
      document.getElementById(id)?.focus();
      return;
    }
    setReasonError(null);
    cancel.mutate({ proposalId, reason: reason.trim() });
  }

  if (!isOpen) {
    return (
      <Button variant="secondary" onClick={() => setIsOpen(true)}>
        Cancel as a steward
      </Button>
    );
  }
  const fieldErrors = cancel.error?.data?.fieldErrors as
    Record<string, string[] | undefined> | null | undefined;
  const serverReason = fieldErrors?.reason ?? [];
  const messages = [...(reasonError ? [reasonError] : []), ...serverReason];
  return (
    <form noValidate onSubmit={onSubmit} className="w-full space-y-2 rounded-md border border-border p-3">
      <Label htmlFor={id}>Why are you cancelling it? (public)</Label>
      <textarea
        id={id}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        rows={3}
        autoFocus
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={messages.length > 0 ? `${id}-hint ${id}-error` : `${id}-hint`}
        className="block w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-base text-foreground"
      />
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        Cancelling ends the proposal for good. The reason is shown on this page and in the public record (
        {CANCEL_REASON_LENGTH.min}–{CANCEL_REASON_LENGTH.max} characters).
      </p>
      <FieldMessage id={`${id}-error`} messages={messages} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" className={DANGER} disabled={cancel.isPending}>
          {cancel.isPending ? "Cancelling…" : "Cancel the proposal"}
        </Button>
        <Button variant="ghost" onClick={() => setIsOpen(false)}>
          Keep it
        </Button>
      </div>
      {serverReason.length === 0 ? <ErrorLine message={cancel.error?.message} /> : null}
    </form>
  );
}

function PublishControl({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const refreshProposal = useRefreshProposal();
  const publish = useMutation(trpc.proposals.publish.mutationOptions({ onSuccess: refreshProposal }));
  return (
    <div className="space-y-2">
      <Button disabled={publish.isPending} onClick={() => publish.mutate({ proposalId })}>
        {publish.isPending ? "Publishing…" : "Publish for discussion"}
      </Button>
      <ErrorLine message={publish.error?.message} />
    </div>
  );
}

/** What the viewer may do with this proposal: the author edits, publishes, withdraws; a steward cancels. */
export function ProposalActions({
  proposalId,
  isDraft,
  viewer,
}: {
  proposalId: string;
  isDraft: boolean;
  viewer: Viewer;
}) {
  if (!viewer.canEdit && !viewer.canPublish && !viewer.canWithdraw && !viewer.canCancel) return null;
  return (
    <section
      aria-labelledby="proposal-actions-heading"
      className="rounded-lg border border-border bg-surface p-4"
    >
      <h2 id="proposal-actions-heading" className="text-base font-semibold">
        What you can do
      </h2>
      {viewer.canPublish ? (
        <p className="mt-1 text-sm text-muted-foreground">
          This is a draft: only you can see it. Publishing opens it for discussion and it can no longer be
          edited.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap items-start gap-3">
        {viewer.canEdit ? (
          <Button asChild variant="secondary">
            <Link href={`/proposals/${encodeURIComponent(proposalId)}/edit`}>Edit draft</Link>
          </Button>
        ) : null}
        {viewer.canPublish ? <PublishControl proposalId={proposalId} /> : null}
        {viewer.canWithdraw ? <WithdrawControl proposalId={proposalId} isDraft={isDraft} /> : null}
        {viewer.canCancel ? <CancelControl proposalId={proposalId} /> : null}
      </div>
    </section>
  );
}

/** The author's confirmation that the proposal still stands now that the values it starts from changed. */
export function ConfirmBaseButton({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const refreshProposal = useRefreshProposal();
  const confirm = useMutation(trpc.proposals.confirmBase.mutationOptions({ onSuccess: refreshProposal }));
  return (
    <div className="mt-3 space-y-2">
      <Button disabled={confirm.isPending} onClick={() => confirm.mutate({ proposalId })}>
        {confirm.isPending ? "Confirming…" : "Confirm the proposal against today’s values"}
      </Button>
      <ErrorLine message={confirm.error?.message} />
    </div>
  );
}
