import { formatNumber } from "../../lib/domain/format-number";
import { creditsFromMicro } from "../../lib/domain/rewards/compute-epoch";
import { say, UsageError, type AdminCommand } from "./admin-command";

/** A UTC day written YYYY-MM-DD, as its midnight. */
function epochDay(text: unknown): Date {
  const day = typeof text === "string" ? new Date(`${text}T00:00:00.000Z`) : new Date(Number.NaN);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) {
    throw new UsageError(
      `<day> must be a UTC day written YYYY-MM-DD, such as 2026-02-03; got "${String(text)}".`,
    );
  }
  return day;
}

/** Repairs to the reward ledger. */
export const EPOCH_COMMANDS: Record<string, AdminCommand> = {
  "rerun-epoch": {
    summary:
      "Compute a blocked epoch again after repairing its cause; a computed epoch is never re-run (payouts never change).",
    usage: "rerun-epoch <day>",
    options: {},
    argument: { name: "day", help: "the blocked epoch's UTC day, YYYY-MM-DD" },
    async run(db, values) {
      const day = epochDay(values.day);
      const { rerunBlockedEpoch } = await import("../../lib/server/rewards/rerun-epoch");
      const rerun = await rerunBlockedEpoch(db, { day, now: new Date() });
      if (rerun.status === "Blocked") {
        throw new Error(
          `The epoch of ${rerun.day} is still blocked; its new reason is stored: ${rerun.reason}`,
        );
      }
      say(
        `Computed the epoch of ${rerun.day}: ${formatNumber(rerun.nodes)} node(s), ${formatNumber(rerun.paidNodes)} paid, ${formatNumber(creditsFromMicro(rerun.paidMicro))} credits in all.`,
      );
      say(
        "Ratings carried on from the computed epoch before it; epochs computed after it stay as they were paid.",
      );
    },
  },
};
