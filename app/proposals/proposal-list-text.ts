import { PROPOSAL_STATES } from "@/lib/domain/governance/proposal-lifecycle";
import { PARAMETER_CATEGORIES } from "@/lib/domain/parameters/parameter-definition";
import type { ProposalListQuery } from "@/lib/schemas/proposal-list-query";

export const SORT_LABELS: Record<ProposalListQuery["sort"], string> = {
  newest: "Newest first",
  updated: "Recently updated",
  title: "Title, A to Z",
  "discussion-ends": "Discussion ending soonest",
};

function stateLabel(state: string): string {
  if (state === "open") return "open (in discussion, queued or voting)";
  return Object.hasOwn(PROPOSAL_STATES, state)
    ? PROPOSAL_STATES[state as keyof typeof PROPOSAL_STATES].label.toLowerCase()
    : state;
}

export function categoryLabel(id: string): string {
  return PARAMETER_CATEGORIES.find((category) => category.id === id)?.label ?? id;
}

export function filterSummary(query: ProposalListQuery): string {
  return [
    query.query ? `matching “${query.query}”` : null,
    query.state ? `that are ${stateLabel(query.state)}` : null,
    query.category ? `about ${categoryLabel(query.category).toLowerCase()}` : null,
  ]
    .filter(Boolean)
    .join(", ");
}
