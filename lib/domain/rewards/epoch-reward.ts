import { reliabilityScore } from "@/lib/domain/metrics/service-rating";

const DAY_MS = 86_400_000;
const MICRO = 1_000_000n;
const BYTES_PER_GB = 1_000_000_000n;
/** Uptime share a node needs for the daily bonus. */
export const UPTIME_BONUS_MIN_RELIABILITY = 0.95;

export type NodeClassification = "Contributor" | "FreeRider" | "FreeRiderInGrace" | "Silent";

export interface NodeDayUsage {
  uptimeSeconds: number;
  /** Bytes served as the node claims them. */
  bytesUp: bigint;
  /** Of those, the bytes paid for (peer-corroboration.ts paidBytes): the reward and the share ratio read it. */
  paidBytesUp: bigint;
  bytesDown: bigint;
}

/** A parameter value in millionths, exact for values with up to six decimals (all catalogue steps). */
export function toMicro(value: number): bigint {
  return BigInt(Math.round(value * 1_000_000));
}

/** a ÷ b rounded half up, for a ≥ 0 and b > 0. */
function divideRounded(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/**
 * Silent without telemetry (or neither up nor claiming uploads); a free-rider when paidBytesUp / bytesDown
 * is below minShareRatio (0 turns the rule off), in grace while the node is younger than graceDays at the
 * day's start.
 */
export function classifyNode({
  usage,
  firstReportedAt,
  day,
  minShareRatio,
  graceDays,
}: {
  usage: NodeDayUsage | null;
  firstReportedAt: Date | null;
  day: Date;
  minShareRatio: number;
  graceDays: number;
}): NodeClassification {
  if (!usage || (usage.uptimeSeconds === 0 && usage.bytesUp === 0n)) return "Silent";
  const isBelowShareRatio =
    minShareRatio > 0 &&
    usage.bytesDown > 0n &&
    usage.paidBytesUp * MICRO < toMicro(minShareRatio) * usage.bytesDown;
  if (!isBelowShareRatio) return "Contributor";
  // A node without a first report has not started its service yet, so it is as new as can be.
  const ageMs = firstReportedAt === null ? -1 : day.getTime() - firstReportedAt.getTime();
  return graceDays > 0 && ageMs < graceDays * DAY_MS ? "FreeRiderInGrace" : "FreeRider";
}

/**
 * Reward before the cap, in micro-credits: round(1e6 × (perGbUploaded × paid GB + uptimeBonusPerDay × [reliability ≥ 0.95])),
 * × throttleFactor for a free-rider past grace, 0 when silent.
 */
export function unscaledRewardMicro({
  classification,
  usage,
  perGbUploaded,
  uptimeBonusPerDay,
  throttleFactor,
}: {
  classification: NodeClassification;
  usage: NodeDayUsage | null;
  perGbUploaded: number;
  uptimeBonusPerDay: number;
  throttleFactor: number;
}): bigint {
  if (classification === "Silent" || !usage) return 0n;
  const servedMicro = divideRounded(toMicro(perGbUploaded) * usage.paidBytesUp, BYTES_PER_GB);
  const hasBonus = reliabilityScore(usage.uptimeSeconds) >= UPTIME_BONUS_MIN_RELIABILITY;
  const full = servedMicro + (hasBonus ? toMicro(uptimeBonusPerDay) : 0n);
  return classification === "FreeRider" ? divideRounded(full * toMicro(throttleFactor), MICRO) : full;
}

/** The emission cap in micro-credits: round(epochEmissionCap × 1e6). */
export function emissionCapMicro(epochEmissionCap: number): bigint {
  return toMicro(epochEmissionCap);
}

/**
 * Fits rewards under the cap: unchanged (scale 1) when their sum fits, else each floor(unscaled × cap / Σ),
 * so the sum paid never exceeds the cap.
 */
export function scaleToCap(
  unscaled: readonly bigint[],
  capMicro: bigint,
): { rewards: bigint[]; scale: number } {
  const total = unscaled.reduce((sum, amount) => sum + amount, 0n);
  if (total <= capMicro) return { rewards: [...unscaled], scale: 1 };
  return {
    rewards: unscaled.map((amount) => (amount * capMicro) / total),
    scale: Number(capMicro) / Number(total),
  };
}

/** Free-riders past their grace period ÷ nodes in an epoch, 0–1; 0 for an epoch without nodes. */
export function freeRiderShare({ freeRiders, nodes }: { freeRiders: number; nodes: number }): number {
  return nodes === 0 ? 0 : freeRiders / nodes;
}
