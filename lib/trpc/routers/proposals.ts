import {
  cancelProposalInputSchema,
  confirmedProposalBaseSchema,
  ownProposalsSchema,
  previewProposalInputSchema,
  proposalDetailSchema,
  proposalDraftInputSchema,
  proposalIdInputSchema,
  proposalListInputSchema,
  proposalListSchema,
  proposalPreviewSchema,
  proposalWriteSchema,
  publishedProposalSchema,
  updateProposalDraftInputSchema,
} from "@/lib/schemas/proposals";
import { proposalRewardImpactSchema, rewardImpactInputSchema } from "@/lib/schemas/reward-impact";
import { createProposalDraft, updateProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import {
  cancelProposal,
  confirmProposalBase,
  publishProposal,
  withdrawProposal,
} from "@/lib/server/governance/proposal-lifecycle-commands";
import {
  getProposal,
  listOwnProposals,
  listProposals,
  previewProposalChanges,
} from "@/lib/server/governance/proposal-queries";
import { simulateProposalImpact } from "@/lib/server/rewards/simulate-proposal-impact";
import { createTRPCRouter, operatorProcedure, publicProcedure, stewardProcedure } from "../init";

export const proposalsRouter = createTRPCRouter({
  /** Published proposals (never drafts), filtered and paged. */
  list: publicProcedure
    .input(proposalListInputSchema)
    .output(proposalListSchema)
    .query(({ ctx, input }) => listProposals(ctx.db, input)),
  /** The signed-in operator's own proposals, drafts included. */
  mine: operatorProcedure
    .output(ownProposalsSchema)
    .query(({ ctx }) => listOwnProposals(ctx.db, { operatorId: ctx.operator.id })),
  /** One proposal; a draft exists only for its author. */
  byId: publicProcedure
    .input(proposalIdInputSchema)
    .output(proposalDetailSchema)
    .query(({ ctx, input }) => getProposal(ctx.db, { proposalId: input.proposalId, viewer: ctx.operator })),
  /** What changes would do against the active values, with every problem listed. */
  preview: publicProcedure
    .input(previewProposalInputSchema)
    .output(proposalPreviewSchema)
    .query(({ ctx, input }) => previewProposalChanges(ctx.db, input)),
  /** The last epoch replayed under the newest values and under the changes, with the emission-cap warning. */
  impact: publicProcedure
    .input(rewardImpactInputSchema)
    .output(proposalRewardImpactSchema)
    .query(({ ctx, input }) => simulateProposalImpact(ctx.db, input)),
  createDraft: operatorProcedure
    .input(proposalDraftInputSchema)
    .output(proposalWriteSchema)
    .mutation(({ ctx, input }) =>
      createProposalDraft(ctx.db, { writer: ctx.operator, now: ctx.now(), input }),
    ),
  updateDraft: operatorProcedure
    .input(updateProposalDraftInputSchema)
    .output(proposalWriteSchema)
    .mutation(({ ctx, input }) =>
      updateProposalDraft(ctx.db, { writer: ctx.operator, now: ctx.now(), input }),
    ),
  publish: operatorProcedure
    .input(proposalIdInputSchema)
    .output(publishedProposalSchema)
    .mutation(({ ctx, input }) =>
      publishProposal(ctx.db, { writer: ctx.operator, now: ctx.now(), proposalId: input.proposalId }),
    ),
  withdraw: operatorProcedure
    .input(proposalIdInputSchema)
    .output(proposalWriteSchema)
    .mutation(({ ctx, input }) =>
      withdrawProposal(ctx.db, { writer: ctx.operator, now: ctx.now(), proposalId: input.proposalId }),
    ),
  cancel: stewardProcedure
    .input(cancelProposalInputSchema)
    .output(proposalWriteSchema)
    .mutation(({ ctx, input }) => cancelProposal(ctx.db, { writer: ctx.operator, now: ctx.now(), input })),
  confirmBase: operatorProcedure
    .input(proposalIdInputSchema)
    .output(confirmedProposalBaseSchema)
    .mutation(({ ctx, input }) =>
      confirmProposalBase(ctx.db, { writer: ctx.operator, now: ctx.now(), proposalId: input.proposalId }),
    ),
});
