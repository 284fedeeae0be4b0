import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import type { NodeClassification } from "@/lib/domain/rewards/epoch-reward";
import { buildModelState, MODEL_WINDOW_DAYS } from "@/lib/domain/network-model/build-model-state";
import type { ModelState } from "@/lib/domain/network-model/model-types";
import type { LedgerDayEntry } from "@/lib/domain/network-model/observed-metrics";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import type { DbOrTransaction } from "@/lib/server/platform/db";

const DAY_MS = 86_400_000;
const COMPUTED = "Computed";

/** The fewest computed days in the window before the model forecasts anything. */
export const MODEL_MIN_HISTORY_DAYS = 7;

const CLASSIFICATIONS: ReadonlySet<string> = new Set<NodeClassification>([
  "Contributor",
  "FreeRider",
  "FreeRiderInGrace",
  "Silent",
]);

/** Only the ledger columns the model reads: 10,000 nodes × 30 days is 300,000 lines. */
const LEDGER_FIELDS = {
  day: true,
  nodeId: true,
  operatorId: true,
  clusterPrefix: true,
  uptimeSeconds: true,
  windowSeconds: true,
  bytesUp: true,
  paidBytesUp: true,
  corroboratedBytesUp: true,
  bytesDown: true,
  latencyMsSeconds: true,
  classification: true,
  unscaledMicro: true,
  rewardMicro: true,
  rating: true,
} as const;

/**
 * Every ledger line of one day as the model reads it (bigints as numbers: a day's bytes and micro-credits
 * stay far below 2^53).
 */
export async function loadLedgerDay(db: DbOrTransaction, day: Date): Promise<LedgerDayEntry[]> {
  const rows = await db.rewardLedgerEntry.findMany({ where: { day }, select: LEDGER_FIELDS });
  return rows.map((row) => ({
    day: row.day,
    nodeId: row.nodeId,
    operatorId: row.operatorId,
    clusterPrefix: row.clusterPrefix,
    uptimeSeconds: row.uptimeSeconds,
    windowSeconds: row.windowSeconds,
    bytesUp: Number(row.bytesUp),
    paidBytesUp: Number(row.paidBytesUp),
    corroboratedBytesUp: Number(row.corroboratedBytesUp),
    bytesDown: Number(row.bytesDown),
    latencyMsSeconds: Number(row.latencyMsSeconds),
    classification: CLASSIFICATIONS.has(row.classification)
      ? (row.classification as NodeClassification)
      : "Silent",
    unscaledMicro: Number(row.unscaledMicro),
    rewardMicro: Number(row.rewardMicro),
    rating: row.rating,
  }));
}

/** The ledger lines of several days, read one day at a time (one small query each, no giant result set). */
export async function loadLedgerDays(db: DbOrTransaction, days: readonly Date[]): Promise<LedgerDayEntry[]> {
  const entries: LedgerDayEntry[] = [];
  for (const day of days) {
    for (const entry of await loadLedgerDay(db, day)) entries.push(entry);
  }
  return entries;
}

/** When every node first reported (null when it never did): the model's ages and join rate. */
export async function loadFirstReports(db: DbOrTransaction): Promise<Map<string, Date | null>> {
  const nodes = await db.node.findMany({ select: { id: true, firstReportedAt: true } });
  return new Map(nodes.map((node) => [node.id, node.firstReportedAt]));
}

/** The parameter values of each of `versions` (the config versions' signed envelopes). */
export async function loadConfigParams(
  db: DbOrTransaction,
  versions: Iterable<number>,
): Promise<Map<number, ParameterValues>> {
  const wanted = [...new Set(versions)];
  if (wanted.length === 0) return new Map();
  const rows = await db.configVersion.findMany({
    where: { version: { in: wanted } },
    select: { version: true, envelope: true },
  });
  return new Map(rows.map((row) => [row.version, parseConfigEnvelope(row.envelope).params]));
}

/**
 * Epochs count for a moment `asOf` once their day has ended by then (day + 24 h ≤ asOf); without `asOf`,
 * every stored epoch counts.
 */
export function epochDayBound(asOf: Date | undefined): { lte: Date } | undefined {
  return asOf === undefined ? undefined : { lte: new Date(asOf.getTime() - DAY_MS) };
}

/** A computed epoch as the model reads it. */
export interface ComputedDay {
  day: Date;
  configVersion: number;
  /** The Epoch row's payout scale: below 1 when the daily payout limit bound. */
  scale: number;
}

/** The computed epochs with from ≤ day ≤ to, oldest first. */
export async function computedDays(
  db: DbOrTransaction,
  { from, to }: { from: Date; to: Date },
): Promise<ComputedDay[]> {
  return db.epoch.findMany({
    where: { status: COMPUTED, day: { gte: from, lte: to } },
    orderBy: { day: "asc" },
    select: { day: true, configVersion: true, scale: true },
  });
}

/**
 * What a forecast's cache key and statuses need, without the ledger: the newest config version issued by
 * `asOf` (what proposals are written against) and the newest computed epoch whose day ended by `asOf`.
 */
export type ModelBasis =
  | {
      status: "ready";
      configVersion: number;
      params: ParameterValues;
      /** The newest computed epoch's day; the model starts the day after. */
      newestEpochDay: Date;
      startDay: Date;
      /** The newest epoch's payout scale (below 1 when the daily payout limit bound that day). */
      newestEpochScale: number;
      /** Computed days in the window the state reads. */
      daysAvailable: number;
    }
  | {
      status: "no-history";
      daysNeeded: number;
      daysAvailable: number;
      configVersion: number;
      params: ParameterValues;
    };

/** The model's basis as of `asOf` (now when absent); "no-history" with fewer than MODEL_MIN_HISTORY_DAYS computed days. */
export async function loadModelBasis(
  db: DbOrTransaction,
  { asOf }: { asOf?: Date } = {},
): Promise<ModelBasis> {
  const { version: configVersion, params } = await newestConfigVersion(
    db,
    asOf === undefined ? {} : { issuedBy: asOf },
  );
  const dayBound = epochDayBound(asOf);
  const newest = await db.epoch.findFirst({
    where: { status: COMPUTED, ...(dayBound ? { day: dayBound } : {}) },
    orderBy: { day: "desc" },
    select: { day: true, scale: true },
  });
  if (!newest) {
    return {
      status: "no-history",
      daysNeeded: MODEL_MIN_HISTORY_DAYS,
      daysAvailable: 0,
      configVersion,
      params,
    };
  }
  const startDay = new Date(newest.day.getTime() + DAY_MS);
  const daysAvailable = await db.epoch.count({
    where: {
      status: COMPUTED,
      day: { gte: new Date(startDay.getTime() - MODEL_WINDOW_DAYS * DAY_MS), lt: startDay },
    },
  });
  if (daysAvailable < MODEL_MIN_HISTORY_DAYS) {
    return { status: "no-history", daysNeeded: MODEL_MIN_HISTORY_DAYS, daysAvailable, configVersion, params };
  }
  return {
    status: "ready",
    configVersion,
    params,
    newestEpochDay: newest.day,
    startDay,
    newestEpochScale: newest.scale,
    daysAvailable,
  };
}

export type ModelInputs =
  | {
      status: "ready";
      state: ModelState;
      params: ParameterValues;
      configVersion: number;
      newestEpochDay: Date;
      /** The newest epoch's payout scale (below 1 when the daily payout limit bound that day). */
      newestEpochScale: number;
    }
  | { status: "no-history"; daysNeeded: number; daysAvailable: number };

/** The model's start state from the computed days of the MODEL_WINDOW_DAYS days before `startDay`. */
export async function loadModelState(
  db: DbOrTransaction,
  { startDay }: { startDay: Date },
): Promise<ModelState> {
  const days = await computedDays(db, {
    from: new Date(startDay.getTime() - MODEL_WINDOW_DAYS * DAY_MS),
    to: new Date(startDay.getTime() - DAY_MS),
  });
  const [entries, firstReportedAt] = await Promise.all([
    loadLedgerDays(
      db,
      days.map(({ day }) => day),
    ),
    loadFirstReports(db),
  ]);
  return buildModelState({ startDay, entries, firstReportedAt, windowDays: MODEL_WINDOW_DAYS });
}

// Per database client, the newest state read: every cold forecast of one day reads the same ledger, which
// for 10,000 nodes is 300,000 lines and seconds of work. A stored epoch's lines never change (the
// rating recompute command aside, which is rare and shows from the next epoch on).
const recentStates = new WeakMap<object, { key: string; state: Promise<ModelState> }>();

/** loadModelState, remembered per client for the newest (startDay, computed days) asked for. */
export function recentModelState(
  db: DbOrTransaction,
  { startDay, daysAvailable }: { startDay: Date; daysAvailable: number },
): Promise<ModelState> {
  const key = `${startDay.toISOString()}|${daysAvailable}`;
  const remembered = recentStates.get(db);
  if (remembered?.key === key) return remembered.state;
  const state = loadModelState(db, { startDay });
  recentStates.set(db, { key, state });
  state.catch(() => {
    if (recentStates.get(db)?.state === state) recentStates.delete(db);
  });
  return state;
}

/**
 * The network as it stands for the model as of `asOf` (now when absent): the state built from the
 * computed epochs' ledger lines of the up to 30 days before startDay (the day after the newest computed
 * epoch whose day ended by `asOf`), the newest config version issued by `asOf` and its number; or
 * "no-history" with fewer than MODEL_MIN_HISTORY_DAYS computed days.
 */
export async function loadModelInputs(
  db: DbOrTransaction,
  { asOf }: { asOf?: Date } = {},
): Promise<ModelInputs> {
  const basis = await loadModelBasis(db, asOf === undefined ? {} : { asOf });
  if (basis.status === "no-history") {
    return { status: "no-history", daysNeeded: basis.daysNeeded, daysAvailable: basis.daysAvailable };
  }
  return {
    status: "ready",
    state: await loadModelState(db, { startDay: basis.startDay }),
    params: basis.params,
    configVersion: basis.configVersion,
    newestEpochDay: basis.newestEpochDay,
    newestEpochScale: basis.newestEpochScale,
  };
}
