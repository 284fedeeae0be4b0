import { formatNumber } from "../../lib/domain/format-number";
import { say, type AdminCommand } from "./admin-command";

/** Repairs to the ratings stored in the reward ledger. */
export const RATING_COMMANDS: Record<string, AdminCommand> = {
  "recompute-ratings": {
    summary:
      "Rewrite every stored rating under the rating rule (a node that served learns toward its score, one that did not fades); payouts never change.",
    usage: "recompute-ratings [--dry-run]",
    options: {
      "dry-run": { type: "boolean", help: "report what would change and write nothing" },
    },
    async run(db, values) {
      const dryRun = values["dry-run"] === true;
      const { recomputeRatings } = await import("../../lib/server/rewards/recompute-ratings");
      const { isLockContention } = await import("../../lib/server/platform/prisma-errors");
      const verb = dryRun ? "would change" : "changed";
      let result;
      try {
        result = await recomputeRatings(db, {
          dryRun,
          onProgress: ({ day, index, epochs, entries, changed }) =>
            say(
              `  ${day} (${formatNumber(index)}/${formatNumber(epochs)}): ${formatNumber(entries)} rating(s), ${formatNumber(changed)} ${verb}`,
            ),
        });
      } catch (error) {
        if (!isLockContention(error)) throw error;
        throw new Error(
          "another process (the worker computing a day?) holds the database lock. Nothing was changed; run this again in a minute.",
        );
      }
      if (result.epochs === 0) {
        say("No computed day is in the reward ledger yet: there are no ratings to recompute.");
        return;
      }
      say(
        `${dryRun ? "Dry run: replayed" : "Replayed"} ${formatNumber(result.epochs)} day(s), oldest first (blocked days skipped): ` +
          `${formatNumber(result.changed)} of ${formatNumber(result.entries)} rating(s) ${verb}.`,
      );
      const guard = formatNumber(result.guardMinRating ?? 0, { minFractionDigits: 2 });
      say(
        `On ${result.newestDay}, the newest day, ${formatNumber(result.guardEligibleBefore)} node(s) had a rating of at least ${guard} (the guard rating) before, ` +
          `${formatNumber(result.guardEligibleAfter)} ${dryRun ? "after a real run" : "now"}.`,
      );
      say(
        dryRun
          ? "Nothing was written. Run without --dry-run to rewrite the ratings; payouts never change."
          : result.changed === 0
            ? "Every stored rating already follows the rule; nothing was written."
            : "Payouts, bytes served and scores are as they were; cached forecasts were dropped and are computed again when next asked for.",
      );
    },
  },
};
