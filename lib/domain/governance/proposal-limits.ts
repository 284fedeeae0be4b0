/** Proposals one operator may have in discussion at once (anti-spam). */
export const MAX_PROPOSALS_IN_DISCUSSION = 3;
/** Unpublished drafts one operator may keep. */
export const MAX_DRAFTS_PER_OPERATOR = 20;

export const PROPOSAL_TITLE_LENGTH = { min: 5, max: 120 } as const;
export const PROPOSAL_SUMMARY_LENGTH = { min: 20, max: 500 } as const;
export const PROPOSAL_RATIONALE_LENGTH = { min: 20, max: 20_000 } as const;
export const PROPOSAL_CHANGE_COUNT = { min: 1, max: 10 } as const;
export const CANCEL_REASON_LENGTH = { min: 10, max: 500 } as const;
export const PROPOSAL_SEARCH_MAX = 100;

/** An operator who keeps MAX_DRAFTS_PER_OPERATOR drafts saves no new one; null while they may. */
export function draftLimitRefusal(drafts: number): string | null {
  if (drafts < MAX_DRAFTS_PER_OPERATOR) return null;
  return `You already have ${drafts} drafts, the most allowed. Publish or withdraw a draft you no longer need, then save this one.`;
}

/** An operator with MAX_PROPOSALS_IN_DISCUSSION proposals in discussion publishes no other; null while they may. */
export function discussionLimitRefusal(inDiscussion: number): string | null {
  if (inDiscussion < MAX_PROPOSALS_IN_DISCUSSION) return null;
  return `You already have ${inDiscussion} proposals in discussion, the most allowed at once. Publish this draft when one of them has been queued for voting, or withdraw one first.`;
}
