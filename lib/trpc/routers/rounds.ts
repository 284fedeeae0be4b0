import {
  ballotReceiptDocumentSchema,
  myBallotInputSchema,
  operatorBallotSchema,
  proposalRoundInputSchema,
  proposalRoundSchema,
  roundListInputSchema,
  roundListSchema,
  roundNumberInputSchema,
  roundOverviewSchema,
  roundResultsSchema,
  webBallotReceiptSchema,
} from "@/lib/schemas/rounds";
import { ballotInputSchema } from "@/lib/schemas/voting";
import { castWebBallot } from "@/lib/server/voting/cast-ballot";
import { getBallotForOperator, getBallotReceipt } from "@/lib/server/voting/operator-ballot-queries";
import { getProposalRound, getRoundOverview, listRounds } from "@/lib/server/voting/round-queries";
import { getRoundResults } from "@/lib/server/voting/round-results-queries";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const roundsRouter = createTRPCRouter({
  /** Voting rounds newest first, paged. */
  list: publicProcedure
    .input(roundListInputSchema)
    .output(roundListSchema)
    .query(({ ctx, input }) => listRounds(ctx.db, { ...input, now: ctx.now() })),
  /** One round and its proposals; net votes only after close. */
  overview: publicProcedure
    .input(roundNumberInputSchema)
    .output(roundOverviewSchema)
    .query(({ ctx, input }) => getRoundOverview(ctx.db, { ...input, now: ctx.now() })),
  /** A closed round's outcomes, vote distributions, voting power and resulting config version. */
  results: publicProcedure
    .input(roundNumberInputSchema)
    .output(roundResultsSchema)
    .query(({ ctx, input }) => getRoundResults(ctx.db, { ...input, now: ctx.now() })),
  /** The round a proposal went to the vote in, if any. */
  ofProposal: publicProcedure
    .input(proposalRoundInputSchema)
    .output(proposalRoundSchema)
    .query(({ ctx, input }) => getProposalRound(ctx.db, { ...input, now: ctx.now() })),
  /** The signed-in operator's budget and counted ballot (the open round by default), or why they cannot vote. */
  myBallot: operatorProcedure
    .input(myBallotInputSchema)
    .output(operatorBallotSchema)
    .query(({ ctx, input }) =>
      getBallotForOperator(ctx.db, { ...input, operatorId: ctx.operator.id, now: ctx.now() }),
    ),
  /** Stores a ballot that replaces the operator's earlier one in the round; answers with its receipt. */
  castBallot: operatorProcedure
    .input(ballotInputSchema)
    .output(webBallotReceiptSchema)
    .mutation(({ ctx, input }) =>
      castWebBallot(ctx.db, { ...input, operatorId: ctx.operator.id, now: ctx.now() }),
    ),
  /** A closed round's receipt document of the operator's counted ballot, to download and check. */
  receipt: operatorProcedure
    .input(roundNumberInputSchema)
    .output(ballotReceiptDocumentSchema)
    .query(({ ctx, input }) => getBallotReceipt(ctx.db, { ...input, operatorId: ctx.operator.id })),
});
