import { type z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import type { ProposalRefusal } from "@/lib/domain/governance/proposal-lifecycle";
import type { Role } from "@/lib/domain/roles";

/** Who acts: the signed-in operator's id and role. */
export type ProposalWriter = { id: string; role: Role };

/** The input checked again for callers that skip the tRPC input check (seeders, scripts): BAD_INPUT listing every problem. */
export function parseProposalInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const violations = parsed.error.issues.map((issue) => ({
    keys: [],
    field: issue.path.join(".") || null,
    message: issue.message,
  }));
  throw new DomainError("BAD_INPUT", violations.map((violation) => violation.message).join("; "), {
    violations,
  });
}

/** A refused action as the error the writer sees: FORBIDDEN when they may not (who), CONFLICT when not now (when). */
export function refusalError(refusal: ProposalRefusal): DomainError {
  return new DomainError(refusal.kind === "not-allowed" ? "FORBIDDEN" : "CONFLICT", refusal.reason);
}
