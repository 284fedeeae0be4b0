import { DomainError } from "@/lib/domain/errors";
import { isUnpublishedFor } from "@/lib/domain/governance/proposal-access";
import type { ProposalChangeInput } from "@/lib/domain/governance/proposal-changes";
import { forecastChange } from "@/lib/domain/network-model/forecast-change";
import {
  groupViews,
  metricViews,
  payoutLimitView,
  yourNodesEarnings,
  type BacktestErrors,
} from "@/lib/domain/network-model/forecast-view";
import { modelAssumptions } from "@/lib/domain/network-model/model-assumptions";
import {
  MODEL_VERSION,
  type ChangeForecast,
  type ModelAssumption,
} from "@/lib/domain/network-model/model-types";
import { isParameterKey, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  applyParameterChanges,
  changesRewards,
  touchesRewardParameter,
} from "@/lib/domain/rewards/simulate-impact";
import { forecastViewSchema, type ForecastView } from "@/lib/schemas/forecast";
import { PROPOSAL_NOT_FOUND } from "@/lib/server/governance/proposal-queries";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { modelBacktest } from "./backtest-queries";
import { cachedModelResult, modelResultKey, seedFromKey } from "./model-result-cache";
import { loadModelBasis, recentModelState, type ModelBasis } from "./model-state-queries";

/** Seeded runs per rule set and simulated days of every forecast. */
export const FORECAST_RUNS = 50;
export const FORECAST_DAYS = 30;
/** Bumped when the cached payload's shape changes, so older rows are never read as the new shape. */
const PAYLOAD_FORMAT = "f1";

/** The viewer-independent part of a forecast, as cached: everything but the viewer's own nodes. */
export interface CachedForecast {
  configVersion: number;
  startDay: Date;
  modelVersion: string;
  nodes: number;
  forecast: ChangeForecast;
  assumptions: ModelAssumption[];
  backtest: { fromDay: Date; days: number; errorPercent: number | null; perMetric: BacktestErrors } | null;
  /** The newest epoch's payout scale was below 1: the daily payout limit binds today. */
  bindsToday: boolean;
}

/** The changes as the cache key reads them: known keys, sorted, each with its new value. */
function changesSubject(changes: readonly ProposalChangeInput[]): string {
  const sorted = [...changes]
    .map(({ key, toValue }) => [key, toValue] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${PAYLOAD_FORMAT}:${JSON.stringify(sorted)}`;
}

/** The ForecastView for one viewer: the cached forecast with "Your N nodes" when the viewer has nodes in it. */
export function forecastViewFor(cached: CachedForecast, viewerOperatorId: string | null): ForecastView {
  const { forecast, backtest } = cached;
  return {
    status: "forecast",
    configVersion: cached.configVersion,
    startDay: cached.startDay,
    modelVersion: cached.modelVersion,
    runs: forecast.runs,
    days: forecast.days,
    nodes: cached.nodes,
    metrics: metricViews(forecast, backtest?.perMetric ?? null),
    groups: groupViews(forecast.groups, yourNodesEarnings(forecast.nodeEarnings, viewerOperatorId)),
    payoutLimit: payoutLimitView(forecast, cached.bindsToday),
    assumptions: cached.assumptions,
    backtest:
      backtest && backtest.errorPercent !== null
        ? { fromDay: backtest.fromDay, days: backtest.days, errorPercent: Math.max(0, backtest.errorPercent) }
        : null,
  };
}

type ChangesQuestion =
  | { kind: "answered"; view: ForecastView }
  | {
      kind: "forecast";
      key: string;
      basis: Extract<ModelBasis, { status: "ready" }>;
      proposedParams: ParameterValues;
    };

/** What a forecast of `changes` as of `asOf` needs: a status answered at once, or the cache key to compute. */
async function askChanges(
  db: DbOrTransaction,
  { changes, asOf }: { changes: readonly ProposalChangeInput[]; asOf: Date | undefined },
): Promise<ChangesQuestion> {
  const basis = await loadModelBasis(db, asOf === undefined ? {} : { asOf });
  const proposedParams = applyParameterChanges(basis.params, changes);
  if (!changesRewards(basis.params, proposedParams)) {
    const view: ForecastView = touchesRewardParameter(changes)
      ? { status: "same-as-current", configVersion: basis.configVersion }
      : { status: "no-model-change" };
    return { kind: "answered", view };
  }
  if (basis.status === "no-history") {
    return {
      kind: "answered",
      view: { status: "no-history", daysNeeded: basis.daysNeeded, daysAvailable: basis.daysAvailable },
    };
  }
  const key = modelResultKey("forecast", {
    subject: changesSubject(changes),
    configVersion: basis.configVersion,
    newestEpochDay: basis.newestEpochDay,
  });
  return { kind: "forecast", key, basis, proposedParams };
}

async function computeForecast(
  db: DbOrTransaction,
  {
    key,
    basis,
    proposedParams,
    asOf,
    now,
  }: Omit<Extract<ChangesQuestion, { kind: "forecast" }>, "kind"> & {
    asOf: Date | undefined;
    now: Date | undefined;
  },
): Promise<CachedForecast> {
  const state = await recentModelState(db, basis);
  const backtest = await modelBacktest(db, { ...(asOf ? { asOf } : {}), ...(now ? { now } : {}) });
  const forecast = forecastChange({
    state,
    currentParams: basis.params,
    proposedParams,
    runs: FORECAST_RUNS,
    days: FORECAST_DAYS,
    seed: seedFromKey(key),
  });
  return {
    configVersion: basis.configVersion,
    startDay: basis.startDay,
    modelVersion: MODEL_VERSION,
    nodes: state.nodes.length,
    forecast,
    assumptions: modelAssumptions(state.calibration),
    backtest: backtest
      ? {
          fromDay: backtest.fromDay,
          days: backtest.days,
          errorPercent: backtest.errorPercent,
          perMetric: backtest.perMetric,
        }
      : null,
    bindsToday: basis.newestEpochScale < 1,
  };
}

/**
 * What `changes` would do over FORECAST_DAYS simulated days (FORECAST_RUNS seeded runs per rule set,
 * current = the newest config version issued by `asOf`, proposed = it with the changes applied), read for
 * `viewerOperatorId`: "no-model-change" when only rules the model does not act on change, "same-as-current"
 * when the values equal the newest version's, "no-history" before MODEL_MIN_HISTORY_DAYS computed days.
 * Cached per (changes, config version, newest epoch, model version); the seed comes from that key.
 */
export async function forecastChanges(
  db: DbOrTransaction,
  {
    changes,
    viewerOperatorId,
    asOf,
    now,
  }: { changes: readonly ProposalChangeInput[]; viewerOperatorId: string | null; asOf?: Date; now?: Date },
): Promise<ForecastView> {
  const question = await askChanges(db, { changes, asOf });
  if (question.kind === "answered") return question.view;
  const cached = await cachedModelResult<CachedForecast>(db, {
    key: question.key,
    kind: "forecast",
    ...(now ? { now } : {}),
    compute: () => computeForecast(db, { ...question, asOf, now }),
  });
  return forecastViewFor(cached, viewerOperatorId);
}

/**
 * A proposal's forecast (its stored changes against the newest config version issued by `asOf`); a draft
 * exists only for its author, as on the proposal page: anyone else gets NOT_FOUND.
 */
/** The forecast frozen when the proposal passed, as the forecast view it was, or null when none (or none made). */
async function frozenForecastView(db: DbOrTransaction, proposalId: string): Promise<ForecastView | null> {
  const row = await db.frozenForecast.findUnique({
    where: { proposalId },
    select: { payload: true, frozenAt: true },
  });
  if (!row) return null;
  const { forecast } = JSON.parse(row.payload) as { forecast: { status: string } & Record<string, unknown> };
  if (forecast.status !== "forecast") return null;
  const backtest = forecast.backtest as { fromDay: string } | null;
  // JSON turned the view's dates into ISO strings.
  const parsed = forecastViewSchema.safeParse({
    ...forecast,
    startDay: new Date(forecast.startDay as string),
    backtest: backtest && { ...backtest, fromDay: new Date(backtest.fromDay) },
    frozenAt: row.frozenAt,
  });
  // A forecast frozen under an older contract is still shown under "Did it work?"; here a live one is.
  return parsed.success ? parsed.data : null;
}

export async function forecastProposal(
  db: DbOrTransaction,
  {
    proposalId,
    viewerOperatorId,
    asOf,
    now,
  }: { proposalId: string; viewerOperatorId: string | null; asOf?: Date; now?: Date },
): Promise<ForecastView> {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { authorId: true, publishedAt: true, changes: { select: { key: true, toValue: true } } },
  });
  if (!proposal || isUnpublishedFor(proposal, viewerOperatorId)) {
    throw new DomainError("NOT_FOUND", PROPOSAL_NOT_FOUND);
  }
  // Once passed, its config version is the current rules, so a live forecast would compare them with
  // themselves: the forecast frozen at ratification is what people need to see.
  const frozen = asOf ? null : await frozenForecastView(db, proposalId);
  if (frozen) return frozen;
  // A key the catalogue no longer has cannot be simulated; the rest still can.
  const changes = proposal.changes.filter((change) => isParameterKey(change.key));
  return forecastChanges(db, {
    changes,
    viewerOperatorId,
    ...(asOf ? { asOf } : {}),
    ...(now ? { now } : {}),
  });
}

/**
 * A signed-in operator's forecast of a draft's changes (the wizard's review step), counted against
 * RATE_LIMITS.forecast: a forecast nobody asked for before costs seconds of computing.
 */
export async function forecastDraftChanges(
  db: DbOrTransaction,
  { changes, operatorId, now }: { changes: readonly ProposalChangeInput[]; operatorId: string; now: Date },
): Promise<ForecastView> {
  await enforceRateLimit(db, RATE_LIMITS.forecast, { subject: operatorId, now });
  return forecastChanges(db, { changes, viewerOperatorId: operatorId, now });
}

/** Proposals whose forecast people read before the vote: published, not yet decided. */
const WARMED_STATES = ["Discussion", "Queued", "Voting"];

/**
 * Computes the forecast of the oldest open proposal (in discussion, queued or voting) that has none cached
 * for the newest config version and epoch — at most one per call, so a worker run blocks its process for
 * one forecast at most. Returns the proposal warmed (null when every open proposal is ready) and how many
 * were ready already.
 */
export async function warmProposalForecasts(
  db: DbOrTransaction,
  { now }: { now: Date },
): Promise<{ warmed: string | null; ready: number; notForecast: number }> {
  const proposals = await db.proposal.findMany({
    where: { state: { in: WARMED_STATES }, publishedAt: { not: null } },
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    select: { id: true, changes: { select: { key: true, toValue: true } } },
  });
  let ready = 0;
  let notForecast = 0;
  for (const proposal of proposals) {
    const changes = proposal.changes.filter((change) => isParameterKey(change.key));
    const question = await askChanges(db, { changes, asOf: undefined });
    if (question.kind === "answered") {
      notForecast += 1;
      continue;
    }
    const stored = await db.modelResultCache.findUnique({
      where: { key: question.key },
      select: { key: true },
    });
    if (stored) {
      ready += 1;
      continue;
    }
    await cachedModelResult<CachedForecast>(db, {
      key: question.key,
      kind: "forecast",
      now,
      compute: () => computeForecast(db, { ...question, asOf: undefined, now }),
    });
    return { warmed: proposal.id, ready, notForecast };
  }
  return { warmed: null, ready, notForecast };
}
