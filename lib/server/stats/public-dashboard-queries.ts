import type { NetworkDashboard, NetworkHeadlineOutput, StatsRange } from "@/lib/schemas/network-stats";
import { createComputationCache, type ComputationCache } from "../platform/computation-cache";
import type { Db } from "../platform/db";
import { enforceRateLimit } from "../platform/rate-limit";
import { RATE_LIMITS } from "../platform/rate-limit-policies";
import { getNetworkDashboard, getNetworkHeadline } from "./network-dashboard-queries";

/** How long one computation of a public dashboard read serves every caller of the same range. */
export const PUBLIC_STATS_CACHE_MS = 30_000;

// One cache per database client, so a process (or a test file) with several databases never mixes them.
const caches = new WeakMap<Db, ComputationCache>();

function cacheFor(db: Db): ComputationCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = createComputationCache({ ttlMs: PUBLIC_STATS_CACHE_MS });
    caches.set(db, cache);
  }
  return cache;
}

interface PublicRead {
  now: Date;
  /**
   * The caller's address, counted under RATE_LIMITS.publicStatsPerAddress (pages rendered on the server
   * pass their visitor's). Null for calls made on the server with no client behind them (benchmarks,
   * scripts, tests' callers): those are not limited.
   */
  clientIp: string | null;
}

async function limitPerAddress(db: Db, { now, clientIp }: PublicRead): Promise<void> {
  if (clientIp === null) return;
  await enforceRateLimit(db, RATE_LIMITS.publicStatsPerAddress, { subject: clientIp, now });
}

/**
 * The public network dashboard for a range, as anyone may ask for it: limited per address, and computed
 * at most once per range every PUBLIC_STATS_CACHE_MS (callers within that time, or while it is being
 * computed, share one result, whose `to` says when it was computed).
 */
export async function getPublicNetworkDashboard(
  db: Db,
  { range, ...read }: PublicRead & { range: StatsRange },
): Promise<NetworkDashboard> {
  await limitPerAddress(db, read);
  return cacheFor(db).get(`dashboard:${range}`, read.now, () =>
    getNetworkDashboard(db, { range, now: read.now }),
  );
}

/** The public dashboard's headline, limited and cached like getPublicNetworkDashboard. */
export async function getPublicNetworkHeadline(db: Db, read: PublicRead): Promise<NetworkHeadlineOutput> {
  await limitPerAddress(db, read);
  return cacheFor(db).get("headline", read.now, () => getNetworkHeadline(db, { now: read.now }));
}
