import {
  applyParameterChanges,
  changesRewards,
  simulateRewardImpact,
  touchesRewardParameter,
} from "@/lib/domain/rewards/simulate-impact";
import type { ProposalRewardImpact, RewardImpactInput } from "@/lib/schemas/reward-impact";
import type { Db } from "@/lib/server/platform/db";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import { loadLatestEpochInputs } from "@/lib/server/rewards/epoch-input-queries";

type LatestEpochInputs = NonNullable<Awaited<ReturnType<typeof loadLatestEpochInputs>>>;

/** One epoch's inputs and the impacts simulated on them, valid while the newest epoch and config version stay. */
interface ImpactCache {
  key: string;
  inputs: LatestEpochInputs;
  results: Map<string, ProposalRewardImpact>;
}

const MAX_CACHED_RESULTS = 200;
// Per client (one per database); a stored epoch's ledger and an issued version never change, so the
// newest epoch's day and the newest version number identify what a simulation reads.
const caches = new WeakMap<Db, ImpactCache>();

function cacheKey(day: Date, configVersion: number): string {
  return `${day.toISOString()}|${configVersion}`;
}

/** The cache for the newest computed epoch under `configVersion`, reading its inputs only when it moved on. */
async function epochCache(db: Db, configVersion: number): Promise<ImpactCache | null> {
  const newest = await db.epoch.findFirst({
    where: { status: "Computed" },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  if (!newest) return null;
  const cached = caches.get(db);
  if (cached?.key === cacheKey(newest.day, configVersion)) return cached;
  const inputs = await loadLatestEpochInputs(db);
  if (!inputs) return null;
  const cache = { key: cacheKey(inputs.day, configVersion), inputs, results: new Map() };
  caches.set(db, cache);
  return cache;
}

/**
 * The newest epoch's telemetry replayed under the newest issued config version (what proposals are
 * written against) and under that version with `changes` applied; cached per epoch, version and changes.
 */
export async function simulateProposalImpact(
  db: Db,
  { changes }: RewardImpactInput,
): Promise<ProposalRewardImpact> {
  const { version: configVersion, params: currentParams } = await newestConfigVersion(db);
  const proposedParams = applyParameterChanges(currentParams, changes);
  if (!changesRewards(currentParams, proposedParams)) {
    return touchesRewardParameter(changes)
      ? { status: "same-as-current", configVersion }
      : { status: "no-reward-change" };
  }
  const cache = await epochCache(db, configVersion);
  if (!cache) return { status: "no-epoch" };
  const changesKey = JSON.stringify([...changes].sort((a, b) => a.key.localeCompare(b.key)));
  const cached = cache.results.get(changesKey);
  if (cached) return cached;
  const { day, nodes } = cache.inputs;
  const impact = simulateRewardImpact({ day, nodes, currentParams, proposedParams });
  const result: ProposalRewardImpact = impact
    ? { status: "simulated", configVersion, impact }
    : { status: "no-reward-change" };
  if (cache.results.size >= MAX_CACHED_RESULTS) cache.results.clear();
  cache.results.set(changesKey, result);
  return result;
}
