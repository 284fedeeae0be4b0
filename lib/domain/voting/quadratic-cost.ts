/** Quadratic voting: casting v votes (for or against) on one proposal costs v² voice credits. */
export function voteCost(votes: number): number {
  return votes * votes;
}

/** The most whole votes one budget buys on a single proposal: ⌊√budget⌋. */
export function maxVotesOnOneProposal(budget: number): number {
  if (budget <= 0) return 0;
  let votes = Math.floor(Math.sqrt(budget));
  // Math.sqrt can land a hair off for huge budgets; settle on the exact integer root.
  while (voteCost(votes + 1) <= budget) votes += 1;
  while (voteCost(votes) > budget) votes -= 1;
  return votes;
}

/** An operator's budget for a round: every eligible node brings the same number of credits. */
export function operatorBudget(creditsPerNode: number, eligibleNodes: number): number {
  return creditsPerNode * eligibleNodes;
}
