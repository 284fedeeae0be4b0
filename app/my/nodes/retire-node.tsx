"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";

/** The button look for the irreversible action: the shared Button's variants all set their own text colour. */
const DANGER_BUTTON =
  "inline-flex min-h-9 items-center justify-center rounded-md px-3 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60";

export function RetireNodeButton({ nodeName, onClick }: { nodeName: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className={cx(DANGER_BUTTON, "border border-danger-fg bg-surface text-danger-fg hover:bg-danger-bg")}
      onClick={onClick}
    >
      Retire…<span className="sr-only"> {nodeName}</span>
    </button>
  );
}

export function RetireNodeDialog({
  ref,
  baseId,
  nodeName,
  isPending,
  onConfirm,
}: {
  ref: RefObject<HTMLDialogElement | null>;
  baseId: string;
  nodeName: string;
  isPending: boolean;
  onConfirm: () => void;
}) {
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${baseId}-retire-title`}
      aria-describedby={`${baseId}-retire-text`}
      className="m-auto max-w-md rounded-lg border border-border bg-surface p-6 text-foreground backdrop:bg-black/50"
    >
      <h3 id={`${baseId}-retire-title`} className="text-lg font-semibold break-all">
        Retire {nodeName}?
      </h3>
      <p id={`${baseId}-retire-text`} className="mt-2">
        This cannot be undone. The node is marked Gone: it stops counting for votes and rewards and can no
        longer be renamed or re-pointed. To run the machine again you would enrol it as a new node.
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button variant="secondary" size="sm" autoFocus onClick={() => ref.current?.close()}>
          Keep the node
        </Button>
        <button
          type="button"
          className={cx(DANGER_BUTTON, "bg-danger-fg text-surface hover:opacity-90")}
          disabled={isPending}
          onClick={onConfirm}
        >
          {isPending ? "Retiring…" : `Retire ${nodeName}`}
        </button>
      </div>
    </dialog>
  );
}
