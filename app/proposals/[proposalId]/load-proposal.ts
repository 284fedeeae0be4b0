import "server-only";
import { TRPCError } from "@trpc/server";
import { cache } from "react";
import { getServerApi, type RouterOutputs } from "@/lib/trpc/server";

export type ProposalDetail = RouterOutputs["proposals"]["byId"];

/**
 * One proposal for this request (the page and its metadata share it): "not-found" for an unknown id
 * or someone else's draft, "not-ready" before the platform is set up.
 */
export const loadProposal = cache(
  async (proposalId: string): Promise<ProposalDetail | "not-found" | "not-ready"> => {
    try {
      return await (await getServerApi()).proposals.byId({ proposalId });
    } catch (error) {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
        return "not-found";
      if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return "not-ready";
      throw error;
    }
  },
);
