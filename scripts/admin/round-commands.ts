import { formatPercent } from "../../lib/domain/format-percent";
import type { Db } from "../../lib/server/platform/db";
import { say, type AdminCommand } from "./admin-command";

/** Opening and closing a voting round now, ahead of the worker's schedule. */
export const ROUND_COMMANDS: Record<string, AdminCommand> = {
  "round open": {
    summary: "Open a voting round now with every queued proposal (the worker does this on its own schedule).",
    usage: "round open [--cut-discussion]",
    options: {
      "cut-discussion": {
        type: "boolean",
        help: "also put proposals still in discussion to the vote (those needing no confirmation)",
      },
    },
    async run(db, values) {
      const { openRound } = await import("../../lib/server/voting/open-round");
      const round = await openRound(db, {
        now: new Date(),
        cutDiscussionShort: values["cut-discussion"] === true,
      });
      const titles = await proposalTitles(db, round.proposalIds);
      say(
        `Opened voting round ${round.number} with ${round.proposalIds.length} proposal(s); it closes at ${round.closesAt.toISOString()}.`,
      );
      for (const proposalId of round.proposalIds) say(`  ${proposalId}  ${titles.get(proposalId)}`);
      say(
        `${round.voters} operator(s) may vote, with ${round.eligibleNodes} eligible node(s) between them. Close it early with \`npm run admin -- round close\`.`,
      );
    },
  },
  "round close": {
    summary: "Close the open voting round now: recount, ratify and issue the next config version.",
    usage: "round close",
    options: {},
    async run(db) {
      const { closeRound } = await import("../../lib/server/voting/close-round");
      const round = await closeRound(db, { now: new Date() });
      const titles = await proposalTitles(
        db,
        round.decisions.map((decision) => decision.proposalId),
      );
      say(`Closed voting round ${round.number} at ${round.closedAt.toISOString()}.`);
      for (const decision of round.decisions) {
        say(
          `  ${decision.outcome.padEnd(10)} ${titles.get(decision.proposalId)} (${decision.proposalId}): net ${decision.net}, turnout ${formatPercent(decision.turnout)}. ${decision.reason}`,
        );
      }
      say(
        round.configVersion === null
          ? "Nothing passed, so no config version was created."
          : `Config version ${round.configVersion} was created; it activates at ${round.activateAt!.toISOString()}.`,
      );
    },
  },
};

async function proposalTitles(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.proposal.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, title: true },
  });
  return new Map(rows.map((row) => [row.id, `“${row.title}”`]));
}
