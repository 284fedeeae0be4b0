import { z } from "zod";
import { PARAMETER_KEYS } from "@/lib/domain/parameters/catalogue";
import { ROUND_OUTCOMES } from "@/lib/domain/voting/ratify-round";
import { ROUND_PHASES } from "@/lib/domain/voting/round-phase";
import { roundClusterPowerSchema } from "@/lib/schemas/cluster-power";
import { uncountedNodeSchema } from "@/lib/schemas/eligibility";
import { ballotReceiptSchema, proposalIdSchema } from "@/lib/schemas/voting";
import { firstSearchParam } from "@/lib/schemas/search-params";

/** Inputs and outputs of the web UI's round procedures (tRPC `rounds.*`); the node protocol's own are in voting.ts. */

export const ROUNDS_PAGE_SIZE = 20;
export const ROUNDS_MAX_LIMIT = 100;

export const roundNumberSchema = z
  .number({ error: "Round number must be a number" })
  .int({ error: "Round number is a whole number" })
  .min(1, { error: "Round numbers start at 1" })
  .max(1_000_000_000, { error: "Round number is too large" });

/** A page of rounds, newest first: rounds numbered below `beforeNumber` (all when absent). */
export const roundListInputSchema = z.object({
  limit: z
    .number()
    .int({ error: "Limit is a whole number" })
    .min(1, { error: "Limit is at least 1" })
    .max(ROUNDS_MAX_LIMIT, { error: `Limit is at most ${ROUNDS_MAX_LIMIT}` })
    .default(ROUNDS_PAGE_SIZE),
  beforeNumber: roundNumberSchema.optional(),
});

export const roundNumberInputSchema = z.object({ roundNumber: roundNumberSchema });

/** The signed-in operator's ballot: the open round when no number is given. */
export const myBallotInputSchema = z.object({ roundNumber: roundNumberSchema.optional() });

export const proposalRoundInputSchema = z.object({ proposalId: proposalIdSchema });

/** A round number from the URL (/rounds/7) or query (?before=7); undefined when it is not one. */
export function parseRoundNumber(value: string | string[] | undefined): number | undefined {
  const text = firstSearchParam(value);
  if (!text || !/^\d{1,9}$/.test(text)) return undefined;
  const number = Number(text);
  return number >= 1 ? number : undefined;
}

/** Outputs of the round procedures: each service declares its return type from these, so the contract cannot drop a field. */

const roundOutcomeSchema = z.enum(ROUND_OUTCOMES);
const countSchema = z.number().int();
const allocationsSchema = z.array(z.object({ proposalId: z.string(), votes: z.number().int() }));

/** What every view of a round shows of it. */
export const roundFactsSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  phase: z.enum(ROUND_PHASES),
  opensAt: z.date(),
  closesAt: z.date(),
  closedAt: z.date().nullable(),
  /** The config version whose rules (gov.*) the round copied when it opened. */
  rulesVersion: z.number().int(),
  creditsPerNode: z.number().int(),
  quorum: z.number(),
  metaSupermajority: z.number(),
  /** Operators with at least one eligible node (a budget), and their eligible nodes in all. */
  eligibleOperators: countSchema,
  eligibleNodes: countSchema,
  /**
   * Operators with a ballot that counts (the voters so far), and the eligible nodes behind them. Not turnout:
   * turnout is per proposal and counts only operators with a non-zero vote on it.
   */
  votedOperators: countSchema,
  votedNodes: countSchema,
  configVersion: z.number().int().nullable(),
  closeBlockedReason: z.string().nullable(),
});
export type RoundFacts = z.infer<typeof roundFactsSchema>;

export const roundListItemSchema = roundFactsSchema.extend({
  proposals: countSchema,
  /** Closed rounds only: how many proposals ended in each outcome. */
  outcomes: z.record(roundOutcomeSchema, countSchema).nullable(),
});

/** Rounds newest first; pass `nextBeforeNumber` back as `beforeNumber` for the next page (null on the last). */
export const roundListSchema = z.object({
  rounds: z.array(roundListItemSchema),
  nextBeforeNumber: z.number().int().nullable(),
});
export type RoundList = z.infer<typeof roundListSchema>;

const roundProposalResultSchema = z.object({
  net: z.number().int(),
  support: countSchema,
  opposition: countSchema,
  outcome: roundOutcomeSchema,
  reason: z.string(),
});

export const roundOverviewSchema = roundFactsSchema.extend({
  /** Where the round's votes are: network clusters (counted, never named) beside operators. Fixed at open. */
  votingPowerByCluster: roundClusterPowerSchema,
  proposals: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      summary: z.string(),
      author: z.object({ id: z.string(), displayName: z.string() }),
      touchesGov: z.boolean(),
      changes: z.array(
        z.object({
          key: z.enum(PARAMETER_KEYS),
          label: z.string(),
          /** The value in force when the round opened. */
          fromValue: z.number(),
          toValue: z.number(),
          changeText: z.string().nullable(),
          sentence: z.string(),
        }),
      ),
      participatingNodes: countSchema,
      turnout: z.number(),
      /** Null until the round closes: net votes stay hidden while it is open, so no one votes with the herd. */
      result: roundProposalResultSchema.nullable(),
    }),
  ),
});
export type RoundOverview = z.infer<typeof roundOverviewSchema>;

const votingPowerSummarySchema = z.object({
  operators: countSchema,
  nakamoto: countSchema,
  gini: z.number(),
  /** The largest single operator's share of the total. */
  largestShare: z.number(),
});

export const roundResultsSchema = z.object({
  round: roundFactsSchema,
  /** In the order ratification considered them: net votes highest first, ties by id. */
  proposals: z.array(
    roundProposalResultSchema.extend({
      id: z.string(),
      title: z.string(),
      touchesGov: z.boolean(),
      participatingNodes: countSchema,
      turnout: z.number(),
      /** Operators per number of votes cast on it, fewest votes first. */
      distribution: z.array(z.object({ votes: z.number().int(), operators: countSchema })),
      /** Operators with a counted ballot that put no vote on it. */
      abstained: countSchema,
    }),
  ),
  /** Decentralisation of effective voting power over operators (⌊√budget⌋ each), and of the votes actually cast. */
  votingPower: z.object({ potential: votingPowerSummarySchema, cast: votingPowerSummarySchema }),
  /** The config version the round's ratification created, with its diff to the version before; null when nothing passed. */
  configVersion: z
    .object({
      version: z.number().int(),
      issuedAt: z.date(),
      activateAt: z.date(),
      activatedAt: z.date().nullable(),
      isActive: z.boolean(),
      changes: z.array(z.object({ key: z.enum(PARAMETER_KEYS), from: z.number(), to: z.number() })),
    })
    .nullable(),
  /** The public export of every counted ballot with receipts, for independent recounts. */
  ballotsExportPath: z.string(),
});
export type RoundResults = z.infer<typeof roundResultsSchema>;

export const proposalRoundSchema = z
  .object({
    roundNumber: z.number().int(),
    phase: z.enum(ROUND_PHASES),
    outcome: roundOutcomeSchema.nullable(),
  })
  .nullable();
export type ProposalRound = z.infer<typeof proposalRoundSchema>;

const operatorBallotRoundSchema = roundFactsSchema.pick({
  id: true,
  number: true,
  phase: true,
  opensAt: true,
  closesAt: true,
  creditsPerNode: true,
});

/**
 * One network cluster the operator has eligible nodes in, as counts only: no cluster id, no prefix and
 * nothing about the other operators but how many there are.
 */
const operatorClusterSchema = z.object({
  /** The operator's eligible nodes in the cluster, and their names. */
  nodes: countSchema,
  nodeNames: z.array(z.string()),
  /** Every operator's eligible nodes in the cluster (N). */
  clusterNodes: countSchema,
  otherOperators: countSchema,
  /** What the operator's nodes here bring on one proposal: nodes × √(C / N), to the millionth of a vote. */
  votes: z.number(),
});
export type OperatorCluster = z.infer<typeof operatorClusterSchema>;

/** A node of the operator's that cast a ballot. */
const ballotNodeSchema = z.object({ id: z.string(), name: z.string() });

/**
 * The operator's nodes that do not count in the round while it is open, with why (at most
 * MAX_EXPLAINED_NODES of them, then how many more); empty once it has closed.
 */
const uncountedNodesFields = {
  uncountedNodes: z.array(uncountedNodeSchema),
  moreUncountedNodes: z.number().int().nonnegative(),
};

/** The operator's place in a round: their budget and the ballot that counts, or why they have none. */
export const operatorBallotSchema = z.discriminatedUnion("isEligible", [
  z.object({
    round: operatorBallotRoundSchema,
    isEligible: z.literal(true),
    ...uncountedNodesFields,
    budget: countSchema,
    eligibleNodes: countSchema,
    nodeNames: z.array(z.string()),
    /** Where the budget comes from: the operator's clusters, those that bring the most votes first. */
    clusters: z.array(operatorClusterSchema),
    ballot: z
      .object({
        /** The ballot's place in the receipt chain, only once the round is closed: it would count the ballots before. */
        seq: z.number().int().optional(),
        submittedAt: z.date(),
        allocations: allocationsSchema,
        cost: countSchema,
        /** The receipt alone; the one before it and the hashed text come with the receipt document after close. */
        receipt: z.string(),
        /** "web" (the ballot form, signed in as the operator) or "node" (POST /api/v1/ballots, signed by a node). */
        source: z.string(),
        /** The node whose key cast it, for a ballot from a node; null for one from the web. Shown to its operator only. */
        node: ballotNodeSchema.nullable(),
        /** The operator's own ballot it replaced in the round, if any: where that one came from and when. */
        replaced: z
          .object({ source: z.string(), submittedAt: z.date(), node: ballotNodeSchema.nullable() })
          .nullable(),
        /** A node's ballot replaced one the operator cast on the web: worth a look if they did not send it. */
        nodeReplacedWebBallot: z.boolean(),
      })
      .nullable(),
  }),
  z.object({
    round: operatorBallotRoundSchema,
    isEligible: z.literal(false),
    /** Why the operator has no budget this round, and what to do about it. */
    reason: z.string(),
    ...uncountedNodesFields,
    minNodeAgeDays: z.number(),
    minUptimeForVoting: z.number(),
  }),
]);
export type OperatorBallot = z.infer<typeof operatorBallotSchema>;

/** What the web ballot form gets back: the receipt alone, not the one before it nor the seq (either would count the round's ballots while it is open). */
export const webBallotReceiptSchema = ballotReceiptSchema.extend({
  roundId: z.string(),
  submittedAt: z.date(),
  allocations: allocationsSchema,
});
export type WebBallotReceipt = z.infer<typeof webBallotReceiptSchema>;

/** The receipt of an operator's counted ballot as a document they can keep and check on their own. */
export const ballotReceiptDocumentSchema = z.object({
  roundId: z.string(),
  roundNumber: z.number().int(),
  operatorId: z.string(),
  seq: z.number().int(),
  /** ISO-8601 UTC, exactly as the receipt hashes it. */
  submittedAt: z.string(),
  allocations: allocationsSchema,
  cost: countSchema,
  budget: countSchema,
  prevReceipt: z.string(),
  receipt: z.string(),
  /** The exact text whose SHA-256 (lower-case hex) is `receipt`. */
  hashedText: z.string(),
  howToCheck: z.string(),
});
export type BallotReceiptDocument = z.infer<typeof ballotReceiptDocumentSchema>;
