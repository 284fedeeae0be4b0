import { pruneRateLimitBuckets } from "@/lib/server/platform/rate-limit";
import { LONGEST_RATE_LIMIT_WINDOW_MS } from "@/lib/server/platform/rate-limit-policies";
import { defineJob } from "@/worker/jobs/define-job";

export const pruneRateLimitBucketsJob = defineJob({
  name: "prune-rate-limit-buckets",
  intervalMs: 15 * 60_000,
  async run({ db, now }) {
    const bucketsDeleted = await pruneRateLimitBuckets(db, {
      now: now(),
      longestWindowMs: LONGEST_RATE_LIMIT_WINDOW_MS,
    });
    return { bucketsDeleted };
  },
});
