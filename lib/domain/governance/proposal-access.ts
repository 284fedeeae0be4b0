import {
  isBeforeVoting,
  PROPOSAL_STATES,
  transitionProposal,
  type ProposalActor,
  type ProposalRefusal,
  type ProposalState,
} from "@/lib/domain/governance/proposal-lifecycle";
import { canModerate, type Role } from "@/lib/domain/roles";

/** How an operator stands to a proposal: whether they wrote it, and whether they may moderate it. */
export type ProposalRelation = { isAuthor: boolean; isModerator: boolean };

/** The author is the operator who wrote the proposal; stewards and admins moderate every proposal. */
export function proposalRelation(operator: { id: string; role: Role }, authorId: string): ProposalRelation {
  return { isAuthor: operator.id === authorId, isModerator: canModerate(operator.role) };
}

/** A proposal never published (a draft, or a draft its author withdrew) exists only for its author. */
export function isUnpublishedFor(
  proposal: { publishedAt: Date | null; authorId: string },
  viewerId: string | null,
): boolean {
  return proposal.publishedAt === null && proposal.authorId !== viewerId;
}

const stateLabel = (state: ProposalState) => PROPOSAL_STATES[state].label.toLowerCase();

/** Only the author edits a proposal, and only while it is a draft; null when the edit is allowed. */
export function draftEditRefusal(state: ProposalState, relation: ProposalRelation): ProposalRefusal | null {
  if (!relation.isAuthor) return { kind: "not-allowed", reason: "Only the author can edit a proposal." };
  if (state !== "Draft") {
    return {
      kind: "wrong-state",
      reason: `Only a draft can be edited; this proposal is ${stateLabel(state)}. To propose something different, withdraw it and write a new proposal.`,
    };
  }
  return null;
}

/** Only the author confirms a proposal's changes against newer values, and only before it goes to a vote. */
export function baseConfirmationRefusal(
  state: ProposalState,
  relation: ProposalRelation,
): ProposalRefusal | null {
  if (!relation.isAuthor) {
    return { kind: "not-allowed", reason: "Only the author can confirm a proposal's changes." };
  }
  if (!isBeforeVoting(state)) {
    return {
      kind: "wrong-state",
      reason: `This proposal is ${stateLabel(state)}, so its changes can no longer be confirmed.`,
    };
  }
  return null;
}

export interface ProposalPermissions {
  canEdit: boolean;
  canPublish: boolean;
  canWithdraw: boolean;
  canCancel: boolean;
  canConfirmBase: boolean;
}

/** What a viewer may do with a proposal now; anonymous viewers (null) may do nothing. */
export function proposalPermissions(
  state: ProposalState,
  viewer: ProposalRelation | null,
  needsBaseConfirmation: boolean,
): ProposalPermissions {
  if (!viewer) {
    return { canEdit: false, canPublish: false, canWithdraw: false, canCancel: false, canConfirmBase: false };
  }
  const actor: ProposalActor = { kind: "operator", ...viewer };
  return {
    canEdit: draftEditRefusal(state, viewer) === null,
    canPublish: transitionProposal(state, "publish", { actor }).ok,
    canWithdraw: transitionProposal(state, "withdraw", { actor }).ok,
    canCancel: transitionProposal(state, "cancel", { actor }).ok,
    canConfirmBase: needsBaseConfirmation && baseConfirmationRefusal(state, viewer) === null,
  };
}
