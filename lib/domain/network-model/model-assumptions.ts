import { formatDataSize } from "@/lib/domain/format-number";
import type { ModelAssumption, ModelCalibration } from "@/lib/domain/network-model/model-types";

/**
 * The network model's behavioural assumptions (docs/network-model.md "Behaviour"): how nodes respond to the
 * rules. Each is a named figure with a default and a plain sentence; joins and leaves are calibrated from
 * the network's last 30 days when enough days were observed.
 */
export interface ResolvedAssumptions {
  /** New nodes joining per day (Poisson mean). */
  joinsPerDay: number;
  /** Share of nodes leaving per day whatever the rules (ordinary churn). */
  leavesPerDay: number;
  /** Bytes a day asked of the network by downloaders that are not its nodes; the rules do not change it. */
  outsideDemandBytesPerDay: number;
  /** Chance per day that a free-rider slowed to a standstill starts sharing (× 1 − throttleFactor). */
  freeRiderStartsSharing: number;
  /** Chance per day that a free-rider slowed to a standstill leaves (× 1 − throttleFactor). */
  freeRiderLeaves: number;
  /** A node's daily cost as a share of the median day-1 earnings of its kind under the current rules. */
  costShareOfMedianEarnings: number;
  /** Days of earnings a node weighs against its cost. */
  earningsWindowDays: number;
  /** Chance per day that a node earning below its cost leaves. */
  unprofitableLeaves: number;
}

export type AssumptionId = keyof ResolvedAssumptions;

interface AssumptionDefinition {
  default: number;
  /** Calibrated from this ModelCalibration field when observedDays reaches minObservedDays. */
  calibratedFrom?: {
    field: "joinsPerDay" | "leavesPerDay" | "outsideDemandBytesPerDay";
    minObservedDays: number;
  };
  /** Keeps a calibrated figure meaningful (e.g. a probability in 0–1). */
  clamp: readonly [min: number, max: number];
  sentence: (value: number) => string;
}

const BYTES_PER_GB = 1e9;

/** Days of history joins and leaves need before the observed rates replace the defaults. */
export const CALIBRATION_MIN_OBSERVED_DAYS = 7;

const percent = (share: number) => `${Number((share * 100).toPrecision(3))} %`;
const figure = (value: number) => `${Number(value.toPrecision(3))}`;

/** Every assumption, in the order users see them. */
export const MODEL_ASSUMPTIONS: Readonly<Record<AssumptionId, AssumptionDefinition>> = {
  joinsPerDay: {
    default: 0.5,
    calibratedFrom: { field: "joinsPerDay", minObservedDays: CALIBRATION_MIN_OBSERVED_DAYS },
    // Bounds the simulation's size whatever the data say.
    clamp: [0, 10_000],
    sentence: (value) =>
      `On average ${figure(value)} new nodes join each day, each like a node in the network today, starting with rating 0.`,
  },
  leavesPerDay: {
    default: 0.002,
    calibratedFrom: { field: "leavesPerDay", minObservedDays: CALIBRATION_MIN_OBSERVED_DAYS },
    clamp: [0, 1],
    sentence: (value) =>
      `Each day ${percent(value)} of nodes leave for reasons the rules do not touch (moving, hardware, losing interest).`,
  },
  outsideDemandBytesPerDay: {
    default: 0,
    // One observed day already says how much the nodes served beyond their own downloads.
    calibratedFrom: { field: "outsideDemandBytesPerDay", minObservedDays: 1 },
    clamp: [0, Number.MAX_SAFE_INTEGER],
    sentence: (value) =>
      value > 0
        ? `Downloaders outside the network (people and apps that are not nodes) ask for ${formatDataSize(value / BYTES_PER_GB)} a day, as on the median day of the last 30; the rules do not change that.`
        : "Only the network's own nodes download: no demand from outside the network was seen in the last 30 days.",
  },
  freeRiderStartsSharing: {
    default: 0.1,
    clamp: [0, 1],
    sentence: (value) =>
      `A free-rider that is slowed down starts sharing with a chance each day of ${percent(value)} times how much it is slowed (${percent(value / 2)} at half speed), then serving as much as a typical home node can.`,
  },
  freeRiderLeaves: {
    default: 0.06,
    clamp: [0, 1],
    sentence: (value) =>
      `A free-rider that is slowed down leaves with a chance each day of ${percent(value)} times how much it is slowed (${percent(value / 2)} at half speed).`,
  },
  costShareOfMedianEarnings: {
    default: 0.25,
    clamp: [0, 100],
    sentence: (value) =>
      `Running a node costs ${percent(value)} of what a typical node of its kind (home or data centre) earns on the first day under today's rules.`,
  },
  earningsWindowDays: {
    default: 7,
    clamp: [1, 365],
    sentence: (value) =>
      `A node judges whether it pays off by its earnings over the last ${figure(value)} days.`,
  },
  unprofitableLeaves: {
    default: 0.05,
    clamp: [0, 1],
    sentence: (value) =>
      `A node whose earnings over that time fall below its cost leaves with a ${percent(value)} chance each day.`,
  },
};

export const ASSUMPTION_IDS = Object.keys(MODEL_ASSUMPTIONS) as readonly AssumptionId[];

function resolveOne(
  id: AssumptionId,
  calibration: ModelCalibration,
): { value: number; source: "calibrated" | "default" } {
  const definition = MODEL_ASSUMPTIONS[id];
  const from = definition.calibratedFrom;
  const observed = (from && calibration[from.field]) ?? Number.NaN;
  if (!from || calibration.observedDays < from.minObservedDays || !Number.isFinite(observed)) {
    return { value: definition.default, source: "default" };
  }
  const [min, max] = definition.clamp;
  return { value: Math.min(max, Math.max(min, observed)), source: "calibrated" };
}

/** The figures a simulation uses: calibrated where the last 30 days allow, else each default. */
export function resolveAssumptions(calibration: ModelCalibration): ResolvedAssumptions {
  return Object.fromEntries(
    ASSUMPTION_IDS.map((id) => [id, resolveOne(id, calibration).value]),
  ) as unknown as ResolvedAssumptions;
}

/** The model assumptions as users see them: each figure (as resolveAssumptions uses it), its sentence and source. */
export function modelAssumptions(calibration: ModelCalibration): ModelAssumption[] {
  return ASSUMPTION_IDS.map((id) => {
    const { value, source } = resolveOne(id, calibration);
    return { id, value, sentence: MODEL_ASSUMPTIONS[id].sentence(value), source };
  });
}
