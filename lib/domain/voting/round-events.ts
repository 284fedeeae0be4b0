/** The governance event types voting emits (one hash chain with the proposal events). */
export const ROUND_EVENT_TYPES = {
  opened: "round.opened",
  ballotCast: "ballot.cast",
  closed: "round.closed",
  closeBlocked: "round.close-blocked",
  proposalVoting: "proposal.voting",
  proposalDecided: "proposal.decided",
  configVersionCreated: "config.version-created",
} as const;

export function roundSubject(roundId: string): string {
  return `round:${roundId}`;
}

export function configVersionSubject(version: number): string {
  return `config:${version}`;
}
