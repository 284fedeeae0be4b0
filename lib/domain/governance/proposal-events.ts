import { PROPOSAL_STATES } from "@/lib/domain/governance/proposal-lifecycle";
import { ROUND_EVENT_TYPES } from "@/lib/domain/voting/round-events";

/** The governance event types a proposal's own moves emit. */
export const PROPOSAL_EVENT_TYPES = {
  created: "proposal.created",
  published: "proposal.published",
  queued: "proposal.queued",
  withdrawn: "proposal.withdrawn",
  cancelled: "proposal.cancelled",
  baseConfirmed: "proposal.base-confirmed",
  /** A passed proposal's forecast, frozen as its round ratified it; the event carries the forecast's sha256. */
  forecastFrozen: "proposal.forecast-frozen",
} as const;

/** The subject every event about one proposal carries. */
export function proposalSubject(proposalId: string): string {
  return `proposal:${proposalId}`;
}

const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  passed: PROPOSAL_STATES.Passed.label,
  rejected: PROPOSAL_STATES.Rejected.label,
  superseded: PROPOSAL_STATES.Superseded.label,
  failed: PROPOSAL_STATES.Failed.label,
};

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
      return {
        label:
          data.discussionCutShort === true
            ? "Discussion cut short by an admin: queued for the voting round opening now"
            : "Discussion time over: queued for the next voting round",
        actorId: null,
      };
    case ROUND_EVENT_TYPES.proposalVoting:
      return {
        label:
          typeof data.roundNumber === "number"
            ? `Put to the vote in voting round ${data.roundNumber}`
            : "Put to the vote",
        actorId: null,
      };
    case ROUND_EVENT_TYPES.proposalDecided: {
      const outcome = OUTCOME_LABELS[String(data.outcome)] ?? "Decided";
      const reason = text(data.reason);
      return { label: reason ? `${outcome}: ${reason}` : outcome, actorId: null };
    }
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
    case PROPOSAL_EVENT_TYPES.forecastFrozen: {
      const sha256 = text(data.sha256);
      const what =
        data.forecastStatus === undefined || data.forecastStatus === "forecast"
          ? "Forecast frozen at ratification"
          : "Recorded at ratification that the model had no forecast to make";
      return {
        label: sha256 ? `${what} (SHA-256 ${sha256.slice(0, 12)}…, in the audit chain)` : what,
        actorId: null,
      };
    }
    default:
      return { label: `Recorded: ${type}`, actorId: text(data.actorId) };
  }
}
