import {
  myBallotInputSchema,
  proposalRoundInputSchema,
  roundListInputSchema,
  roundNumberInputSchema,
} from "@/lib/schemas/rounds";
import { ballotInputSchema } from "@/lib/schemas/voting";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import {
  getBallotForOperator,
  getBallotReceipt,
  getProposalRound,
  getRoundOverview,
  getRoundResults,
  listRounds,
} from "@/lib/server/voting/round-queries";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const roundsRouter = createTRPCRouter({
  /** Voting rounds newest first, paged. */
  list: publicProcedure
    .input(roundListInputSchema)
    .query(({ ctx, input }) => listRounds(ctx.db, { ...input, now: ctx.now() })),
  /** One round and its proposals; net votes only after close. */
  overview: publicProcedure
    .input(roundNumberInputSchema)
    .query(({ ctx, input }) => getRoundOverview(ctx.db, { ...input, now: ctx.now() })),
  /** A closed round's outcomes, vote distributions, voting power and resulting config version. */
  results: publicProcedure
    .input(roundNumberInputSchema)
    .query(({ ctx, input }) => getRoundResults(ctx.db, { ...input, now: ctx.now() })),
  /** The round a proposal went to the vote in, if any. */
  ofProposal: publicProcedure
    .input(proposalRoundInputSchema)
    .query(({ ctx, input }) => getProposalRound(ctx.db, { ...input, now: ctx.now() })),
  /** The signed-in operator's budget and counted ballot (the open round by default), or why they cannot vote. */
  myBallot: operatorProcedure
    .input(myBallotInputSchema)
    .query(({ ctx, input }) =>
      getBallotForOperator(ctx.db, { ...input, operatorId: ctx.operator.id, now: ctx.now() }),
    ),
  /**
   * Stores a ballot that replaces the operator's earlier one in the round; answers with its receipt, not
   * the one before it nor its seq (which would count the round's ballots while it is open).
   */
  castBallot: operatorProcedure.input(ballotInputSchema).mutation(async ({ ctx, input }) => {
    const {
      prevReceipt: _withheldUntilClose,
      seq: _alsoWithheld,
      ...stored
    } = await castBallot(ctx.db, {
      ...input,
      operatorId: ctx.operator.id,
      source: "web",
      now: ctx.now(),
    });
    return stored;
  }),
  /** A closed round's receipt document of the operator's counted ballot, to download and check. */
  receipt: operatorProcedure
    .input(roundNumberInputSchema)
    .query(({ ctx, input }) => getBallotReceipt(ctx.db, { ...input, operatorId: ctx.operator.id })),
});
