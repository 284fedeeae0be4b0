import { closeDueRounds, type ClosedRound } from "@/lib/server/voting/close-round";
import { openDueRound } from "@/lib/server/voting/open-round";
import { defineJob } from "@/worker/jobs/define-job";

/**
 * Closes rounds whose time is over, then opens the next one when proposals are queued. A failed close
 * does not keep the next round from opening; the run still fails with it afterwards, so it is logged.
 */
export const runVotingRoundsJob = defineJob({
  name: "run-voting-rounds",
  intervalMs: 60_000,
  async run({ db, now, logger }) {
    let closed: ClosedRound[] = [];
    let closeError: unknown = null;
    try {
      closed = await closeDueRounds(db, { now: now() });
    } catch (error) {
      closeError = error;
    }
    for (const round of closed) {
      logger.info("voting round closed", {
        round: round.number,
        passed: round.decisions.filter((decision) => decision.outcome === "passed").length,
        proposals: round.decisions.length,
        configVersion: round.configVersion,
        activateAt: round.activateAt?.toISOString() ?? null,
      });
    }
    const opened = await openDueRound(db, { now: now() });
    if (opened) {
      logger.info("voting round opened", {
        round: opened.number,
        proposals: opened.proposalIds.length,
        voters: opened.voters,
        eligibleNodes: opened.eligibleNodes,
        closesAt: opened.closesAt.toISOString(),
      });
    }
    if (closeError) throw closeError;
    return { closed: closed.map((round) => round.number), opened: opened?.number ?? null };
  },
});
