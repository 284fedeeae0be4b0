import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import { summariseRatings, summariseRewards } from "@/lib/domain/metrics/dashboard-summaries";
import { nodesAtGuardRating, ratingHistogram } from "@/lib/domain/metrics/rating-distribution";
import { creditsFromMicro } from "@/lib/domain/rewards/compute-epoch";
import { epochOverlapBound } from "@/lib/domain/rewards/epoch-schedule";
import { STATS_CHART_MAX_POINTS, type NetworkDashboard } from "@/lib/schemas/network-stats";
import type { Db } from "../platform/db";
import { getActiveConfigVersion } from "../governance/config-version-queries";
import type { StatsWindow } from "./stats-range";

const RATING_BINS = 10;

/** Credits paid in each computed epoch overlapping the range, against the epoch's emission cap (blocked days paid nothing and are left out). */
export async function getRewards(
  db: Db,
  { from, period }: Pick<StatsWindow, "from" | "period">,
): Promise<NetworkDashboard["rewards"]> {
  const rows = await db.epoch.findMany({
    where: { status: "Computed", ...(from ? { day: { gt: epochOverlapBound(from) } } : {}) },
    orderBy: { day: "asc" },
    select: {
      day: true,
      paidNodes: true,
      emissionCapMicro: true,
      unscaledMicro: true,
      paidMicro: true,
      scale: true,
    },
  });
  const epochs = rows.map((row) => ({
    day: row.day.getTime(),
    paid: creditsFromMicro(row.paidMicro),
    unscaled: creditsFromMicro(row.unscaledMicro),
    cap: creditsFromMicro(row.emissionCapMicro),
    scale: row.scale,
    paidNodes: row.paidNodes,
  }));
  return {
    summary: summariseRewards({
      epochs: epochs.map((epoch) => ({ ...epoch, day: new Date(epoch.day) })),
      period,
    }),
    epochs: downsampleLttb(
      epochs,
      STATS_CHART_MAX_POINTS,
      (epoch) => epoch.day,
      (epoch) => epoch.paid,
    ),
  };
}

/** The newest computed epoch's ratings in ten bins, and how many reach the active config's guard rating. */
export async function getRatings(db: Db): Promise<NetworkDashboard["ratings"]> {
  const [epoch, active] = await Promise.all([
    db.epoch.findFirst({
      where: { status: "Computed" },
      orderBy: { day: "desc" },
      select: { day: true, entries: { select: { rating: true } } },
    }),
    getActiveConfigVersion(db),
  ]);
  const guardMinRating = active.params["roles.guardMinRating"];
  const ratings = epoch?.entries.map((entry) => entry.rating) ?? [];
  const atGuardRating = nodesAtGuardRating(ratings, guardMinRating);
  return {
    summary: summariseRatings({
      epochDay: epoch?.day ?? null,
      nodes: ratings.length,
      nodesAtGuardRating: atGuardRating,
      guardMinRating,
    }),
    epochDay: epoch?.day.toISOString() ?? null,
    guardMinRating,
    bins: ratingHistogram(ratings, RATING_BINS),
    nodesAtGuardRating: atGuardRating,
  };
}
