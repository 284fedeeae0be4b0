import { canonicalJson } from "@/lib/domain/governance/audit-event";
import {
  checkDate,
  compareForecastWithOutcome,
  countWithin,
  firstWholeDay,
  isCheckDue,
  OUTCOME_CHECK_DAYS,
  type OutcomeCheckDays,
} from "@/lib/domain/network-model/forecast-outcome";
import { MODEL_METRIC_IDS, type ModelMetricId } from "@/lib/domain/network-model/model-types";
import {
  frozenForecastPayloadSchema,
  RECENT_OUTCOMES_SHOWN,
  type ForecastOutcome,
  type FrozenForecastPayload,
  type OutcomeCheck,
  type RecentOutcomes,
} from "@/lib/schemas/forecast-outcome";
import { metricUnitSchema } from "@/lib/schemas/forecast";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { sha256Hex } from "@/lib/server/platform/encoding";
import { frozenForecastEvent } from "./frozen-forecast-queries";
import { observedMetrics } from "./observed-metrics-queries";

const DAY_MS = 86_400_000;
const METRIC_IDS: ReadonlySet<string> = new Set(MODEL_METRIC_IDS);

/** A passed proposal as "Did it work?" reads it: its ratification, the version it made and what was frozen. */
interface RatifiedRow {
  proposalId: string;
  title: string;
  roundNumber: number;
  ratifiedAt: Date;
  configVersion: number;
}

const RATIFIED_SELECT = {
  proposalId: true,
  proposal: { select: { title: true } },
  round: { select: { number: true, closedAt: true, configVersion: true } },
} as const;

type RatifiedSelected = {
  proposalId: string;
  proposal: { title: string };
  round: { number: number; closedAt: Date | null; configVersion: number | null };
};

function toRatified(row: RatifiedSelected): RatifiedRow | null {
  const { closedAt, configVersion, number } = row.round;
  if (!closedAt || configVersion === null) return null;
  return {
    proposalId: row.proposalId,
    title: row.proposal.title,
    roundNumber: number,
    ratifiedAt: closedAt,
    configVersion,
  };
}

// Completed checks never change while their days' epochs stay as computed: kept per process, keyed by
// what they were computed from, so a page view does not read 30 days of the ledger again.
const CHECK_CACHE_SIZE = 64;
const checkCache = new Map<string, OutcomeCheck>();

function remember(key: string, check: OutcomeCheck): void {
  checkCache.delete(key);
  checkCache.set(key, check);
  if (checkCache.size > CHECK_CACHE_SIZE) checkCache.delete(checkCache.keys().next().value!);
}

/** The metrics of a frozen forecast the current model still knows (a renamed or dropped metric is skipped). */
function comparableMetrics(payload: FrozenForecastPayload) {
  return (payload.forecast.metrics ?? []).flatMap((metric) => {
    const unit = metricUnitSchema.safeParse(metric.unit);
    return METRIC_IDS.has(metric.id) && unit.success
      ? [{ ...metric, id: metric.id as ModelMetricId, unit: unit.data }]
      : [];
  });
}

/** One check of a frozen forecast: scheduled, waiting for its days to be counted, or made. */
async function outcomeCheck(
  db: DbOrTransaction,
  {
    days,
    payload,
    sha256,
    proposalId,
    activateAt,
    activatedAt,
    now,
  }: {
    days: OutcomeCheckDays;
    payload: FrozenForecastPayload;
    sha256: string;
    proposalId: string;
    activateAt: Date;
    activatedAt: Date | null;
    now: Date;
  },
): Promise<OutcomeCheck> {
  if (!activatedAt) return { status: "scheduled", days, on: checkDate(activateAt, days) };
  const on = checkDate(activatedAt, days);
  if (!isCheckDue({ activatedAt, days, now })) return { status: "scheduled", days, on };
  const from = firstWholeDay(activatedAt);
  const to = new Date(from.getTime() + (days - 1) * DAY_MS);
  const computed = await db.epoch.aggregate({
    where: { status: "Computed", day: { gte: from, lte: to } },
    _count: { day: true },
    _max: { computedAt: true },
  });
  if (computed._count.day < days) return { status: "waiting", days, on, daysCounted: computed._count.day };
  const key = [proposalId, days, sha256, computed._max.computedAt?.toISOString() ?? ""].join("|");
  const cached = checkCache.get(key);
  if (cached) return cached;

  const observed = await observedMetrics(db, { from, to });
  const metrics = comparableMetrics(payload);
  const outcomes = compareForecastWithOutcome({
    metrics,
    actual: observed.map((day) => day.metrics),
    days,
  });
  const later = await db.configVersion.findMany({
    where: { activatedAt: { gt: activatedAt, lt: new Date(to.getTime() + DAY_MS) } },
    orderBy: { version: "asc" },
    select: { version: true, activatedAt: true },
  });
  const check: OutcomeCheck = {
    status: "checked",
    days,
    on,
    from,
    to,
    ...countWithin(outcomes),
    metrics: outcomes.map((outcome, index) => {
      const { label, unit, higherIsBetter } = metrics[index]!;
      return { ...outcome, label, unit, higherIsBetter };
    }),
    overlapping: later.map((version) => ({ version: version.version, activatedAt: version.activatedAt! })),
  };
  remember(key, check);
  return check;
}

/** "Did it work?" for one ratified proposal. */
async function outcomeOf(db: DbOrTransaction, ratified: RatifiedRow, now: Date): Promise<ForecastOutcome> {
  const [version, frozen] = await Promise.all([
    db.configVersion.findUnique({
      where: { version: ratified.configVersion },
      select: { version: true, activateAt: true, activatedAt: true },
    }),
    db.frozenForecast.findUnique({
      where: { proposalId: ratified.proposalId },
      select: { frozenAt: true, payload: true, sha256: true },
    }),
  ]);
  if (!version) return { status: "none" };
  const activation = {
    configVersion: version.version,
    activateAt: version.activateAt,
    activatedAt: version.activatedAt,
  };
  if (!frozen) return { status: "freezing", activation };
  const json = JSON.parse(frozen.payload) as unknown;
  const payload = frozenForecastPayloadSchema.parse(json);
  // Recomputed from the stored payload, as the verifier does, not read from the row's own column.
  const sha256 = sha256Hex(canonicalJson(json));
  const event = await frozenForecastEvent(db, ratified.proposalId);
  const record = {
    frozenAt: frozen.frozenAt,
    ratifiedAt: new Date(payload.ratifiedAt),
    sha256,
    modelVersion: payload.modelVersion,
    auditSeq: event?.seq ?? null,
    isHashInChain: event?.sha256 === sha256,
  };
  if (payload.forecast.status !== "forecast") {
    return { status: "no-forecast", reason: payload.forecast.status, frozen: record, activation };
  }
  const checks: OutcomeCheck[] = [];
  for (const days of OUTCOME_CHECK_DAYS) {
    checks.push(
      await outcomeCheck(db, {
        days,
        payload,
        sha256,
        proposalId: ratified.proposalId,
        activateAt: version.activateAt,
        activatedAt: version.activatedAt,
        now,
      }),
    );
  }
  return { status: "frozen", frozen: record, activation, checks };
}

/**
 * "Did it work?" on a proposal's page: "none" unless it passed in a closed round; else its frozen forecast
 * (or "freezing" until the worker froze it), where its hash sits in the audit chain, and the 7- and 30-day
 * checks — each scheduled, waiting for its days to be counted, or made (compareForecastWithOutcome).
 */
export async function getForecastOutcome(
  db: DbOrTransaction,
  { proposalId, now }: { proposalId: string; now: Date },
): Promise<ForecastOutcome> {
  const row = await db.roundProposal.findFirst({
    where: { proposalId, outcome: "passed", round: { state: "Closed" } },
    select: RATIFIED_SELECT,
  });
  const ratified = row ? toRatified(row) : null;
  return ratified ? outcomeOf(db, ratified, now) : { status: "none" };
}

/** The newest check made and the date of the next one, from a proposal's outcome. */
function summarize(
  outcome: ForecastOutcome,
): Pick<RecentOutcomes["items"][number], "forecastStatus" | "latestCheck" | "nextCheckOn"> {
  if (outcome.status === "none" || outcome.status === "freezing") {
    return { forecastStatus: outcome.status, latestCheck: null, nextCheckOn: null };
  }
  if (outcome.status === "no-forecast") {
    return { forecastStatus: outcome.reason, latestCheck: null, nextCheckOn: null };
  }
  const made = outcome.checks.filter((check) => check.status === "checked");
  const latest = made.at(-1);
  const next = outcome.checks.find((check) => check.status !== "checked") as
    Exclude<OutcomeCheck, { status: "checked" }> | undefined;
  return {
    forecastStatus: "frozen",
    latestCheck: latest ? { days: latest.days, within: latest.within, total: latest.total } : null,
    nextCheckOn: next?.on ?? null,
  };
}

/** /stats "Recent changes and their outcome": the newest ratified proposals, newest ratification first. */
export async function listRecentOutcomes(
  db: DbOrTransaction,
  { now }: { now: Date },
): Promise<RecentOutcomes> {
  const rows = await db.roundProposal.findMany({
    where: { outcome: "passed", round: { state: "Closed" } },
    orderBy: [{ round: { closedAt: "desc" } }, { proposalId: "asc" }],
    take: RECENT_OUTCOMES_SHOWN,
    select: RATIFIED_SELECT,
  });
  const items: RecentOutcomes["items"] = [];
  for (const row of rows) {
    const ratified = toRatified(row);
    if (!ratified) continue;
    const outcome = await outcomeOf(db, ratified, now);
    if (outcome.status === "none") continue;
    items.push({
      proposalId: ratified.proposalId,
      title: ratified.title,
      roundNumber: ratified.roundNumber,
      ratifiedAt: ratified.ratifiedAt,
      activation: outcome.activation,
      ...summarize(outcome),
    });
  }
  return { items };
}
