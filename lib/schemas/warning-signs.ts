import { z } from "zod";
import { IDENTICAL_BALLOT_LINKS } from "@/lib/domain/clusters/warning-signs";

/** How far back the stewards' page looks. */
export const WARNING_SIGNS_DEFAULT_DAYS = 30;
export const WARNING_SIGNS_MAX_DAYS = 90;

export const warningSignsInputSchema = z.object({
  days: z
    .int({ error: `days must be a whole number from 1 to ${WARNING_SIGNS_MAX_DAYS}` })
    .min(1, { error: "days must be at least 1" })
    .max(WARNING_SIGNS_MAX_DAYS, { error: `days is at most ${WARNING_SIGNS_MAX_DAYS}` })
    .default(WARNING_SIGNS_DEFAULT_DAYS),
});
export type WarningSignsInput = z.input<typeof warningSignsInputSchema>;

const timeSpanSchema = z.object({ from: z.date(), to: z.date() });

/** An account as stewards see it in a warning sign: its public display name, never its email. */
const signAccountSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  createdAt: z.date(),
});

/** Accounts created together whose nodes enrolled with tokens minted together and first reported from one cluster. */
export const accountsCreatedTogetherSchema = z.object({
  /** The shared network cluster as a prefix (e.g. 203.0.113.0/24): never a node's address. */
  clusterPrefix: z.string(),
  /** All accounts of the group; `accounts` may list fewer. */
  accountCount: z.number().int().min(2),
  accounts: z.array(
    signAccountSchema.extend({
      nodes: z.number().int().nonnegative(),
      /** Of its nodes, those whose first report came from the shared cluster. */
      nodesInCluster: z.number().int().nonnegative(),
    }),
  ),
  accountsCreated: timeSpanSchema,
  tokensCreated: timeSpanSchema,
  firstReported: timeSpanSchema,
});

/** Identical counted ballots of one closed round from accounts tied to each other. */
export const identicalBallotsSchema = z.object({
  roundNumber: z.number().int().positive(),
  closedAt: z.date(),
  allocations: z.array(
    z.object({ proposalId: z.string(), proposalTitle: z.string(), votes: z.number().int() }),
  ),
  accountCount: z.number().int().min(2),
  accounts: z.array(signAccountSchema),
  links: z.array(z.enum(IDENTICAL_BALLOT_LINKS)),
});

export const warningSignsSchema = z.object({
  days: z.number().int().positive(),
  since: z.date(),
  /** Accounts created since `since` that were checked (the newest, up to a bound). */
  accountsChecked: z.number().int().nonnegative(),
  /** More accounts were created in the window than one check reads; the oldest were left out. */
  isAccountCheckCapped: z.boolean(),
  /** Every group found; `groups` lists the first ones. */
  groupCount: z.number().int().nonnegative(),
  groups: z.array(accountsCreatedTogetherSchema),
  /** Rounds closed since `since` whose counted ballots were compared. */
  roundsChecked: z.array(z.number().int().positive()),
  identicalBallotCount: z.number().int().nonnegative(),
  identicalBallots: z.array(identicalBallotsSchema),
});

export type AccountsCreatedTogetherSign = z.infer<typeof accountsCreatedTogetherSchema>;
export type IdenticalBallotsSign = z.infer<typeof identicalBallotsSchema>;
export type WarningSigns = z.infer<typeof warningSignsSchema>;

/** What stewards see of one node of a pair that only trades with itself. */
const pairNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  operatorName: z.string(),
  /** What the node reported exchanging (sent + received) with the other node of the pair. */
  bytesWithOther: z.bigint(),
  /** What the node reported exchanging with all its peers. */
  bytesWithAll: z.bigint(),
});

/** Two nodes that only trade with each other (lib/domain/clusters/exclusive-pairs.ts). */
export const exclusivePairSchema = z.object({
  nodes: z.tuple([pairNodeSchema, pairNodeSchema]),
  /**
   * Whether the two nodes reported from the same network cluster over the window (the one most of their
   * hours came from): traffic inside one cluster is never counted as confirmed anyway. Unknown when
   * either node's cluster is not known.
   */
  network: z.enum(["same", "different", "unknown"]),
  /** Days of the window on which either node reported traffic with the other. */
  days: z.number().int().positive(),
});

export const exclusivePairsSchema = z.object({
  /** The window in days, today (UTC) included, and its first day. */
  days: z.number().int().positive(),
  since: z.date(),
  /** The share of a node's reported bytes that must be with the other, in percent. */
  sharePercent: z.number(),
  /** Nodes whose per-peer reports were compared. */
  nodesChecked: z.number().int().nonnegative(),
  /** More nodes reported than one check reads: only the first ones (by id) were compared. */
  isNodeCheckCapped: z.boolean(),
  /** Every pair found; `pairs` lists the first ones, most data first. */
  pairCount: z.number().int().nonnegative(),
  pairs: z.array(exclusivePairSchema),
});

export type ExclusivePairSign = z.infer<typeof exclusivePairSchema>;
export type ExclusivePairs = z.infer<typeof exclusivePairsSchema>;
