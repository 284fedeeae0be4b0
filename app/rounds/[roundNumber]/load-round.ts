import "server-only";
import { TRPCError } from "@trpc/server";
import { cache } from "react";
import { parseRoundNumber } from "@/lib/schemas/rounds";
import { getServerApi, type RouterOutputs } from "@/lib/trpc/server";

export type RoundOverview = RouterOutputs["rounds"]["overview"];

/**
 * One round for this request (the page and its metadata share it): "not-found" for a path that is not a
 * round number or a round that does not exist, "not-ready" before the platform is set up.
 */
export const loadRound = cache(async (param: string): Promise<RoundOverview | "not-found" | "not-ready"> => {
  const roundNumber = parseRoundNumber(param);
  if (roundNumber === undefined) return "not-found";
  try {
    return await (await getServerApi()).rounds.overview({ roundNumber });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return "not-found";
    if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return "not-ready";
    throw error;
  }
});
