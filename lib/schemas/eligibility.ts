import { z } from "zod";

const hourCountSchema = z.number().int().nonnegative();

/** Whether one node counts (or would count) in a round, and why not, in plain words. */
export const nodeEligibilityNoteSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  isEligible: z.boolean(),
  /** Why it does not count and what it lacked, naming the hours it was missing; null when it counts. */
  reason: z.string().nullable(),
  /** Hours of the eligibility window with at least one accepted signed request from the node. */
  presentHours: hourCountSchema,
  windowHours: hourCountSchema,
  /** "missing 14 of 72 hours: 3 Dec 02:00–09:00 UTC, …"; null when it was present in every hour. */
  missingHours: z.string().nullable(),
});
export type NodeEligibilityNote = z.infer<typeof nodeEligibilityNoteSchema>;

/** A node that does not count in a round, with why. */
export const uncountedNodeSchema = z.object({ nodeId: z.string(), name: z.string(), reason: z.string() });
export type UncountedNode = z.infer<typeof uncountedNodeSchema>;

/** One of the operator's nodes and voting: the open round's snapshot, and where it stands now. */
export const nodeVotingEligibilitySchema = z.object({
  /** The round open now, if any: whether the node counts in it (decided when it opened) and why not. */
  openRound: z
    .object({
      number: z.number().int(),
      opensAt: z.date(),
      closesAt: z.date(),
      counts: z.boolean(),
      /** Why it does not count, as of the round's opening; null when it counts. */
      reason: z.string().nullable(),
    })
    .nullable(),
  /** Were a round to open now, under the rules in force. */
  current: nodeEligibilityNoteSchema,
  minNodeAgeDays: z.number(),
  minUptimeForVoting: z.number(),
});
export type NodeVotingEligibility = z.infer<typeof nodeVotingEligibilitySchema>;
