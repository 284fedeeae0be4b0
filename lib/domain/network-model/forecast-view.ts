import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import {
  MODEL_METRIC_IDS,
  type Band,
  type ChangeForecast,
  type GroupEarnings,
  type ModelMetricId,
} from "@/lib/domain/network-model/model-types";

/**
 * How a forecast reads to people (lib/schemas/forecast.ts's ForecastView is assembled from these pieces
 * on the server): each metric's label, unit and one plain sentence, who gains and who loses, and whether
 * the daily payout limit binds. Pure: the same forecast always reads the same.
 */

export type MetricUnit = "share" | "credits" | "count" | "rating" | "index";

interface MetricPresentation {
  /** The chart's title, in plain words. */
  label: string;
  /** The metric as the subject of a sentence ("… is expected to fall"). */
  subject: string;
  unit: MetricUnit;
  /** Whether a higher figure is better for the network; null when neither. */
  higherIsBetter: boolean | null;
}

/** Every metric's label, sentence subject, unit and direction. */
export const METRIC_PRESENTATION: Record<ModelMetricId, MetricPresentation> = {
  top10Share: {
    label: "Share of traffic served by the top 10 % of nodes",
    subject: "the top 10 % of nodes' share of traffic",
    unit: "share",
    higherIsBetter: false,
  },
  largestClusterShare: {
    label: "Share of traffic served by the largest cluster",
    subject: "the largest cluster's share of traffic",
    unit: "share",
    higherIsBetter: false,
  },
  giniServed: {
    label: "Inequality of data served (Gini: 0 = equal, 1 = one node serves all)",
    subject: "the inequality of data served (Gini)",
    unit: "index",
    higherIsBetter: false,
  },
  freeRiderShare: {
    label: "Share of online nodes that are free-riders",
    subject: "the share of online nodes that are free-riders",
    unit: "share",
    higherIsBetter: false,
  },
  emissionCredits: {
    label: "Credits paid per day",
    subject: "the total paid per day",
    unit: "credits",
    higherIsBetter: null,
  },
  payoutScale: {
    label: "Share of each payout paid (below 100 % when the daily payout limit binds)",
    subject: "the share of each payout actually paid (below 100 % when the daily payout limit binds)",
    unit: "share",
    higherIsBetter: null,
  },
  meanRating: {
    label: "Mean rating of online nodes",
    subject: "the mean rating of online nodes",
    unit: "rating",
    higherIsBetter: true,
  },
  guardEligible: {
    label: "Nodes rated high enough to be guards",
    subject: "the number of online nodes rated high enough to be guards",
    unit: "count",
    higherIsBetter: true,
  },
  homeNodeEarnings: {
    label: "A typical home node's credits per day",
    subject: "what a typical home node earns per day",
    unit: "credits",
    higherIsBetter: true,
  },
  dataCentreNodeEarnings: {
    label: "A typical data-centre node's credits per day",
    subject: "what a typical data-centre node earns per day",
    unit: "credits",
    higherIsBetter: null,
  },
  nodesOnline: {
    label: "Nodes online",
    subject: "the number of nodes online",
    unit: "count",
    higherIsBetter: true,
  },
};

/**
 * Two figures "stay about the same" when they differ by at most the larger of ABOUT_THE_SAME.relative of
 * the current figure and the unit's absolute tolerance: 2 % relative; half a percentage point for shares,
 * 0.005 for ratings and the Gini index, a hundredth of a credit, half a node.
 */
export const ABOUT_THE_SAME = {
  relative: 0.02,
  absolute: { share: 0.005, index: 0.005, rating: 0.005, credits: 0.01, count: 0.5 },
} as const satisfies { relative: number; absolute: Record<MetricUnit, number> };

/** Whether `proposed` is within ABOUT_THE_SAME of `current` for a metric of `unit`. */
export function isAboutTheSame(unit: MetricUnit, current: number, proposed: number): boolean {
  const tolerance = Math.max(ABOUT_THE_SAME.relative * Math.abs(current), ABOUT_THE_SAME.absolute[unit]);
  return Math.abs(proposed - current) <= tolerance + 1e-12;
}

/** Decimals a figure of `magnitude` is written with: coarse, or one more when `precise`. */
function fractionDigits(unit: MetricUnit, magnitude: number, precise: boolean): number {
  const more = precise ? 1 : 0;
  switch (unit) {
    case "share":
      return precise || magnitude < 0.1 ? 1 : 0;
    case "credits":
      return (magnitude >= 100 ? 0 : magnitude >= 1 ? 1 : 2) + more;
    case "count":
      return more;
    case "rating":
    case "index":
      return 2 + more;
  }
}

const SUFFIX: Record<MetricUnit, string> = {
  share: " %",
  credits: " credits",
  count: " nodes",
  rating: "",
  index: "",
};

/** A figure's number with `digits` decimals (trailing zeros kept when `pad`, and always for ratings and indices). */
function figureNumber(unit: MetricUnit, value: number, digits: number, pad: boolean): string {
  const minFractionDigits = pad || unit === "rating" || unit === "index" ? digits : 0;
  return formatNumber(unit === "share" ? value * 100 : value, {
    minFractionDigits,
    maxFractionDigits: digits,
  });
}

/** A figure in its unit: "31 %", "2.8 credits", "120 nodes", "0.38"; one more decimal when `precise`. */
export function formatFigure(unit: MetricUnit, value: number, precise = false): string {
  return `${figureNumber(unit, value, fractionDigits(unit, Math.abs(value), precise), false)}${SUFFIX[unit]}`;
}

/** A range in its unit, both ends with the same decimals and the unit written once: "21–27 %", "9.0–13.8 credits". */
function formatRange(unit: MetricUnit, low: number, high: number, precise: boolean): string {
  const digits = fractionDigits(unit, Math.max(Math.abs(low), Math.abs(high)), precise);
  const from = figureNumber(unit, low, digits, true);
  const to = figureNumber(unit, high, digits, true);
  if (from !== to) return `${from}–${to}${SUFFIX[unit]}`;
  return `${figureNumber(unit, low, digits, false)}${SUFFIX[unit]}`;
}

const lastBand = (bands: readonly Band[]): Band | undefined => bands[bands.length - 1];

/**
 * One metric's sentence, comparing the medians of the last simulated day under the current and the
 * proposed rules, with the proposed 10–90 % band as "likely": "If passed, the largest cluster's share of
 * traffic is expected to fall from 31 % to 24 % within 30 days (likely 21–27 %)."
 */
export function metricSentence(
  id: ModelMetricId,
  { current, proposed }: { current: readonly Band[]; proposed: readonly Band[] },
): string {
  const { subject, unit } = METRIC_PRESENTATION[id];
  const now = lastBand(current);
  const next = lastBand(proposed);
  if (!now || !next) return `The model has no figures for ${subject}.`;
  const days = next.day;
  const within = `within ${days} ${days === 1 ? "day" : "days"}`;
  const coarse = formatFigure(unit, now.median) !== formatFigure(unit, next.median);
  const precise = !coarse;
  const likely = `likely ${formatRange(unit, next.p10, next.p90, precise)}`;
  if (isAboutTheSame(unit, now.median, next.median)) {
    return (
      `If passed, ${subject} is expected to stay about the same over ${days} ${days === 1 ? "day" : "days"}: ` +
      `${formatFigure(unit, next.median, precise)}, against ${formatFigure(unit, now.median, precise)} under the current rules (${likely}).`
    );
  }
  const verb = next.median > now.median ? "rise" : "fall";
  return (
    `If passed, ${subject} is expected to ${verb} from ${formatFigure(unit, now.median, precise)} ` +
    `to ${formatFigure(unit, next.median, precise)} ${within} (${likely}).`
  );
}

/** A metric as the forecast shows it (ForecastView's metrics). */
export interface MetricView {
  id: ModelMetricId;
  label: string;
  unit: MetricUnit;
  higherIsBetter: boolean | null;
  current: Band[];
  proposed: Band[];
  sentence: string;
  backtestError: number | null;
}

/** The backtest's mean absolute error per metric, in the metric's unit. */
export type BacktestErrors = Partial<Record<ModelMetricId, { meanAbsError: number }>>;

/** Every metric of the forecast, in MODEL_METRIC_IDS order, with its label, sentence and backtest error. */
export function metricViews(forecast: ChangeForecast, backtestErrors: BacktestErrors | null): MetricView[] {
  return MODEL_METRIC_IDS.map((id) => {
    const { label, unit, higherIsBetter } = METRIC_PRESENTATION[id];
    const { current, proposed } = forecast.metrics[id];
    const error = backtestErrors?.[id]?.meanAbsError;
    return {
      id,
      label,
      unit,
      higherIsBetter,
      current: [...current],
      proposed: [...proposed],
      sentence: metricSentence(id, { current, proposed }),
      backtestError: error === undefined || !Number.isFinite(error) ? null : Math.max(0, error),
    };
  });
}

export type GroupId = GroupEarnings["group"] | "yourNodes";

/** Who gains and who loses (ForecastView's groups). */
export interface GroupView {
  group: GroupId;
  label: string;
  current: number;
  proposed: number;
  changePercent: number | null;
}

const GROUP_LABELS: Record<GroupEarnings["group"], string> = {
  medianNode: "The median node",
  top10: "The top 10 % of nodes",
  home: "A home node",
  dataCentre: "A data-centre node",
};

/** "Your node", "Your 3 nodes". */
export function yourNodesLabel(count: number): string {
  return count === 1 ? "Your node" : `Your ${formatNumber(count)} nodes`;
}

function groupView(group: GroupId, label: string, current: number, proposed: number): GroupView {
  const from = Math.max(0, current);
  const to = Math.max(0, proposed);
  return {
    group,
    label,
    current: from,
    proposed: to,
    changePercent: from > 0 ? ((to - from) / from) * 100 : null,
  };
}

/**
 * The viewer's nodes in the forecast's start state, together: the sum of each node's median 30-day
 * credits under each rule set; null when the viewer is anonymous or has no node in the state.
 */
export function yourNodesEarnings(
  nodeEarnings: ChangeForecast["nodeEarnings"],
  viewerOperatorId: string | null,
): { count: number; current: number; proposed: number } | null {
  if (viewerOperatorId === null) return null;
  let count = 0;
  let current = 0;
  let proposed = 0;
  for (const node of nodeEarnings) {
    if (node.operatorId !== viewerOperatorId) continue;
    count += 1;
    current += node.current;
    proposed += node.proposed;
  }
  return count === 0 ? null : { count, current, proposed };
}

/**
 * The change in 30-day credits of the median node, the top 10 %, home and data-centre nodes and, when
 * the viewer has nodes in the state, "Your N nodes" (their credits together).
 */
export function groupViews(
  groups: readonly GroupEarnings[],
  yourNodes: { count: number; current: number; proposed: number } | null,
): GroupView[] {
  const views = groups.map(({ group, current, proposed }) =>
    groupView(group, GROUP_LABELS[group], current, proposed),
  );
  if (yourNodes) {
    views.push(
      groupView("yourNodes", yourNodesLabel(yourNodes.count), yourNodes.current, yourNodes.proposed),
    );
  }
  return views;
}

/** A day binds when its payout scale is below 1 by more than rounding. */
const BINDING_SCALE = 1 - 1e-6;

/**
 * The share of simulated days on which the limit binds in the median run, read from the payout scale's
 * bands: on a day whose median scale is below 1, more than half the runs scaled payouts down.
 */
export function bindingDaysShare(payoutScale: readonly Band[]): number {
  if (payoutScale.length === 0) return 0;
  return payoutScale.filter((band) => band.median < BINDING_SCALE).length / payoutScale.length;
}

/** Whether the daily payout limit binds today and under each rule set (ForecastView's payoutLimit). */
export interface PayoutLimitView {
  capCredits: { current: number; proposed: number };
  bindsToday: boolean;
  bindingDaysShare: { current: number; proposed: number };
  sentence: string;
}

/** "Binds on most days": the limit binds on at least half the simulated days. */
const MOSTLY = 0.5;

const credits = (value: number) => formatFigure("credits", value);
const daysShare = (share: number) => formatPercent(Math.round(share * 100) / 100);

/**
 * The payout limit's sentence: whether it already binds today (the newest day's payout scale below 1)
 * and what that means for the change. When it binds under both rule sets on most days, the total paid
 * stays the same and the change only moves credits between nodes: who gains and who loses is the effect.
 */
export function payoutLimitSentence({
  capCredits,
  bindsToday,
  bindingDaysShare: share,
}: Omit<PayoutLimitView, "sentence">): string {
  const today = bindsToday
    ? `The daily payout limit of ${credits(capCredits.current)} already binds today: every payout is scaled down to fit it.`
    : `The daily payout limit of ${credits(capCredits.current)} does not bind today: every payout is paid in full.`;
  const capChange = isAboutTheSame("credits", capCredits.current, capCredits.proposed)
    ? ""
    : ` The change sets the limit to ${credits(capCredits.proposed)}.`;
  const currentBinds = share.current >= MOSTLY;
  const proposedBinds = share.proposed >= MOSTLY;
  let outlook: string;
  if (currentBinds && proposedBinds) {
    outlook =
      " It binds on most simulated days under both the current and the proposed rules, so the total paid stays " +
      "at the limit and this change moves credits between nodes: who gains and who loses is its real effect.";
  } else if (proposedBinds) {
    outlook = ` Under the proposed rules it would bind on ${daysShare(share.proposed)} of the simulated days (${daysShare(share.current)} under the current rules), scaling every payout down on those days.`;
  } else if (currentBinds) {
    outlook = ` Under the proposed rules it would bind on ${daysShare(share.proposed)} of the simulated days (${daysShare(share.current)} under the current rules), so payouts would more often be paid in full.`;
  } else if (share.current > 0 || share.proposed > 0) {
    outlook = ` It binds on few simulated days: ${daysShare(share.current)} under the current rules, ${daysShare(share.proposed)} under the proposed ones.`;
  } else {
    outlook = " It is not expected to bind under either rule set.";
  }
  return `${today}${capChange}${outlook}`;
}

/** The payout limit's figures and sentence for a forecast, given whether the newest day's payout scale was below 1. */
export function payoutLimitView(forecast: ChangeForecast, bindsToday: boolean): PayoutLimitView {
  const scale = forecast.metrics.payoutScale;
  const figures = {
    capCredits: {
      current: Math.max(0, forecast.capCredits.current),
      proposed: Math.max(0, forecast.capCredits.proposed),
    },
    bindsToday,
    bindingDaysShare: {
      current: bindingDaysShare(scale.current),
      proposed: bindingDaysShare(scale.proposed),
    },
  };
  return { ...figures, sentence: payoutLimitSentence(figures) };
}
