import type { ParameterValues } from "@/lib/domain/parameters/catalogue";

/**
 * The network model's vocabulary (docs/network-model.md). A model node is a node as it stands, measured
 * over the observed window (the last 30 days of the reward ledger); a simulation moves copies of them.
 */

/** "dataCentre" when the node's network cluster holds DATA_CENTRE_CLUSTER_NODES or more nodes, else "home". */
export type ModelNodeKind = "home" | "dataCentre";

export interface ModelNode {
  nodeId: string;
  operatorId: string;
  /** Its network cluster (the ledger's clusterPrefix; the node id when none was recorded). */
  cluster: string;
  kind: ModelNodeKind;
  /** Bytes it can serve in a day: the most it served (claimed) on any day of the window; 0 if it never served. */
  capacityBytesPerDay: number;
  /** Bytes it downloads on a day it is up: its mean bytesDown over the days it was up. */
  demandBytesPerDay: number;
  /** Mean latency over the window in ms; null when it never reported one. */
  latencyMs: number | null;
  /** Share of the window's days it was up (uptimeSeconds > 0), 0–1: the chance it is up on a simulated day. */
  upShare: number;
  /** Mean reliability (uptime ÷ day) on the days it was up, 0–1. */
  reliability: number;
  /** Of its claimed bytes served, the share peers in other clusters confirmed, 0–1 (1 when it served nothing). */
  confirmedShare: number;
  /** Its rating at the end of the window (the newest ledger entry), 0–1. */
  rating: number;
  /** Whole days between its first report and the model's start (for the free-rider grace period). */
  ageDays: number;
}

/**
 * What the last 30 days say about behaviour, each with how many observations it rests on; a calibrated
 * figure replaces the named constant's default only when `observations` reach the constant's minimum.
 */
export interface ModelCalibration {
  /** New nodes that first reported per day over the window. */
  joinsPerDay: number;
  /** Of the nodes up at the window's start, the share per day that stopped reporting for good. */
  leavesPerDay: number;
  /** Days in the window that had a computed epoch. */
  observedDays: number;
  /**
   * Bytes a day the nodes serve to downloaders outside the modelled network (the median day of the window of
   * max(0, Σ bytesUp − Σ bytesDown)); the rules do not change it. 0 when absent.
   */
  outsideDemandBytesPerDay?: number;
}

/** The network as it stands at `startDay` (UTC midnight): the simulation's first day. */
export interface ModelState {
  startDay: Date;
  nodes: readonly ModelNode[];
  calibration: ModelCalibration;
}

/** The metrics the model reports per simulated day, each also measurable from a real epoch (observed-metrics.ts). */
export const MODEL_METRIC_IDS = [
  "top10Share",
  "largestClusterShare",
  "giniServed",
  "freeRiderShare",
  "emissionCredits",
  "payoutScale",
  "meanRating",
  "guardEligible",
  "homeNodeEarnings",
  "dataCentreNodeEarnings",
  "nodesOnline",
] as const;
export type ModelMetricId = (typeof MODEL_METRIC_IDS)[number];

/**
 * One day's figures. Shares are 0–1 of the bytes served that day (paid bytes); giniServed over the bytes
 * served by the nodes up that day; freeRiderShare = free-riders past grace ÷ nodes up; emissionCredits =
 * credits paid; payoutScale = paid ÷ unscaled (1 when the cap did not bind); meanRating over the nodes up;
 * guardEligible = nodes up with rating ≥ roles.guardMinRating; home/dataCentreNodeEarnings = the median
 * credits of the nodes of that kind up that day (0 when none); nodesOnline = nodes up.
 */
export type DayMetrics = Record<ModelMetricId, number>;

/** One seeded run: a day's metrics per simulated day, and 30-day credits per node of the start state. */
export interface SimulationRun {
  days: DayMetrics[];
  /** Credits each start node earned over the run, by nodeId (0 for days it was down or gone). */
  earningsByNode: Map<string, number>;
  /** Credits per day the emission cap allowed under the run's parameters. */
  capCredits: number;
}

export interface SimulationInput {
  state: ModelState;
  params: ParameterValues;
  /** The rules in force on each simulated day (index 0 = day 1) when they changed during the run, as in a backtest; else `params` every day. */
  paramsByDay?: readonly ParameterValues[];
  days: number;
  seed: number;
}

/** One metric on one simulated day across runs: the 10th percentile, the median and the 90th percentile. */
export interface Band {
  day: number;
  p10: number;
  median: number;
  p90: number;
}

/** Who gains and who loses: a group's median 30-day credits under the current and the proposed rules. */
export interface GroupEarnings {
  group: "medianNode" | "top10" | "home" | "dataCentre";
  current: number;
  proposed: number;
}

export interface ChangeForecast {
  runs: number;
  days: number;
  /** Each metric's bands per simulated day, under the current and the proposed rules. */
  metrics: Record<ModelMetricId, { current: Band[]; proposed: Band[] }>;
  groups: GroupEarnings[];
  /** Median 30-day credits per start node under each rule set (the server picks a viewer's own nodes). */
  nodeEarnings: { nodeId: string; operatorId: string; current: number; proposed: number }[];
  capCredits: { current: number; proposed: number };
}

/** Bumped whenever the model's rules or assumptions change, so cached and frozen results say which model made them. */
export const MODEL_VERSION = "1";

/** A behavioural assumption: a named constant with a plain sentence, shown to users as "model assumptions". */
export interface ModelAssumption {
  id: string;
  /** The figure the model uses (after calibration, when the data allowed it). */
  value: number;
  /** The assumption in plain words, with the figure in it. */
  sentence: string;
  /** "calibrated" when the last 30 days set the figure, "default" when the named constant's value is used. */
  source: "calibrated" | "default";
}
