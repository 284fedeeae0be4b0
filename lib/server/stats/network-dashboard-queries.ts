import type { NetworkDashboard, NetworkHeadlineOutput, StatsRange } from "@/lib/schemas/network-stats";
import type { Db } from "../platform/db";
import { getConfirmedShare } from "./confirmed-traffic-queries";
import { getContribution, getFreeRiders } from "./contribution-queries";
import { getNewestRoundNakamoto, getParticipationAndVotingPower } from "./decisions-queries";
import { getRatings, getRewards } from "./earnings-queries";
import {
  countKnownNodes,
  getCurrentSyncCoveragePercent,
  getNodesOnlineAndDataServed,
  getNodesOnlineLastHour,
  getSyncCoverage,
} from "./network-up-queries";
import { statsWindow } from "./stats-range";

/** The range the overview page's headline covers. */
export const NETWORK_HEADLINE_RANGE = "24h" satisfies StatsRange;

/** Headline numbers that do not depend on the range: the last complete hour, node count and newest round. */
async function getCurrentState(db: Db, { now }: { now: Date }) {
  const [nodesOnline, nodesKnown, nakamoto] = await Promise.all([
    getNodesOnlineLastHour(db, { now }),
    countKnownNodes(db),
    getNewestRoundNakamoto(db),
  ]);
  return { nodesOnline, nodesKnown, nakamoto };
}

/**
 * The dashboard's headline alone, over NETWORK_HEADLINE_RANGE: what the overview page shows, without
 * reading every chart.
 */
export async function getNetworkHeadline(db: Db, { now }: { now: Date }): Promise<NetworkHeadlineOutput> {
  const window = statsWindow(NETWORK_HEADLINE_RANGE, now);
  const [series, spread, syncCoveragePercent, current] = await Promise.all([
    getNodesOnlineAndDataServed(db, window),
    getContribution(db, window),
    getCurrentSyncCoveragePercent(db, { now }),
    getCurrentState(db, { now }),
  ]);
  return {
    range: window.range,
    headline: { ...current, gbServed: series.gbServed, contributionGini: spread.gini, syncCoveragePercent },
  };
}

/**
 * The public network dashboard for a range, one module per section of the page: is the network up, who
 * contributes, who earns, who decides. Reads only rollups, epochs, rounds and coverage samples (never raw
 * telemetry), one aggregated query per chart, all in parallel; series cover complete buckets.
 */
export async function getNetworkDashboard(
  db: Db,
  { range, now }: { range: StatsRange; now: Date },
): Promise<NetworkDashboard> {
  const window = statsWindow(range, now);
  const [series, coverage, contribution, freeRiders, confirmedShare, rewards, ratings, rounds, current] =
    await Promise.all([
      getNodesOnlineAndDataServed(db, window),
      getSyncCoverage(db, window),
      getContribution(db, window),
      getFreeRiders(db, window),
      getConfirmedShare(db, window),
      getRewards(db, window),
      getRatings(db),
      getParticipationAndVotingPower(db, window),
      getCurrentState(db, { now }),
    ]);
  return {
    range,
    from: window.from?.toISOString() ?? null,
    to: now.toISOString(),
    headline: {
      ...current,
      gbServed: series.gbServed,
      contributionGini: contribution.gini,
      syncCoveragePercent: coverage.currentPercent,
    },
    nodesOnline: series.nodesOnline,
    dataServed: series.dataServed,
    contribution,
    ratings,
    rewards,
    freeRiders,
    confirmedShare,
    ...rounds,
    syncCoverage: coverage.chart,
  };
}
