import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import { defineJob } from "@/worker/jobs/define-job";

export const queueProposalsJob = defineJob({
  name: "queue-proposals",
  intervalMs: 30_000,
  async run({ db, now, logger }) {
    const result = await queueReadyProposals(db, now());
    if (result.queued > 0) logger.info("proposals queued for voting", result);
    return result;
  },
});
