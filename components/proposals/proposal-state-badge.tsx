import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PROPOSAL_STATES, type ProposalState } from "@/lib/domain/governance/proposal-lifecycle";

const TONES = {
  Draft: "neutral",
  Discussion: "info",
  Queued: "info",
  Voting: "warning",
  Passed: "success",
  Rejected: "danger",
  Superseded: "neutral",
  Failed: "danger",
  Withdrawn: "neutral",
  Cancelled: "danger",
} as const satisfies Record<ProposalState, BadgeTone>;

/** A proposal's state in plain words, with its description as the tooltip. */
export function ProposalStateBadge({ state }: { state: string }) {
  const known = Object.hasOwn(PROPOSAL_STATES, state) ? (state as ProposalState) : null;
  if (!known) return <Badge>{state}</Badge>;
  return (
    <Badge tone={TONES[known]} title={PROPOSAL_STATES[known].description}>
      {PROPOSAL_STATES[known].label}
    </Badge>
  );
}
