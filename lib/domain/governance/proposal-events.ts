/** The governance event types a proposal's own moves emit. */
export const PROPOSAL_EVENT_TYPES = {
  created: "proposal.created",
  published: "proposal.published",
  queued: "proposal.queued",
  withdrawn: "proposal.withdrawn",
  cancelled: "proposal.cancelled",
  baseConfirmed: "proposal.base-confirmed",
} as const;

/** The subject every event about one proposal carries. */
export function proposalSubject(proposalId: string): string {
  return `proposal:${proposalId}`;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** A plain-language timeline line for one event about a proposal, and the operator who caused it (if any). */
export function describeProposalEvent(
  type: string,
  data: Readonly<Record<string, unknown>>,
): { label: string; actorId: string | null } {
  switch (type) {
    case PROPOSAL_EVENT_TYPES.created:
      return { label: "Draft started", actorId: text(data.authorId) };
    case PROPOSAL_EVENT_TYPES.published:
      return { label: "Published for discussion", actorId: text(data.authorId) };
    case PROPOSAL_EVENT_TYPES.queued:
      return { label: "Discussion time over: queued for the next voting round", actorId: null };
    case PROPOSAL_EVENT_TYPES.withdrawn:
      return { label: "Withdrawn by the author", actorId: text(data.authorId) };
    case PROPOSAL_EVENT_TYPES.cancelled: {
      const reason = text(data.reason);
      return {
        label: reason ? `Cancelled by a steward: ${reason}` : "Cancelled by a steward",
        actorId: text(data.stewardId),
      };
    }
    case PROPOSAL_EVENT_TYPES.baseConfirmed:
      return {
        label:
          typeof data.baseVersion === "number"
            ? `The author confirmed the changes against the current values (config version ${data.baseVersion})`
            : "The author confirmed the changes against the current values",
        actorId: text(data.authorId),
      };
    default:
      return { label: `Recorded: ${type}`, actorId: text(data.actorId) };
  }
}
