import { pruneNodeRequestReplays } from "@/lib/server/nodes/prune-node-request-replays";
import { defineJob } from "@/worker/jobs/define-job";

export const pruneNodeRequestReplaysJob = defineJob({
  name: "prune-node-request-replays",
  intervalMs: 5 * 60_000,
  async run({ db, now, env, logger }) {
    const retentionDays = env.PLENUM_TELEMETRY_RETENTION_DAYS;
    const result = await pruneNodeRequestReplays(db, { now: now(), retentionDays });
    if (result.samplesDeleted + result.peerTrafficDeleted + result.presenceDeleted > 0) {
      logger.info("old telemetry deleted", { ...result, retentionDays });
    }
    return result;
  },
});
