"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";

/** Revoke with an inline confirmation: nodes already enrolled keep working, the token enrols no more. */
export function RevokeTokenButton({ tokenId, label }: { tokenId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const revoke = useMutation(
    trpc.enrolmentTokens.revoke.mutationOptions({
      onSuccess: () => {
        setIsConfirming(false);
        router.refresh();
      },
    }),
  );

  if (!isConfirming) {
    return (
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setIsConfirming(true)}
        aria-label={`Revoke ${label}`}
      >
        Revoke
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-label={`Confirm revoking ${label}`}
      className="flex flex-col items-end gap-2 text-left"
    >
      <p className="max-w-xs text-sm">
        Revoke “{label}”? It will not enrol any more nodes; nodes already enrolled keep working.
      </p>
      <div className="flex gap-2">
        <Button
          size="sm"
          className="bg-danger-fg text-surface hover:bg-danger-fg hover:text-surface"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate({ tokenId })}
        >
          {revoke.isPending ? "Revoking…" : "Yes, revoke"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setIsConfirming(false)} autoFocus>
          Cancel
        </Button>
      </div>
      {revoke.error ? (
        <p role="alert" className="text-sm font-medium text-danger-fg">
          {revoke.error.message}
        </p>
      ) : null}
    </div>
  );
}
