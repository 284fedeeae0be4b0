import { z } from "zod";
import { formatLimit, type ParameterKind } from "@/lib/domain/parameters/format-amount";

export type { ParameterKind } from "@/lib/domain/parameters/format-amount";

export type ParameterCategory = {
  readonly id: string;
  readonly label: string;
  readonly description: string;
};

/** The catalogue's sections, in the order pages show them. */
export const PARAMETER_CATEGORIES = [
  {
    id: "reward",
    label: "Rewards",
    description:
      "How many credits a node earns for sharing data and staying online, and the most the network pays out each day.",
  },
  {
    id: "freeRider",
    label: "Free-riders",
    description: "How the network treats nodes that take much more data than they give back.",
  },
  {
    id: "selection",
    label: "Peer selection",
    description: "How nodes pick which other nodes to fetch data from, and how each node's rating is earned.",
  },
  {
    id: "roles",
    label: "Roles",
    description: "What a node needs to be trusted with special jobs, such as acting as a guard node.",
  },
  {
    id: "gov",
    label: "Governance",
    description:
      "How the community proposes, discusses and votes on changes to these rules, and who may vote.",
  },
] as const satisfies readonly ParameterCategory[];

export type ParameterCategoryId = (typeof PARAMETER_CATEGORIES)[number]["id"];

type ParameterSpec = {
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  readonly kind: ParameterKind;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Increment for form inputs. */
  readonly step: number;
  /** Fraction digits always shown for decimals (1 → "1.0 credits/GB"). */
  readonly minFractionDigits: number;
  readonly category: ParameterCategoryId;
  readonly whenRaised: string;
  readonly whenLowered: string;
};

export type ParameterDefinition = ParameterSpec & { readonly schema: z.ZodNumber };

function parameterSchema(spec: ParameterSpec): z.ZodNumber {
  const limit = (value: number) => formatLimit(spec, value);
  const number = z.number({ error: `${spec.label} must be a finite number` });
  const whole =
    spec.kind === "integer" ? number.int({ error: `${spec.label} must be a whole number` }) : number;
  return whole
    .min(spec.min, { error: `${spec.label} must be at least ${limit(spec.min)}` })
    .max(spec.max, { error: `${spec.label} must be at most ${limit(spec.max)}` });
}

function defineParameter<const S extends ParameterSpec>(spec: S): S & { readonly schema: z.ZodNumber } {
  return { ...spec, schema: parameterSchema(spec) };
}

/** The initial parameter catalogue (docs/product.md), keyed by parameter key, in catalogue order. */
export const PARAMETERS = {
  "reward.perGbUploaded": defineParameter({
    key: "reward.perGbUploaded",
    label: "Pay per GB served",
    description: "Credits a node earns for every gigabyte (GB) of data it sends to other nodes.",
    unit: "credits/GB",
    kind: "decimal",
    min: 0,
    max: 100,
    default: 1,
    step: 0.1,
    minFractionDigits: 1,
    category: "reward",
    whenRaised: "Nodes that serve more data earn more, so sharing pays off more than simply staying online.",
    whenLowered:
      "Nodes earn less for the data they serve, so sharing data counts for less in what they earn.",
  }),
  "reward.uptimeBonusPerDay": defineParameter({
    key: "reward.uptimeBonusPerDay",
    label: "Daily bonus for staying online",
    description: "Credits a node earns for each day it is reachable at least 95 % of the time.",
    unit: "credits/day",
    kind: "decimal",
    min: 0,
    max: 100,
    default: 2,
    step: 0.5,
    minFractionDigits: 0,
    category: "reward",
    whenRaised: "Reliable nodes earn more just for staying online, even when they serve little data.",
    whenLowered: "Staying online is worth less on its own; earnings depend more on the data a node serves.",
  }),
  "reward.epochEmissionCap": defineParameter({
    key: "reward.epochEmissionCap",
    label: "Daily payout limit",
    description:
      "The most credits the whole network pays out in one day (an epoch). If nodes earn more than this, every payout is scaled down by the same share to fit.",
    unit: "credits",
    kind: "decimal",
    min: 0,
    max: 1e9,
    default: 50_000,
    step: 1_000,
    minFractionDigits: 0,
    category: "reward",
    whenRaised: "More credits can be paid out each day, so payouts are scaled down less often on busy days.",
    whenLowered:
      "Fewer credits are paid out each day, so on busy days every node's payout is cut by the same share.",
  }),
  "freeRider.minShareRatio": defineParameter({
    key: "freeRider.minShareRatio",
    label: "Minimum share ratio",
    description:
      "How much a node must upload for each unit it downloads (upload ÷ download). A node below this counts as a free-rider; 0 turns the rule off.",
    unit: "ratio",
    kind: "decimal",
    min: 0,
    max: 5,
    default: 0.5,
    step: 0.05,
    minFractionDigits: 1,
    category: "freeRider",
    whenRaised:
      "Nodes must give back more to avoid being treated as free-riders, so more nodes may be slowed down.",
    whenLowered:
      "Nodes can take more than they give before counting as free-riders, so fewer nodes are slowed down.",
  }),
  "freeRider.throttleFactor": defineParameter({
    key: "freeRider.throttleFactor",
    label: "Free-rider download speed",
    description:
      "The share of normal download speed a free-rider gets. 100 % means no slowdown; 0 % means free-riders cannot download at all.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 1,
    default: 0.5,
    step: 0.05,
    minFractionDigits: 0,
    category: "freeRider",
    whenRaised: "Free-riders download faster, so taking without giving back is punished less.",
    whenLowered: "Free-riders download more slowly, so there is a stronger push to give data back.",
  }),
  "freeRider.graceDays": defineParameter({
    key: "freeRider.graceDays",
    label: "Grace period for new nodes",
    description:
      "How many days a newly joined node is exempt from the free-rider rules while it builds up something to share.",
    unit: "days",
    kind: "integer",
    min: 0,
    max: 90,
    default: 7,
    step: 1,
    minFractionDigits: 0,
    category: "freeRider",
    whenRaised: "New nodes get longer to start sharing before they can be slowed down as free-riders.",
    whenLowered: "New nodes must start sharing sooner or be slowed down as free-riders.",
  }),
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
      "How far a node's rating moves toward its latest service score each day. A higher share means ratings react faster to recent behaviour.",
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
      "The share of a node's rating that fades away each day, so old good service does not count forever.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 0.5,
    default: 0.02,
    step: 0.01,
    minFractionDigits: 0,
    category: "selection",
    whenRaised: "Old ratings fade faster, so nodes must keep serving well to stay highly rated.",
    whenLowered: "Ratings last longer, so nodes that served well in the past stay highly rated for longer.",
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
  "gov.voiceCreditsPerNode": defineParameter({
    key: "gov.voiceCreditsPerNode",
    label: "Voice credits per node",
    description:
      "Voting credits each eligible node adds to its operator's budget in a voting round. Casting n votes on one proposal costs n × n credits.",
    unit: "credits per node",
    kind: "integer",
    min: 1,
    max: 10_000,
    default: 100,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "Every operator gets a bigger voting budget and can spread votes over more proposals; the balance between operators stays the same.",
    whenLowered:
      "Every operator gets a smaller voting budget and must choose which proposals to back; the balance between operators stays the same.",
  }),
  "gov.quorum": defineParameter({
    key: "gov.quorum",
    label: "Quorum",
    description:
      "The share of eligible nodes whose operators must vote on a proposal for the result to count.",
    unit: "share",
    kind: "share",
    min: 0.01,
    max: 1,
    default: 0.2,
    step: 0.01,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "More of the network must take part for a proposal to pass, so changes need broader involvement and pass less often.",
    whenLowered:
      "Fewer participants are enough to pass a proposal, so changes pass more easily even when few people vote.",
  }),
  "gov.metaSupermajority": defineParameter({
    key: "gov.metaSupermajority",
    label: "Support needed to change governance rules",
    description:
      "The share of votes that must be in favour for a proposal that changes these governance rules themselves to pass.",
    unit: "share",
    kind: "share",
    min: 0.5,
    max: 1,
    default: 0.66,
    step: 0.01,
    minFractionDigits: 0,
    category: "gov",
    whenRaised: "Changing the governance rules needs wider agreement, so they are harder to change.",
    whenLowered: "Governance rules can be changed with less agreement, so they are easier to change.",
  }),
  "gov.discussionPeriodHours": defineParameter({
    key: "gov.discussionPeriodHours",
    label: "Minimum discussion time",
    description: "How many hours a proposal must be open for discussion before it can go to a vote.",
    unit: "hours",
    kind: "integer",
    min: 1,
    max: 720,
    default: 48,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "People get more time to read and discuss proposals, but changes take longer to reach a vote.",
    whenLowered: "Proposals reach a vote sooner, leaving less time for people to read and discuss them.",
  }),
  "gov.roundLengthHours": defineParameter({
    key: "gov.roundLengthHours",
    label: "Voting round length",
    description: "How many hours each voting round stays open for ballots.",
    unit: "hours",
    kind: "integer",
    min: 1,
    max: 720,
    default: 72,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised: "Operators get more time to vote, but results arrive later.",
    whenLowered: "Results arrive sooner, but operators have less time to cast their votes.",
  }),
  "gov.enactmentDelayHours": defineParameter({
    key: "gov.enactmentDelayHours",
    label: "Delay before changes take effect",
    description:
      "How many hours pass between a vote approving a change and the new rules taking effect on every node.",
    unit: "hours",
    kind: "integer",
    min: 0,
    max: 720,
    default: 24,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised: "Operators get more warning to prepare before approved changes take effect.",
    whenLowered: "Approved changes take effect sooner, leaving less time to prepare.",
  }),
  "gov.minNodeAgeDays": defineParameter({
    key: "gov.minNodeAgeDays",
    label: "Days of service before voting",
    description:
      "How many days a node must have been reporting its activity before it brings voting credits, so fake nodes cannot be created just to vote.",
    unit: "days",
    kind: "integer",
    min: 0,
    max: 365,
    default: 3,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "New nodes wait longer before they can vote, which makes vote-stuffing with fresh nodes harder.",
    whenLowered:
      "New nodes can vote sooner, which welcomes newcomers but makes vote-stuffing with fresh nodes easier.",
  }),
  "gov.minUptimeForVoting": defineParameter({
    key: "gov.minUptimeForVoting",
    label: "Uptime needed to vote",
    description:
      "The share of time a node must have been online during its service period to bring voting credits, so only nodes that really serve the network get a say.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 1,
    default: 0.5,
    step: 0.05,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "Only nodes that are online more often can vote, so voting power follows real service more closely.",
    whenLowered:
      "Nodes that are often offline can still vote, so more nodes take part but service counts for less.",
  }),
} as const satisfies Record<string, ParameterDefinition>;

export type ParameterKey = keyof typeof PARAMETERS;
export type ParameterValues = Record<ParameterKey, number>;

export const PARAMETER_KEYS = Object.keys(PARAMETERS) as readonly ParameterKey[];

export function isParameterKey(key: string): key is ParameterKey {
  return Object.hasOwn(PARAMETERS, key);
}

export function getParameter(key: ParameterKey): ParameterDefinition {
  return PARAMETERS[key];
}

export function defaultParameterValues(): ParameterValues {
  return Object.fromEntries(PARAMETER_KEYS.map((key) => [key, PARAMETERS[key].default])) as ParameterValues;
}

type ParameterShape = { [K in ParameterKey]: z.ZodNumber };

const parameterShape = Object.fromEntries(
  PARAMETER_KEYS.map((key) => [key, PARAMETERS[key].schema]),
) as ParameterShape;

/** A full parameter set (a config's `params`): every key, nothing else, each within its own bounds. */
export const parameterValuesSchema = z.strictObject(parameterShape);

/** A partial set of proposed values: known keys only, each within its own bounds. */
export const parameterChangesSchema = parameterValuesSchema.partial();

export function parametersByCategory(): { category: ParameterCategory; parameters: ParameterDefinition[] }[] {
  return PARAMETER_CATEGORIES.map((category) => ({
    category,
    parameters: PARAMETER_KEYS.map(getParameter).filter((parameter) => parameter.category === category.id),
  }));
}
