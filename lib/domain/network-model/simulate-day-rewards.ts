import type { EpochRewardParams } from "@/lib/domain/rewards/compute-epoch";
import { UPTIME_BONUS_MIN_RELIABILITY } from "@/lib/domain/rewards/epoch-reward";

/**
 * A simulated day's classification and rewards: epoch-reward.ts's rules (classifyNode, unscaledRewardMicro,
 * scaleToCap) in number arithmetic over typed columns, rounded to micro-credits the same way, so a day pays
 * what computeEpoch would pay on the same figures (held equal by simulate-day-rewards.test.ts).
 */

/** Classification codes (epoch-reward.ts NodeClassification). */
export const SILENT = 0;
export const CONTRIBUTOR = 1;
export const FREE_RIDER = 2;
export const FREE_RIDER_IN_GRACE = 3;

const MICRO = 1_000_000;
const BYTES_PER_GB = 1_000_000_000;

/** A parameter value in millionths, as epoch-reward.ts toMicro. */
const toMicro = (value: number) => Math.round(value * MICRO);

/** The classification and reward columns of one day; `count` slots are read and written. */
export interface DayRewardColumns {
  count: number;
  /** 1 when the node was up (reported uptime) that day; 0 = silent. */
  up: ArrayLike<number>;
  /** Paid bytes served (corroborated + uncorroboratedWeight × the rest). */
  paidBytes: ArrayLike<number>;
  /** Bytes downloaded. */
  bytesDown: ArrayLike<number>;
  /** reliabilityScore of the day's uptime, 0–1. */
  reliability: ArrayLike<number>;
  /** Whole days since the node's first report, at the day's start. */
  ageDays: ArrayLike<number>;
  /** Written: the classification code. */
  classification: Uint8Array;
  /** Written: the reward before the cap, in micro-credits. */
  unscaledMicro: Float64Array;
  /** Written: the reward paid, in micro-credits (≤ the cap in total). */
  rewardMicro: Float64Array;
}

export type DayRewardParams = Pick<
  EpochRewardParams,
  | "perGbUploaded"
  | "uptimeBonusPerDay"
  | "epochEmissionCap"
  | "minShareRatio"
  | "throttleFactor"
  | "graceDays"
>;

export interface DayRewardTotals {
  unscaledMicro: number;
  paidMicro: number;
  capMicro: number;
  /** Free-riders past their grace period. */
  freeRiders: number;
}

/** Classifies and pays every slot of `columns` (see the module comment); returns the day's totals. */
export function payDay(columns: DayRewardColumns, params: DayRewardParams): DayRewardTotals {
  const perGbMicro = toMicro(params.perGbUploaded);
  const bonusMicro = toMicro(params.uptimeBonusPerDay);
  const throttleMicro = toMicro(params.throttleFactor);
  const minShareMicro = toMicro(params.minShareRatio);
  const { count, up, paidBytes, bytesDown, reliability, ageDays, classification, unscaledMicro } = columns;
  let total = 0;
  let freeRiders = 0;
  for (let slot = 0; slot < count; slot += 1) {
    if (!up[slot]) {
      classification[slot] = SILENT;
      unscaledMicro[slot] = 0;
      continue;
    }
    const paid = paidBytes[slot]!;
    const down = bytesDown[slot]!;
    const belowShareRatio = minShareMicro > 0 && down > 0 && paid * MICRO < minShareMicro * down;
    const kind = !belowShareRatio
      ? CONTRIBUTOR
      : params.graceDays > 0 && ageDays[slot]! < params.graceDays
        ? FREE_RIDER_IN_GRACE
        : FREE_RIDER;
    classification[slot] = kind;
    const full =
      Math.round((perGbMicro * paid) / BYTES_PER_GB) +
      (reliability[slot]! >= UPTIME_BONUS_MIN_RELIABILITY ? bonusMicro : 0);
    const unscaled = kind === FREE_RIDER ? Math.round((full * throttleMicro) / MICRO) : full;
    if (kind === FREE_RIDER) freeRiders += 1;
    unscaledMicro[slot] = unscaled;
    total += unscaled;
  }
  const capMicro = toMicro(params.epochEmissionCap);
  const paid = scaleToCapNumber(columns, total, capMicro);
  return { unscaledMicro: total, paidMicro: paid, capMicro, freeRiders };
}

/** epoch-reward.ts scaleToCap: unchanged when the total fits, else each floor(unscaled × cap ÷ total); never above the cap. */
function scaleToCapNumber(columns: DayRewardColumns, total: number, capMicro: number): number {
  const { count, unscaledMicro, rewardMicro } = columns;
  if (total <= capMicro) {
    for (let slot = 0; slot < count; slot += 1) rewardMicro[slot] = unscaledMicro[slot]!;
    return total;
  }
  let paid = 0;
  let largest = -1;
  for (let slot = 0; slot < count; slot += 1) {
    const reward = Math.floor((unscaledMicro[slot]! * capMicro) / total);
    rewardMicro[slot] = reward;
    paid += reward;
    if (largest < 0 || reward > rewardMicro[largest]!) largest = slot;
  }
  // Floating-point rounding could in principle overshoot by a micro-credit or two: the largest payout gives it back.
  if (paid > capMicro && largest >= 0) {
    rewardMicro[largest] = rewardMicro[largest]! - (paid - capMicro);
    paid = capMicro;
  }
  return paid;
}
