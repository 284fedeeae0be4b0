import { defineParameter, type ParameterDefinition } from "@/lib/domain/parameters/parameter-definition";

/** How peers are chosen and rated, and the rating special roles need. */
export const SELECTION_PARAMETERS = {
  "selection.explorationRate": defineParameter({
    key: "selection.explorationRate",
    label: "Exploration share",
    description:
      "The share of requests sent to lower-rated nodes instead of the best-rated ones, so newcomers get a chance and no one hogs the traffic.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 0.5,
    default: 0.1,
    step: 0.01,
    minFractionDigits: 0,
    category: "selection",
    whenRaised:
      "Lower-rated and new nodes get more traffic, spreading work wider but sometimes giving slower service.",
    whenLowered:
      "More traffic goes to the best-rated nodes, giving faster service but concentrating work on fewer nodes.",
  }),
  "selection.ratingLearningRate": defineParameter({
    key: "selection.ratingLearningRate",
    label: "Rating update speed",
    description:
      "How far a node's rating moves toward its service score on each day it serves. A higher share means ratings react faster to recent behaviour.",
    unit: "share",
    kind: "share",
    min: 0.001,
    max: 1,
    default: 0.05,
    step: 0.005,
    minFractionDigits: 0,
    category: "selection",
    whenRaised:
      "Ratings follow recent service more quickly, so nodes that improve are rewarded sooner, and a bad day hurts more.",
    whenLowered: "Ratings change more slowly, so a long track record counts more than the last few days.",
  }),
  "selection.ratingDecayPerEpoch": defineParameter({
    key: "selection.ratingDecayPerEpoch",
    label: "Rating fade per day",
    description:
      "The share of a node's rating that fades away on each day it does not serve, so a node that stops serving loses its standing.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 0.5,
    default: 0.02,
    step: 0.01,
    minFractionDigits: 0,
    category: "selection",
    whenRaised:
      "Ratings of nodes that stop serving fade faster, so a node must keep serving to stay highly rated.",
    whenLowered:
      "Ratings of nodes that stop serving last longer, so a node that served well keeps its standing through a break.",
  }),
  "selection.weightSpeed": defineParameter({
    key: "selection.weightSpeed",
    label: "Weight of speed in the rating",
    description:
      "How much a node's speed counts toward its service score. The three weights (speed, reliability, contribution) must add up to 100 %.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 1,
    default: 0.4,
    step: 0.05,
    minFractionDigits: 0,
    category: "selection",
    whenRaised:
      "Fast nodes are rated higher and get more traffic; reliability or contribution must count for less.",
    whenLowered: "Speed counts for less in a node's rating; reliability or contribution must count for more.",
  }),
  "selection.weightReliability": defineParameter({
    key: "selection.weightReliability",
    label: "Weight of reliability in the rating",
    description:
      "How much a node's reliability (staying online and answering requests) counts toward its service score. The three weights must add up to 100 %.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 1,
    default: 0.3,
    step: 0.05,
    minFractionDigits: 0,
    category: "selection",
    whenRaised:
      "Dependable nodes are rated higher and get more traffic; speed or contribution must count for less.",
    whenLowered: "Reliability counts for less in a node's rating; speed or contribution must count for more.",
  }),
  "selection.weightContribution": defineParameter({
    key: "selection.weightContribution",
    label: "Weight of contribution in the rating",
    description:
      "How much the amount of data a node shares counts toward its service score. The three weights must add up to 100 %.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 1,
    default: 0.3,
    step: 0.05,
    minFractionDigits: 0,
    category: "selection",
    whenRaised:
      "Nodes that share more data are rated higher and get more traffic; speed or reliability must count for less.",
    whenLowered:
      "How much a node shares counts for less in its rating; speed or reliability must count for more.",
  }),
  "roles.guardMinRating": defineParameter({
    key: "roles.guardMinRating",
    label: "Rating needed to be a guard node",
    description:
      "The rating (from 0 to 1) a node needs before it may serve as a guard or super node, a trusted entry point that other nodes rely on.",
    unit: "rating",
    kind: "decimal",
    min: 0,
    max: 1,
    default: 0.8,
    step: 0.01,
    minFractionDigits: 2,
    category: "roles",
    whenRaised:
      "Fewer nodes qualify as guard nodes; they are the most proven ones, but the job rests on fewer hands.",
    whenLowered: "More nodes qualify as guard nodes, spreading the job wider but trusting less-proven nodes.",
  }),
} as const satisfies Record<string, ParameterDefinition>;
