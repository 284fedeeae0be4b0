import type { DayMetrics, ModelNodeKind } from "@/lib/domain/network-model/model-types";
import { nodeKinds } from "@/lib/domain/network-model/node-kind";
import { observedDayMetrics, type LedgerDayEntry } from "@/lib/domain/network-model/observed-metrics";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { computedDays, loadConfigParams, loadLedgerDay, type ComputedDay } from "./model-state-queries";

/**
 * Each node's kind over some days, as the model state sizes clusters: every node up on any of the days
 * counts once, in the cluster it was up in most often (ties: the newest); a data centre is a cluster of
 * DATA_CENTRE_CLUSTER_NODES or more such nodes. Nodes never up are absent (home when asked).
 */
export function kindsOverDays(days: readonly (readonly LedgerDayEntry[])[]): Map<string, ModelNodeKind> {
  const seen = new Map<string, Map<string, { count: number; newest: number }>>();
  for (const entries of days) {
    for (const entry of entries) {
      if (entry.uptimeSeconds <= 0) continue;
      const cluster = entry.clusterPrefix ?? entry.nodeId;
      const clusters = seen.get(entry.nodeId) ?? new Map<string, { count: number; newest: number }>();
      const prior = clusters.get(cluster);
      clusters.set(cluster, {
        count: (prior?.count ?? 0) + 1,
        newest: Math.max(prior?.newest ?? -Infinity, entry.day.getTime()),
      });
      seen.set(entry.nodeId, clusters);
    }
  }
  const clusterOf = new Map<string, string>();
  for (const [nodeId, clusters] of seen) {
    let best: { cluster: string; count: number; newest: number } | null = null;
    for (const [cluster, { count, newest }] of clusters) {
      if (!best || count > best.count || (count === best.count && newest > best.newest)) {
        best = { cluster, count, newest };
      }
    }
    clusterOf.set(nodeId, best!.cluster);
  }
  return nodeKinds(clusterOf);
}

/**
 * One computed day's metrics from its ledger lines: `kinds` as the caller sized them (kindsOverDays),
 * guard rating from the config version the epoch was computed under (the one in force that day), the
 * payout scale from the Epoch row.
 */
export function observedMetricsOfDay(
  entries: readonly LedgerDayEntry[],
  { scale }: Pick<ComputedDay, "scale">,
  params: ParameterValues,
  kinds: ReadonlyMap<string, ModelNodeKind>,
): DayMetrics {
  return observedDayMetrics({ entries, guardMinRating: params["roles.guardMinRating"], kinds, scale });
}

/** The parameter values of the config version each day was computed under. */
export async function paramsOfDays(
  db: DbOrTransaction,
  days: readonly ComputedDay[],
): Promise<(day: ComputedDay) => ParameterValues> {
  const params = await loadConfigParams(
    db,
    days.map((day) => day.configVersion),
  );
  return (day) => {
    const values = params.get(day.configVersion);
    if (!values) {
      throw new Error(
        `Config version ${day.configVersion} of the epoch of ${day.day.toISOString()} is missing`,
      );
    }
    return values;
  };
}

/**
 * What really happened, per computed day with from ≤ day ≤ to (both UTC midnights, inclusive), measured
 * as the model measures a simulated day (observedDayMetrics), with kinds sized over the whole range
 * (kindsOverDays); days that were not computed are absent.
 */
export async function observedMetrics(
  db: DbOrTransaction,
  { from, to }: { from: Date; to: Date },
): Promise<{ day: Date; metrics: DayMetrics }[]> {
  const days = await computedDays(db, { from, to });
  const paramsOf = await paramsOfDays(db, days);
  const entries: LedgerDayEntry[][] = [];
  for (const day of days) entries.push(await loadLedgerDay(db, day.day));
  const kinds = kindsOverDays(entries);
  return days.map((day, index) => ({
    day: day.day,
    metrics: observedMetricsOfDay(entries[index]!, day, paramsOf(day), kinds),
  }));
}
