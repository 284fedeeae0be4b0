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
