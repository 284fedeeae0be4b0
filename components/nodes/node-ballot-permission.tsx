"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { MAY_VOTE_SWITCH_LABEL } from "@/lib/domain/voting/node-ballot-permission";
import { useTRPC } from "@/lib/trpc/client";

/** The one sentence that says why the switch matters. */
export const MAY_VOTE_WHY =
  "Any node allowed here can replace your whole ballot with its own; allow only nodes you control and trust.";

function describeError(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message.replace(/([^.])$/, "$1.");
  return "Something went wrong. Check your connection and try again.";
}

/**
 * For the node's operator: whether this node's key may cast their ballot (POST /api/v1/ballots). The
 * box shows what the server stored; while a change is saving it is disabled and says so.
 */
export function NodeBallotPermission({
  node,
}: {
  node: { id: string; name: string; mayVote: boolean; isActive: boolean };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [mayVote, setMayVote] = useState(node.mayVote);
  const [outcome, setOutcome] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const change = useMutation(trpc.myNodes.setMayVote.mutationOptions());

  function toggle(next: boolean) {
    setOutcome(null);
    // The box follows the click at once and goes back if the change is refused.
    setMayVote(next);
    change.mutate(
      { nodeId: node.id, mayVote: next },
      {
        onSuccess: (changed) => {
          setMayVote(changed.mayVote);
          setOutcome({
            kind: "success",
            text: changed.mayVote
              ? `${changed.name} may now cast ballots for you. A ballot it sends replaces your ballot in the open round.`
              : `${changed.name} may no longer cast ballots for you. Your ballot that counts stays as it is.`,
          });
          router.refresh();
        },
        onError: (error) => {
          setMayVote(!next);
          setOutcome({ kind: "error", text: `Not changed: ${describeError(error)}` });
        },
      },
    );
  }

  return (
    <div>
      <div className="flex gap-3">
        <input
          id={`${id}-may-vote`}
          type="checkbox"
          role="switch"
          checked={mayVote}
          disabled={change.isPending || !node.isActive}
          aria-describedby={`${id}-why`}
          onChange={(event) => toggle(event.currentTarget.checked)}
          className="mt-1 size-5 shrink-0 accent-accent disabled:cursor-not-allowed"
        />
        <div className="min-w-0">
          <label htmlFor={`${id}-may-vote`} className="font-medium">
            {MAY_VOTE_SWITCH_LABEL}
          </label>
          <p id={`${id}-why`} className="text-sm text-muted-foreground">
            {MAY_VOTE_WHY}
            {node.isActive ? null : " A retired node cannot send requests at all."}
          </p>
        </div>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={
          outcome?.kind === "error"
            ? "mt-2 text-sm font-medium text-danger-fg"
            : "mt-2 text-sm font-medium text-success-fg empty:hidden"
        }
      >
        {change.isPending ? "Saving…" : outcome?.text}
      </p>
    </div>
  );
}
