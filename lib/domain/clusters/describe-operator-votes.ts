import { formatNumber } from "@/lib/domain/format-number";
import { maxVotesOnOneProposal, voteCost } from "@/lib/domain/voting/quadratic-cost";
import { clusterVotes, type SharedClusterShare } from "./cluster-votes";

/** One of the operator's clusters as its ballot page explains it: never a prefix, never another operator. */
export interface ExplainedCluster extends SharedClusterShare {
  /** What the operator's nodes here bring on one proposal (n·√(C/N)). */
  votes: number;
  /** The operator's own nodes in the cluster. */
  nodeNames: readonly string[];
}

export interface OperatorVotesExplanation {
  /** "Your 3 nodes hold up to 17 votes on one proposal (a budget of 300 voice credits)." */
  headline: string;
  /** One sentence per cluster, in the order given. */
  clusters: string[];
  /** How the votes become the budget, and what the budget buys. */
  total: string;
  /** Against the C × n the nodes would bring in one network of their own; null when it is the same. */
  comparison: string | null;
}

/** Names listed in a sentence before the rest are counted. */
const MAX_NAMES = 3;

const isWhole = (value: number) => Math.abs(value - Math.round(value)) < 1e-9;

/** 10 → "10", 22.36 → "22.4", 0.0316 → "0.03": small amounts keep a second decimal so they never read as 0. */
function formatVotes(value: number): string {
  if (isWhole(value)) return formatNumber(Math.round(value));
  return formatNumber(value, { maxFractionDigits: Math.abs(value) < 1 ? 2 : 1 });
}

/** "= 10" or "≈ 22.4". */
const equalsVotes = (value: number) => `${isWhole(value) ? "=" : "≈"} ${formatVotes(value)}`;
/** "10" or "about 22.4". */
const aboutVotes = (value: number) => `${isWhole(value) ? "" : "about "}${formatVotes(value)}`;

const plural = (count: number, one: string, many: string) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
export function listNodeNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  const shown = names.length <= MAX_NAMES + 1 ? names.slice(0, -1) : names.slice(0, MAX_NAMES);
  const last =
    names.length <= MAX_NAMES + 1 ? names.at(-1)! : `${formatNumber(names.length - MAX_NAMES)} more`;
  return `${shown.join(", ")} and ${last}`;
}

/** Where one cluster's votes come from, in words a newcomer can follow. */
function describeCluster(cluster: ExplainedCluster, creditsPerNode: number): string {
  const { nodes, clusterNodes, otherOperators, votes, nodeNames } = cluster;
  const credits = formatNumber(creditsPerNode);
  const yours = `${plural(nodes, "node", "nodes")}${nodeNames.length > 0 ? ` (${listNodeNames(nodeNames)})` : ""}`;
  const whole = clusterVotes(clusterNodes, creditsPerNode);
  const perNode = whole / clusterNodes;
  if (otherOperators === 0 && nodes === clusterNodes) {
    if (nodes === 1) return `${yours} in a network only you use: √${credits} ${equalsVotes(votes)} votes.`;
    return (
      `${yours} in a network only you use: together they hold √(${formatNumber(nodes)} × ${credits}) ` +
      `${equalsVotes(votes)} votes, ${aboutVotes(perNode)} per node.`
    );
  }
  const shared =
    `${yours} in a network you share with ${plural(otherOperators, "other operator", "other operators")}: ` +
    `that network's ${formatNumber(clusterNodes)} nodes share √(${formatNumber(clusterNodes)} × ${credits}) ` +
    `${equalsVotes(whole)} votes`;
  if (nodes === 1) return `${shared}, so your node brings ${aboutVotes(votes)}.`;
  return `${shared}, ${aboutVotes(perNode)} per node, so your ${formatNumber(nodes)} bring ${aboutVotes(votes)}.`;
}

/** What the budget buys: the most whole votes on one proposal and their cost. */
function whatItBuys(budget: number): string {
  const most = maxVotesOnOneProposal(budget);
  if (most === 0) return "That is less than the 1 credit a single vote costs, so it buys no vote this round.";
  return (
    `Votes cost their square, so it buys up to ${plural(most, "vote", "votes")} on one proposal ` +
    `(${formatNumber(most)} × ${formatNumber(most)} = ${formatNumber(voteCost(most))} credits), or fewer on each of several.`
  );
}

/**
 * The ballot page's account of an operator's votes in a round: what its nodes hold, where each cluster's
 * share comes from, how that becomes the budget, and how it compares with C × n (one network of their own).
 */
export function describeOperatorVotes({
  budget,
  creditsPerNode,
  clusters,
}: {
  budget: number;
  creditsPerNode: number;
  clusters: readonly ExplainedCluster[];
}): OperatorVotesExplanation {
  const nodes = clusters.reduce((sum, cluster) => sum + cluster.nodes, 0);
  const radius = clusters.reduce((sum, cluster) => sum + cluster.votes, 0);
  const most = maxVotesOnOneProposal(budget);
  const budgetText = plural(budget, "voice credit", "voice credits");
  const subject = nodes === 1 ? "Your node holds" : `Your ${formatNumber(nodes)} nodes hold`;
  const headline = `${subject} up to ${plural(most, "vote", "votes")} on one proposal (a budget of ${budgetText}).`;
  const total =
    (clusters.length === 1
      ? `Your budget is that number times itself: ${budgetText}. `
      : `Together your nodes hold ${aboutVotes(radius)} votes on one proposal; your budget is that number times itself: ${budgetText}. `) +
    whatItBuys(budget);
  return {
    headline,
    clusters: clusters.map((cluster) => describeCluster(cluster, creditsPerNode)),
    total,
    comparison: compareWithOwnNetwork({ budget, creditsPerNode, nodes, clusters }),
  };
}

function compareWithOwnNetwork({
  budget,
  creditsPerNode,
  nodes,
  clusters,
}: {
  budget: number;
  creditsPerNode: number;
  nodes: number;
  clusters: readonly ExplainedCluster[];
}): string | null {
  const alone = creditsPerNode * nodes;
  const aloneText = `${formatNumber(alone)} voice credits (${formatNumber(nodes)} × ${formatNumber(creditsPerNode)})`;
  const who = nodes === 1 ? "your node" : `${formatNumber(nodes)} nodes`;
  if (budget > alone) {
    return (
      `That is more than the ${aloneText} ${who} would bring in one network of their own: your nodes sit in ` +
      `${formatNumber(clusters.length)} different networks, and separate networks count like separate people.`
    );
  }
  const sharing = clusters
    .filter((cluster) => cluster.otherOperators > 0)
    .reduce((sum, cluster) => sum + cluster.nodes, 0);
  if (budget === alone || sharing === 0) return null;
  const which =
    nodes === 1 ? "it shares" : sharing === nodes ? "they share" : `${formatNumber(sharing)} of them share`;
  return (
    `That is less than the ${aloneText} ${who} would bring in a network of ${nodes === 1 ? "its" : "their"} own, ` +
    `because ${which} a network with other operators' nodes, and a network's votes are shared by all of its ` +
    "nodes, whoever runs them."
  );
}
