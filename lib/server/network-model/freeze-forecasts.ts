import { canonicalJson } from "@/lib/domain/governance/audit-event";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import { MODEL_VERSION } from "@/lib/domain/network-model/model-types";
import { EPOCH_SETTLE_MS } from "@/lib/domain/rewards/epoch-schedule";
import type { ForecastView } from "@/lib/schemas/forecast";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { Db } from "@/lib/server/platform/db";
import { forecastProposal } from "./forecast-changes";

const DAY_MS = 86_400_000;
/** At most this many forecasts are frozen per run: each costs seconds of computing. */
export const FREEZE_BATCH = 4;
/**
 * How long after the day before the close became due its epoch is waited for: the model reads it, and a
 * freeze before and one after it would differ. After this the forecast is frozen without it.
 */
export const EPOCH_WAIT_MS = 6 * 3_600_000;

export interface FrozenForecastResult {
  proposalId: string;
  configVersion: number;
  status: ForecastView["status"];
  sha256: string;
}

/** What is frozen: the forecast as JSON, and which ratification and model made it. */
export interface FrozenPayload {
  proposalId: string;
  configVersion: number;
  ratifiedAt: string;
  modelVersion: string;
  forecast: { status: string } & Record<string, unknown>;
}

/** The payload frozen for a passed proposal: its forecast as JSON, and which ratification and model made it. */
export function frozenPayload({
  proposalId,
  configVersion,
  ratifiedAt,
  forecast,
}: {
  proposalId: string;
  configVersion: number;
  ratifiedAt: Date;
  forecast: ForecastView;
}): FrozenPayload {
  return {
    proposalId,
    configVersion,
    ratifiedAt: ratifiedAt.toISOString(),
    modelVersion: forecast.status === "forecast" ? forecast.modelVersion : MODEL_VERSION,
    // Dates become ISO strings, as any JSON reader sees them.
    forecast: JSON.parse(JSON.stringify(forecast)) as FrozenPayload["forecast"],
  };
}

/**
 * The moment the model looks from: just before the close, whose new config version (issued at the close)
 * must not count as the rules in force, and whose history ends with the day before the close's day.
 */
export function forecastAsOf(ratifiedAt: Date): Date {
  return new Date(ratifiedAt.getTime() - 1);
}

/**
 * Whether the model's history as of `asOf` is final: the epoch of the last day that ended before it is
 * stored (computed or blocked), or was due long enough ago that it is not coming.
 */
async function isHistorySettled(db: Db, asOf: Date, now: Date): Promise<boolean> {
  const lastDay = new Date(Math.floor(asOf.getTime() / DAY_MS) * DAY_MS - DAY_MS);
  if (now.getTime() >= lastDay.getTime() + DAY_MS + EPOCH_SETTLE_MS + EPOCH_WAIT_MS) return true;
  return (await db.epoch.count({ where: { day: lastDay } })) > 0;
}

/** Passed proposals of closed rounds whose forecast is not frozen yet, oldest close first. */
async function unfrozenPassedProposals(db: Db) {
  const rows = await db.roundProposal.findMany({
    where: { outcome: "passed", proposal: { frozenForecast: { is: null } }, round: { state: "Closed" } },
    select: { proposalId: true, round: { select: { closedAt: true, configVersion: true } } },
  });
  return rows
    .flatMap(({ proposalId, round }) =>
      round.closedAt && round.configVersion !== null
        ? [{ proposalId, ratifiedAt: round.closedAt, configVersion: round.configVersion }]
        : [],
    )
    .sort(
      (a, b) =>
        a.ratifiedAt.getTime() - b.ratifiedAt.getTime() ||
        (a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0),
    );
}

/**
 * Stores a frozen payload as canonical JSON with its sha256 and, in the same transaction, appends the
 * proposal.forecast-frozen event carrying that hash; null (nothing written) when the proposal's forecast
 * was frozen already.
 */
export async function storeFrozenForecast(
  db: Db,
  { payload, now }: { payload: FrozenPayload; now: Date },
): Promise<{ sha256: string; seq: number } | null> {
  const { proposalId, configVersion, modelVersion } = payload;
  const text = canonicalJson(payload);
  const sha256 = sha256Hex(text);
  return withGovernanceTransaction(db, async (tx) => {
    const existing = await tx.frozenForecast.findUnique({
      where: { proposalId },
      select: { proposalId: true },
    });
    if (existing) return null;
    await tx.frozenForecast.create({
      data: { proposalId, configVersion, frozenAt: now, payload: text, sha256 },
      select: { proposalId: true },
    });
    const { seq } = await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.forecastFrozen,
        subject: proposalSubject(proposalId),
        data: { proposalId, configVersion, sha256, modelVersion, forecastStatus: payload.forecast.status },
      },
      now,
    );
    return { sha256, seq };
  });
}

/**
 * Freezes the forecast of every passed proposal that has none yet (up to FREEZE_BATCH per call): the
 * forecast as of its round's close (the history and rules then, a seed fixed by them, so it comes out the
 * same whenever this runs), stored as canonical JSON with its sha256, and a proposal.forecast-frozen event
 * carrying the hash appended to the governance chain in the same transaction. A proposal the model could
 * not forecast ("no-history", "no-model-change", …) is frozen saying so. The computing happens outside
 * the transaction; a forecast someone else froze meanwhile is left as it is. A forecast that throws is
 * listed in `failed` and tried again on the next call.
 */
export async function freezeDueForecasts(
  db: Db,
  { now, limit = FREEZE_BATCH }: { now: Date; limit?: number },
): Promise<{
  frozen: FrozenForecastResult[];
  waiting: number;
  failed: { proposalId: string; error: unknown }[];
}> {
  const due = await unfrozenPassedProposals(db);
  const frozen: FrozenForecastResult[] = [];
  const failed: { proposalId: string; error: unknown }[] = [];
  let waiting = 0;
  for (const { proposalId, ratifiedAt, configVersion } of due) {
    if (frozen.length >= limit) break;
    const asOf = forecastAsOf(ratifiedAt);
    if (!(await isHistorySettled(db, asOf, now))) {
      waiting += 1;
      continue;
    }
    let forecast: ForecastView;
    try {
      forecast = await forecastProposal(db, { proposalId, viewerOperatorId: null, asOf, now });
    } catch (error) {
      // One proposal the model fails on must not hold up the others; the caller reports it.
      failed.push({ proposalId, error });
      continue;
    }
    const payload = frozenPayload({ proposalId, configVersion, ratifiedAt, forecast });
    const stored = await storeFrozenForecast(db, { payload, now });
    if (stored) frozen.push({ proposalId, configVersion, status: forecast.status, sha256: stored.sha256 });
  }
  return { frozen, waiting, failed };
}
