import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { defineJob } from "@/worker/jobs/define-job";

export const activateConfigVersionsJob = defineJob({
  name: "activate-config-versions",
  intervalMs: 5_000,
  async run({ db, now, logger }) {
    const result = await activateDueConfigVersions(db, { now: now() });
    if (result.activated.length > 0) logger.info("config versions activated", { versions: result.activated });
    return result;
  },
});
