import { DomainError } from "@/lib/domain/errors";

/**
 * Which nodes may cast their operator's ballot. A ballot from a node replaces the operator's whole
 * ballot with the full budget, so one node key is worth the operator's vote: only the nodes the
 * operator allowed (Node.mayVote) may cast it. New nodes start without the permission.
 */

/** The first sentence of the refusal; the reference agent recognises it by this sentence. */
export const NODE_MAY_NOT_VOTE = "This node may not cast ballots for its operator.";

/** What the node page's switch says, word for word, so the refusal can point at it. */
export const MAY_VOTE_SWITCH_LABEL = "This node may cast ballots for me";

/** The page where a node's operator allows or withdraws its ballots: `<public url>/nodes/<id>`. */
export function nodePageUrl(publicUrl: string, nodeId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/nodes/${encodeURIComponent(nodeId)}`;
}

/** The refusal a node without the permission gets: what happened and exactly where its operator changes it. */
export function nodeMayNotVoteMessage({ publicUrl, nodeId }: { publicUrl: string; nodeId: string }): string {
  return `${NODE_MAY_NOT_VOTE} Its operator can allow it on the node's page: ${nodePageUrl(publicUrl, nodeId)} (signed in, tick "${MAY_VOTE_SWITCH_LABEL}"). Nothing was stored: the operator's ballot that counts is unchanged.`;
}

/** True for the message of nodeMayNotVoteMessage (and only that 403). */
export function isNodeMayNotVoteMessage(message: string): boolean {
  return message.startsWith(NODE_MAY_NOT_VOTE);
}

/**
 * The refusal for a node that signed a ballot, or null when it may cast it. Checked before anything
 * about the round is read, so a node without the permission learns nothing about the round.
 */
export function nodeBallotRefusal(
  node: { nodeId: string; mayVote: boolean },
  { publicUrl }: { publicUrl: string },
): DomainError | null {
  if (node.mayVote) return null;
  return new DomainError("FORBIDDEN", nodeMayNotVoteMessage({ publicUrl, nodeId: node.nodeId }));
}

export type BallotSource = "web" | "node";

/**
 * Whether the operator should be warned about the ballot that counts: a node's ballot replaced the one
 * they cast on the web (the case a stolen node key produces).
 */
export function nodeReplacedWebBallot(
  counted: { source: string },
  replaced: { source: string } | null,
): boolean {
  return counted.source === "node" && replaced?.source === "web";
}
