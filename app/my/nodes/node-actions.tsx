"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { Input, Label } from "@/components/ui/form-controls";
import { changeNodeEndpointInputSchema, renameNodeInputSchema } from "@/lib/schemas/my-nodes";
import { useTRPC } from "@/lib/trpc/client";

type Node = { id: string; name: string; endpointUrl: string | null; isActive: boolean };
type Panel = "rename" | "endpoint" | null;
type Outcome = { kind: "success" | "error"; text: string } | null;

/** The button look for the irreversible action: the shared Button's variants all set their own text colour. */
const DANGER_BUTTON =
  "inline-flex min-h-9 items-center justify-center rounded-md px-3 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60";

const FIELD_LABELS: Record<string, string> = { name: "Name", endpointUrl: "The endpoint URL" };

/** A person-readable sentence from a failed mutation: field errors first, then the server's message. */
function describeError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const fieldError = Object.entries(data?.fieldErrors ?? {}).find(([, messages]) => messages?.length);
    if (fieldError) return `${FIELD_LABELS[fieldError[0]] ?? fieldError[0]} ${fieldError[1]![0]}.`;
    return error.message.replace(/^endpointUrl /, "The endpoint URL ").replace(/([^.])$/, "$1.");
  }
  return "Something went wrong. Check your connection and try again.";
}

function FormError({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-2 text-sm font-medium text-danger-fg">
      {text}
    </p>
  );
}

function InlineForm({
  label,
  onSubmit,
  onCancel,
  isPending,
  submitText,
  children,
}: {
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  isPending: boolean;
  submitText: string;
  children: ReactNode;
}) {
  return (
    <form aria-label={label} onSubmit={onSubmit} noValidate className="mt-4 rounded-md bg-surface-muted p-4">
      {children}
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

/** Rename, change endpoint and retire for one of the signed-in operator's nodes. */
export function NodeActions({ node }: { node: Node }) {
  const trpc = useTRPC();
  const router = useRouter();
  const baseId = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const endpointButton = useRef<HTMLButtonElement>(null);

  const rename = useMutation(trpc.myNodes.rename.mutationOptions());
  const changeEndpoint = useMutation(trpc.myNodes.changeEndpoint.mutationOptions());
  const retire = useMutation(trpc.myNodes.retire.mutationOptions());

  function open(next: Panel) {
    setPanel(next);
    setFieldError(null);
    setOutcome(null);
  }

  function close(returnFocusTo: HTMLButtonElement | null) {
    setPanel(null);
    setFieldError(null);
    returnFocusTo?.focus();
  }

  function succeed(text: string) {
    setOutcome({ kind: "success", text });
    router.refresh();
  }

  function submitRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = renameNodeInputSchema.safeParse({
      nodeId: node.id,
      name: new FormData(event.currentTarget).get("name"),
    });
    if (!parsed.success) {
      setFieldError(`Name ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
      return;
    }
    setFieldError(null);
    rename.mutate(parsed.data, {
      onSuccess: (renamed) => {
        close(renameButton.current);
        succeed(`Renamed to ${renamed.name}.`);
      },
      onError: (error) => setFieldError(describeError(error)),
    });
  }

  function submitEndpoint(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = changeNodeEndpointInputSchema.safeParse({
      nodeId: node.id,
      endpointUrl: new FormData(event.currentTarget).get("endpointUrl"),
    });
    if (!parsed.success) {
      setFieldError(`The endpoint URL ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
      return;
    }
    setFieldError(null);
    changeEndpoint.mutate(parsed.data, {
      onSuccess: (changed) => {
        close(endpointButton.current);
        succeed(`Endpoint changed to ${changed.endpointUrl}.`);
      },
      onError: (error) => setFieldError(describeError(error)),
    });
  }

  function confirmRetire() {
    retire.mutate(
      { nodeId: node.id },
      {
        onSuccess: () => {
          dialogRef.current?.close();
          succeed(`${node.name} is retired. It is now listed as Gone.`);
        },
        onError: (error) => {
          dialogRef.current?.close();
          setOutcome({ kind: "error", text: describeError(error) });
        },
      },
    );
  }

  const errorId = `${baseId}-error`;
  const helpId = `${baseId}-help`;

  return (
    <div className="mt-4 border-t border-border pt-4">
      {node.isActive ? (
        <div className="flex flex-wrap gap-2">
          <Button
            ref={renameButton}
            size="sm"
            variant="secondary"
            aria-expanded={panel === "rename"}
            onClick={() => (panel === "rename" ? close(null) : open("rename"))}
          >
            Rename<span className="sr-only"> {node.name}</span>
          </Button>
          <Button
            ref={endpointButton}
            size="sm"
            variant="secondary"
            aria-expanded={panel === "endpoint"}
            onClick={() => (panel === "endpoint" ? close(null) : open("endpoint"))}
          >
            Change endpoint<span className="sr-only"> of {node.name}</span>
          </Button>
          <button
            type="button"
            className={cx(
              DANGER_BUTTON,
              "border border-danger-fg bg-surface text-danger-fg hover:bg-danger-bg",
            )}
            onClick={() => {
              setOutcome(null);
              dialogRef.current?.showModal();
            }}
          >
            Retire…<span className="sr-only"> {node.name}</span>
          </button>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">
          Retired nodes cannot be changed. To run this machine again, enrol it as a new node.
        </p>
      )}

      {panel === "rename" ? (
        <InlineForm
          label={`Rename ${node.name}`}
          onSubmit={submitRename}
          onCancel={() => close(renameButton.current)}
          isPending={rename.isPending}
          submitText="Save name"
        >
          <Label htmlFor={`${baseId}-name`}>New name</Label>
          <Input
            id={`${baseId}-name`}
            name="name"
            defaultValue={node.name}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${helpId} ${errorId}` : helpId}
          />
          <p id={helpId} className="mt-1 text-sm text-muted-foreground">
            1–64 characters: letters A–Z, digits, dot, underscore and hyphen, e.g. relay-eu-1.
          </p>
          <FormError id={errorId} text={fieldError} />
        </InlineForm>
      ) : null}

      {panel === "endpoint" ? (
        <InlineForm
          label={`Change the endpoint of ${node.name}`}
          onSubmit={submitEndpoint}
          onCancel={() => close(endpointButton.current)}
          isPending={changeEndpoint.isPending}
          submitText="Save endpoint"
        >
          <Label htmlFor={`${baseId}-endpoint`}>Endpoint URL</Label>
          <Input
            id={`${baseId}-endpoint`}
            name="endpointUrl"
            type="text"
            inputMode="url"
            defaultValue={node.endpointUrl ?? ""}
            placeholder="https://node.example.org:8443/"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${helpId} ${errorId}` : helpId}
          />
          <p id={helpId} className="mt-1 text-sm text-muted-foreground">
            Where Plenum pushes new configs to this node. It must start with https:// and reach a public
            address (not a loopback, private or link-local one), with no user name or password.
          </p>
          <FormError id={errorId} text={fieldError} />
        </InlineForm>
      ) : null}

      <p
        role="status"
        aria-live="polite"
        className={
          outcome?.kind === "error"
            ? "mt-3 text-sm font-medium text-danger-fg"
            : "mt-3 text-sm font-medium text-success-fg empty:hidden"
        }
      >
        {outcome?.text}
      </p>

      <dialog
        ref={dialogRef}
        aria-labelledby={`${baseId}-retire-title`}
        aria-describedby={`${baseId}-retire-text`}
        className="m-auto max-w-md rounded-lg border border-border bg-surface p-6 text-foreground backdrop:bg-black/50"
      >
        <h3 id={`${baseId}-retire-title`} className="text-lg font-semibold break-all">
          Retire {node.name}?
        </h3>
        <p id={`${baseId}-retire-text`} className="mt-2">
          This cannot be undone. The node is marked Gone: it stops counting for votes and rewards and can no
          longer be renamed or re-pointed. To run the machine again you would enrol it as a new node.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" size="sm" autoFocus onClick={() => dialogRef.current?.close()}>
            Keep the node
          </Button>
          <button
            type="button"
            className={cx(DANGER_BUTTON, "bg-danger-fg text-surface hover:opacity-90")}
            disabled={retire.isPending}
            onClick={confirmRetire}
          >
            {retire.isPending ? "Retiring…" : `Retire ${node.name}`}
          </button>
        </div>
      </dialog>
    </div>
  );
}
