import { TRPCClientError } from "@trpc/client";

const FIELD_LABELS: Record<string, string> = { name: "Name", endpointUrl: "The endpoint URL" };

/** A person-readable sentence from a failed mutation: field errors first, then the server's message. */
export function describeNodeActionError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const fieldError = Object.entries(data?.fieldErrors ?? {}).find(([, messages]) => messages?.length);
    if (fieldError) return `${FIELD_LABELS[fieldError[0]] ?? fieldError[0]} ${fieldError[1]![0]}.`;
    return error.message.replace(/^endpointUrl /, "The endpoint URL ").replace(/([^.])$/, "$1.");
  }
  return "Something went wrong. Check your connection and try again.";
}
