import {
  BACKTEST_MAX_DAYS,
  backtestModel,
  backtestPlan,
  type BacktestResult,
} from "@/lib/domain/network-model/backtest-model";
import { buildModelState } from "@/lib/domain/network-model/build-model-state";
import type { DayMetrics } from "@/lib/domain/network-model/model-types";
import type { LedgerDayEntry } from "@/lib/domain/network-model/observed-metrics";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { cachedModelResult, modelResultKey, seedFromKey } from "./model-result-cache";
import {
  computedDays,
  epochDayBound,
  loadFirstReports,
  loadLedgerDay,
  type ComputedDay,
} from "./model-state-queries";
import { kindsOverDays, observedMetricsOfDay, paramsOfDays } from "./observed-metrics-queries";

const DAY_MS = 86_400_000;

/** Seeded runs per backtest: the medians it compares settle well before 50, and 10,000 nodes cost ~0.3 s a run. */
export const BACKTEST_RUNS = 20;

/** The model's backtest: where it started, and its error against what happened. */
export interface ModelBacktest extends BacktestResult {
  /** The first day compared: the start state is the network as it stood that morning. */
  fromDay: Date;
  /** The days the start state was read from. */
  stateDays: number;
  /** The newest computed epoch the backtest saw. */
  newestEpochDay: Date;
}

/**
 * The consecutive computed days ending at the newest one whose day ended by `asOf`, oldest first, at most
 * 2 × BACKTEST_MAX_DAYS of them (a gap — a blocked or missing day — ends the history, so simulated and
 * real days line up).
 */
async function consecutiveHistory(db: DbOrTransaction, asOf: Date | undefined): Promise<ComputedDay[]> {
  const dayBound = epochDayBound(asOf);
  const newest = await db.epoch.findFirst({
    where: { status: "Computed", ...(dayBound ? { day: dayBound } : {}) },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  if (!newest) return [];
  const days = await computedDays(db, {
    from: new Date(newest.day.getTime() - (2 * BACKTEST_MAX_DAYS - 1) * DAY_MS),
    to: newest.day,
  });
  const history: ComputedDay[] = [];
  for (let index = days.length - 1; index >= 0; index -= 1) {
    const day = days[index]!;
    const expected = newest.day.getTime() - history.length * DAY_MS;
    if (day.day.getTime() !== expected) break;
    history.unshift(day);
  }
  return history;
}

async function runBacktest(
  db: DbOrTransaction,
  { history, seed }: { history: readonly ComputedDay[]; seed: number },
): Promise<ModelBacktest | null> {
  const plan = backtestPlan({ availableDays: history.length });
  if (!plan) return null;
  const compared = history.slice(history.length - plan.compareDays);
  const stateDays = history.slice(
    history.length - plan.compareDays - plan.stateDays,
    history.length - plan.compareDays,
  );
  const fromDay = compared[0]!.day;
  const [paramsOf, firstReportedAt] = await Promise.all([paramsOfDays(db, history), loadFirstReports(db)]);
  const stateEntries: LedgerDayEntry[] = [];
  for (const { day } of stateDays) stateEntries.push(...(await loadLedgerDay(db, day)));
  const start = buildModelState({
    startDay: fromDay,
    entries: stateEntries,
    firstReportedAt,
    windowDays: plan.stateDays,
  });
  const comparedEntries: LedgerDayEntry[][] = [];
  for (const { day } of compared) comparedEntries.push(await loadLedgerDay(db, day));
  // The groups the simulation measures: the start nodes keep their kind; nodes that joined later are
  // sized over the compared days.
  const kinds = kindsOverDays(comparedEntries);
  for (const node of start.nodes) kinds.set(node.nodeId, node.kind);
  const paramsByDay = compared.map(paramsOf);
  const actual: DayMetrics[] = compared.map((day, index) =>
    observedMetricsOfDay(comparedEntries[index]!, day, paramsByDay[index]!, kinds),
  );
  const result = backtestModel({
    start,
    params: paramsByDay[0]!,
    paramsByDay,
    actual,
    runs: BACKTEST_RUNS,
    seed,
  });
  return { ...result, fromDay, stateDays: plan.stateDays, newestEpochDay: history.at(-1)!.day };
}

/**
 * The model's honesty check as of `asOf` (now when absent): start from the network as it stood before the
 * last (up to) 30 computed days, simulate the rules that were in force each day (each epoch's config
 * version) and compare with what happened (backtestModel). Null with fewer than 14 consecutive computed
 * days. Cached per newest epoch and model version.
 */
export async function modelBacktest(
  db: DbOrTransaction,
  { asOf, now }: { asOf?: Date; now?: Date } = {},
): Promise<ModelBacktest | null> {
  const history = await consecutiveHistory(db, asOf);
  const newest = history.at(-1);
  if (!newest || !backtestPlan({ availableDays: history.length })) return null;
  const key = modelResultKey("backtest", {
    subject: `${history.length}`,
    configVersion: newest.configVersion,
    newestEpochDay: newest.day,
  });
  return cachedModelResult(db, {
    key,
    kind: "backtest",
    ...(now ? { now } : {}),
    compute: () => runBacktest(db, { history, seed: seedFromKey(key) }),
  });
}
