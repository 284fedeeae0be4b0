import { z } from "zod";
import { proposalIdSchema } from "@/lib/schemas/voting";
import { firstSearchParam } from "@/lib/schemas/search-params";

/** Inputs of the web UI's round procedures (tRPC `rounds.*`); the node protocol's own are in voting.ts. */

export const ROUNDS_PAGE_SIZE = 20;

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
    .max(100, { error: "Limit is at most 100" })
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
