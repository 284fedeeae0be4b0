"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { changeNodeEndpointInputSchema, renameNodeInputSchema } from "@/lib/schemas/my-nodes";
import { useTRPC } from "@/lib/trpc/client";
import { describeNodeActionError } from "./describe-node-action-error";
import { InlineFieldForm } from "./inline-field-form";
import { RetireNodeButton, RetireNodeDialog } from "./retire-node";

type Node = { id: string; name: string; endpointUrl: string | null; isActive: boolean };
type Panel = "rename" | "endpoint" | null;
type Outcome = { kind: "success" | "error"; text: string } | null;

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
      onError: (error) => setFieldError(describeNodeActionError(error)),
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
      onError: (error) => setFieldError(describeNodeActionError(error)),
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
          setOutcome({ kind: "error", text: describeNodeActionError(error) });
        },
      },
    );
  }

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
          <RetireNodeButton
            nodeName={node.name}
            onClick={() => {
              setOutcome(null);
              dialogRef.current?.showModal();
            }}
          />
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">
          Retired nodes cannot be changed. To run this machine again, enrol it as a new node.
        </p>
      )}

      {panel === "rename" ? (
        <InlineFieldForm
          label={`Rename ${node.name}`}
          onSubmit={submitRename}
          onCancel={() => close(renameButton.current)}
          isPending={rename.isPending}
          submitText="Save name"
          baseId={baseId}
          fieldLabel="New name"
          input={{ id: `${baseId}-name`, name: "name", defaultValue: node.name, maxLength: 64 }}
          hint="1–64 characters: letters A–Z, digits, dot, underscore and hyphen, e.g. relay-eu-1."
          error={fieldError}
        />
      ) : null}

      {panel === "endpoint" ? (
        <InlineFieldForm
          label={`Change the endpoint of ${node.name}`}
          onSubmit={submitEndpoint}
          onCancel={() => close(endpointButton.current)}
          isPending={changeEndpoint.isPending}
          submitText="Save endpoint"
          baseId={baseId}
          fieldLabel="Endpoint URL"
          input={{
            id: `${baseId}-endpoint`,
            name: "endpointUrl",
            type: "text",
            inputMode: "url",
            defaultValue: node.endpointUrl ?? "",
            placeholder: "https://node.example.org:8443/",
          }}
          hint="Where Plenum pushes new configs to this node. It must start with https:// and reach a public address (not a loopback, private or link-local one), with no user name or password."
          error={fieldError}
        />
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

      <RetireNodeDialog
        ref={dialogRef}
        baseId={baseId}
        nodeName={node.name}
        isPending={retire.isPending}
        onConfirm={confirmRetire}
      />
    </div>
  );
}
