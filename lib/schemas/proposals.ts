import { z } from "zod";
import type { ProposalPermissions } from "@/lib/domain/governance/proposal-access";
import { PROPOSAL_STATE_VALUES, type ProposalState } from "@/lib/domain/governance/proposal-lifecycle";
import {
  CANCEL_REASON_LENGTH,
  PROPOSAL_CHANGE_COUNT,
  PROPOSAL_RATIONALE_LENGTH,
  PROPOSAL_SEARCH_MAX,
  PROPOSAL_SUMMARY_LENGTH,
  PROPOSAL_TITLE_LENGTH,
} from "@/lib/domain/governance/proposal-limits";
import { PARAMETERS, isParameterKey } from "@/lib/domain/parameters/catalogue";
import { pageSchema } from "./page";
import { parameterCategoryIdSchema, parameterKeySchema } from "./parameters";

export type { ProposalState } from "@/lib/domain/governance/proposal-lifecycle";

export const proposalStateSchema = z.enum(PROPOSAL_STATE_VALUES, {
  error: `State is one of ${PROPOSAL_STATE_VALUES.join(", ")}`,
});

// Line breaks and tabs are text; other control characters are not.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
const NO_CONTROL_CHARACTERS_EXCEPT_LINES = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

function lengthBetween(field: string, { min, max }: { min: number; max: number }, hint: string) {
  return z
    .string({ error: `${field} is required` })
    .trim()
    .min(min, { error: `${field} needs at least ${min} characters: ${hint}` })
    .max(max, { error: `${field} is at most ${max.toLocaleString("en-US")} characters` });
}

const proposalIdSchema = z
  .string({ error: "Proposal id is required" })
  .min(1, { error: "Proposal id is required" })
  .max(64, { error: "Proposal id is at most 64 characters" });

const changeKeySchema = z
  .string({ error: "Choose a parameter" })
  .min(1, { error: "Choose a parameter" })
  .max(100, { error: "Parameter key is at most 100 characters" });

const changeValueSchema = z.number({ error: "The new value must be a number" });

/** One proposed change as the wizard and the API send it. */
export const proposalChangeInputSchema = z.object({ key: changeKeySchema, toValue: changeValueSchema });
export type ProposalChangeInput = z.infer<typeof proposalChangeInputSchema>;

/**
 * The checks a change list passes without knowing the current values: known parameters, each once,
 * within its bounds. The service adds the rest (differs from the current value, cross-parameter rules).
 */
const proposalChangesSchema = z
  .array(proposalChangeInputSchema, { error: "Changes must be a list" })
  .min(PROPOSAL_CHANGE_COUNT.min, { error: "Choose at least one parameter to change" })
  .max(PROPOSAL_CHANGE_COUNT.max, {
    error: `A proposal changes at most ${PROPOSAL_CHANGE_COUNT.max} parameters; split it into several proposals`,
  })
  .superRefine((changes, ctx) => {
    const seen = new Set<string>();
    changes.forEach(({ key, toValue }, index) => {
      if (!isParameterKey(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `"${key}" is not a known parameter; choose one from the parameter catalogue`,
        });
        return;
      }
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `${PARAMETERS[key].label} is already in this proposal; change each parameter only once`,
        });
      }
      seen.add(key);
      const parsed = PARAMETERS[key].schema.safeParse(toValue);
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        ctx.addIssue({ code: "custom", path: [index, "toValue"], message: issue.message });
      }
    });
  });

/** A proposal's text and changes: the one contract of the wizard, `createDraft` and `updateDraft`. */
export const proposalDraftInputSchema = z.object({
  title: lengthBetween("Title", PROPOSAL_TITLE_LENGTH, "say in a few words what the proposal changes").regex(
    NO_CONTROL_CHARACTERS,
    { error: "Title must be one line of plain text" },
  ),
  summary: lengthBetween(
    "Summary",
    PROPOSAL_SUMMARY_LENGTH,
    "say in plain words what would change and for whom",
  ).regex(NO_CONTROL_CHARACTERS_EXCEPT_LINES, { error: "Summary must be plain text" }),
  rationale: lengthBetween("Rationale", PROPOSAL_RATIONALE_LENGTH, "explain why the change is needed").regex(
    NO_CONTROL_CHARACTERS_EXCEPT_LINES,
    { error: "Rationale must be text (Markdown is fine)" },
  ),
  changes: proposalChangesSchema,
});
export type ProposalDraftInput = z.infer<typeof proposalDraftInputSchema>;

export const updateProposalDraftInputSchema = proposalDraftInputSchema.extend({
  proposalId: proposalIdSchema,
});
export type UpdateProposalDraftInput = z.infer<typeof updateProposalDraftInputSchema>;

export const proposalIdInputSchema = z.object({ proposalId: proposalIdSchema });

export const cancelProposalInputSchema = z.object({
  proposalId: proposalIdSchema,
  reason: lengthBetween("Reason", CANCEL_REASON_LENGTH, "tell the author and readers why it was cancelled"),
});
export type CancelProposalInput = z.infer<typeof cancelProposalInputSchema>;

/** Unlike the draft input, any finite number is accepted: the preview reports what is wrong instead of failing. */
export const previewProposalInputSchema = z.object({
  changes: z.array(proposalChangeInputSchema).max(50, { error: "Preview at most 50 changes at once" }),
});
export type PreviewProposalInput = z.infer<typeof previewProposalInputSchema>;

export const PROPOSAL_SORTS = ["newest", "updated", "title", "discussion-ends"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

/** "open" means in discussion, queued or being voted on. */
export const OPEN_PROPOSAL_STATES = [
  "Discussion",
  "Queued",
  "Voting",
] as const satisfies readonly ProposalState[];

export const proposalListInputSchema = z.object({
  state: z.union([proposalStateSchema, z.literal("open")]).optional(),
  category: parameterCategoryIdSchema.optional(),
  query: z
    .string()
    .trim()
    .max(PROPOSAL_SEARCH_MAX, { error: `Search is at most ${PROPOSAL_SEARCH_MAX} characters` })
    .optional()
    .transform((value) => (value ? value : undefined)),
  sort: z.enum(PROPOSAL_SORTS, { error: `Sort is one of ${PROPOSAL_SORTS.join(", ")}` }).default("newest"),
  page: z.int({ error: "Page is a whole number" }).min(1, { error: "Page starts at 1" }).default(1),
  pageSize: z
    .int({ error: "Page size is a whole number" })
    .min(10, { error: "Page size is at least 10" })
    .max(50, { error: "Page size is at most 50" })
    .default(20),
});
export type ProposalListInput = z.input<typeof proposalListInputSchema>;
export type ProposalListFilters = z.output<typeof proposalListInputSchema>;

const proposalChangeSchema = z.object({
  key: parameterKeySchema,
  label: z.string(),
  /** The value at the proposal's base version. */
  fromValue: z.number(),
  toValue: z.number(),
});

export const proposalSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  state: proposalStateSchema,
  author: z.object({ id: z.string(), displayName: z.string() }),
  categories: z.array(parameterCategoryIdSchema),
  changes: z.array(proposalChangeSchema),
  commentCount: z.int(),
  createdAt: z.date(),
  publishedAt: z.date().nullable(),
  discussionEndsAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const proposalListSchema = pageSchema(proposalSummarySchema);
export type ProposalList = z.infer<typeof proposalListSchema>;

/** The signed-in operator's own proposals, drafts included. */
export const ownProposalsSchema = z.object({ items: z.array(proposalSummarySchema) });
export type OwnProposals = z.infer<typeof ownProposalsSchema>;

/** The plain-language size and sentence of a change, from the current value. */
const changeDescription = {
  /** "+20 %", "+5 percentage points", or null when there is no meaningful size (from 0, or no change). */
  changeText: z.string().nullable(),
  sentence: z.string(),
};

const proposalDetailChangeSchema = proposalChangeSchema.extend({
  category: parameterCategoryIdSchema,
  unit: z.string(),
  /** The value the newest config version sets now. */
  currentValue: z.number(),
  ...changeDescription,
  changedSinceBase: z.boolean(),
});

const proposalTimelineEntrySchema = z.object({
  at: z.date(),
  type: z.string(),
  label: z.string(),
  actorName: z.string().nullable(),
});

const proposalPermissionsSchema = z.object({
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canWithdraw: z.boolean(),
  canCancel: z.boolean(),
  canConfirmBase: z.boolean(),
}) satisfies z.ZodType<ProposalPermissions>;

export const proposalDetailSchema = proposalSummarySchema.extend({
  rationale: z.string(),
  baseVersion: z.int(),
  /** The newest issued config version (perhaps not active yet): what the proposal would be applied to. */
  currentVersion: z.int(),
  needsBaseConfirmation: z.boolean(),
  closeReason: z.string().nullable(),
  changes: z.array(proposalDetailChangeSchema),
  timeline: z.array(proposalTimelineEntrySchema),
  viewer: proposalPermissionsSchema,
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

export const proposalPreviewSchema = z.object({
  activeVersion: z.int(),
  changes: z.array(proposalChangeSchema.extend(changeDescription)),
  violations: z.array(z.object({ keys: z.array(z.string()), message: z.string() })),
});
export type ProposalPreview = z.infer<typeof proposalPreviewSchema>;

/** What a write to a proposal answers: the proposal it wrote. */
export const proposalWriteSchema = z.object({ proposalId: z.string() });
export type ProposalWrite = z.infer<typeof proposalWriteSchema>;

export const publishedProposalSchema = proposalWriteSchema.extend({ discussionEndsAt: z.date() });
export type PublishedProposal = z.infer<typeof publishedProposalSchema>;

export const confirmedProposalBaseSchema = proposalWriteSchema.extend({ baseVersion: z.int() });
export type ConfirmedProposalBase = z.infer<typeof confirmedProposalBaseSchema>;
