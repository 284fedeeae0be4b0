/**
 * Gini coefficient of non-negative amounts: 0 when everyone holds the same, approaching 1 when one holds
 * everything. 0 for an empty list or a zero total.
 */
export function giniCoefficient(amounts: readonly number[]): number {
  const sorted = [...amounts].sort((a, b) => a - b);
  const total = sorted.reduce((sum, amount) => sum + amount, 0);
  if (sorted.length === 0 || total === 0) return 0;
  // G = Σ (2i − n − 1)·x_i / (n · Σx), i from 1, x ascending.
  const weighted = sorted.reduce(
    (sum, amount, index) => sum + (2 * (index + 1) - sorted.length - 1) * amount,
    0,
  );
  return weighted / (sorted.length * total);
}

/**
 * Nakamoto coefficient: the fewest holders who together hold more than half of the total. 0 for an empty
 * list or a zero total.
 */
export function nakamotoCoefficient(amounts: readonly number[]): number {
  const sorted = [...amounts].sort((a, b) => b - a);
  const total = sorted.reduce((sum, amount) => sum + amount, 0);
  if (total <= 0) return 0;
  let held = 0;
  for (const [index, amount] of sorted.entries()) {
    held += amount;
    if (held * 2 > total) return index + 1;
  }
  return sorted.length;
}

/** Points of the Lorenz curve: (share of holders, share of the total they hold), poorest first, from (0,0) to (1,1). */
export function lorenzCurve(amounts: readonly number[]): { population: number; share: number }[] {
  const sorted = [...amounts].sort((a, b) => a - b);
  const total = sorted.reduce((sum, amount) => sum + amount, 0);
  const points = [{ population: 0, share: 0 }];
  let held = 0;
  for (const [index, amount] of sorted.entries()) {
    held += amount;
    points.push({ population: (index + 1) / sorted.length, share: total === 0 ? 0 : held / total });
  }
  return points;
}

/** How many of `nodes` make up their top `topPercent` %: at least one. */
export function topGroupSize({ nodes, topPercent }: { nodes: number; topPercent: number }): number {
  return Math.max(1, Math.ceil((nodes * topPercent) / 100));
}

/** Share of the total held by the top `topPercent` % of holders (at least one), for each percent. */
export function topShares(
  amounts: readonly number[],
  topPercents: readonly number[],
): { topPercent: number; share: number }[] {
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  const richestFirst = [...amounts].sort((a, b) => b - a);
  return topPercents.map((topPercent) => {
    const held = richestFirst
      .slice(0, topGroupSize({ nodes: richestFirst.length, topPercent }))
      .reduce((sum, amount) => sum + amount, 0);
    return { topPercent, share: held / total };
  });
}
