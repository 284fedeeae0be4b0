import {
  PROPOSAL_CHANGE_COUNT,
  PROPOSAL_RATIONALE_LENGTH,
  PROPOSAL_SUMMARY_LENGTH,
  PROPOSAL_TITLE_LENGTH,
} from "@/lib/domain/governance/proposal-limits";
import { proposalDraftInputSchema } from "@/lib/schemas/proposals";
import type { TextField, TextLimits, TextValues } from "./describe-proposal-step";

export const MAX_PROPOSAL_CHANGES = PROPOSAL_CHANGE_COUNT.max;

export const PROPOSAL_TEXT_LIMITS: TextLimits = {
  title: PROPOSAL_TITLE_LENGTH,
  summary: PROPOSAL_SUMMARY_LENGTH,
  rationale: PROPOSAL_RATIONALE_LENGTH,
};

/** The wizard's checks of the texts: the same zod contract the server applies to a draft. */
export function checkProposalText(values: TextValues): Partial<Record<TextField, string[]>> {
  const errors: Partial<Record<TextField, string[]>> = {};
  for (const field of ["title", "summary", "rationale"] as const) {
    const parsed = proposalDraftInputSchema.shape[field].safeParse(values[field]);
    if (!parsed.success)
      errors[field] = parsed.error.issues.map(({ message }) =>
        message.endsWith(".") ? message : `${message}.`,
      );
  }
  return errors;
}
