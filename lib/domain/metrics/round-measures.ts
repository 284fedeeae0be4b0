/** Eligible nodes whose operator cast a counted ballot ÷ eligible nodes; 0 in a round without eligible nodes. */
export function nodeTurnout({
  votingNodes,
  eligibleNodes,
}: {
  votingNodes: number;
  eligibleNodes: number;
}): number {
  return eligibleNodes === 0 ? 0 : votingNodes / eligibleNodes;
}

/**
 * The Nakamoto coefficient of a round's voting power; null without a round or in one nobody was eligible
 * in, where 0 would read as "perfectly centralised".
 */
export function roundNakamoto(power: { operators: number; nakamoto: number } | null): number | null {
  return power && power.operators > 0 ? power.nakamoto : null;
}
