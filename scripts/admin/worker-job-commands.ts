import { say, type AdminCommand } from "./admin-command";

/** Jobs the worker runs on its own, run once now. */
export const WORKER_JOB_COMMANDS: Record<string, AdminCommand> = {
  "epochs run": {
    summary:
      "Compute every finished day's rewards and ratings not yet in the reward ledger (the worker does this too).",
    usage: "epochs run",
    options: {},
    async run(db) {
      const { runDueEpochs } = await import("../../lib/server/rewards/compute-epochs");
      const { computed, blocked, lastDay, isBusy } = await runDueEpochs(db, { now: new Date() });
      const blockedCount = blocked.length > 0 ? `, blocked ${blocked.length}` : "";
      if (lastDay !== null) say(`Computed ${computed} epoch(s)${blockedCount}, up to ${lastDay}.`);
      for (const { day, reason } of blocked) say(`  Blocked ${day}: ${reason}`);
      if (blocked.length > 0) {
        say(
          "A blocked day pays nothing until its cause is repaired and `npm run admin -- rerun-epoch <day>` computes it.",
        );
      }
      say(
        isBusy
          ? "Stopped: another process (the worker?) holds the database lock for an epoch. Run this again in a minute."
          : lastDay === null
            ? "No epoch was due: every finished day is already in the reward ledger (or no telemetry has arrived yet)."
            : "Every finished day is now in the reward ledger.",
      );
    },
  },
  "rollups rebuild": {
    summary:
      "Build the telemetry rollups from the raw samples when none exist (a database from before rollups; npm start does it too).",
    usage: "rollups rebuild",
    options: {},
    async run(db) {
      const { rebuildRollupsIfMissing } = await import("../../lib/server/telemetry/rollup-commands");
      const rebuild = await rebuildRollupsIfMissing(db);
      say(
        rebuild.isRebuilt
          ? `Built the rollups from ${rebuild.samples} raw sample(s) of ${rebuild.nodes} node(s): ${rebuild.networkHours} hour(s), ${rebuild.networkDays} day(s).`
          : `Nothing to do: ${rebuild.reason}.`,
      );
    },
  },
};
