import { recordSyncCoverage } from "@/lib/server/config-sync/record-sync-coverage";
import { defineJob } from "@/worker/jobs/define-job";

/** Samples fleet sync coverage once a minute for the coverage chart and drops samples older than 90 days. */
export const recordSyncCoverageJob = defineJob({
  name: "record-sync-coverage",
  intervalMs: 60_000,
  async run({ db, now }) {
    return recordSyncCoverage(db, { now: now() });
  },
});
