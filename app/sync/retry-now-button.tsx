"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";

/** Asks the sync worker to deliver to the node at once; the page refreshes to show the new next attempt. */
export function RetryNowButton({ nodeId, nodeName }: { nodeId: string; nodeName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.sync.retryNow.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        size="sm"
        disabled={retry.isPending}
        onClick={() => retry.mutate({ nodeId })}
        aria-label={`Retry delivery to ${nodeName} now`}
      >
        {retry.isPending ? "Asking…" : "Retry now"}
      </Button>
      <p aria-live="polite" className="text-sm">
        {retry.isSuccess ? "Queued: the worker tries within seconds." : null}
      </p>
      {retry.error ? (
        <p role="alert" className="max-w-xs text-sm font-medium text-danger-fg">
          {retry.error.message}
        </p>
      ) : null}
    </div>
  );
}
