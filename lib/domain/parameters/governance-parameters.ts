import { defineParameter, type ParameterDefinition } from "@/lib/domain/parameters/parameter-definition";

/** How the community proposes, votes and enacts changes, and who may vote. */
export const GOVERNANCE_PARAMETERS = {
  "gov.voiceCreditsPerNode": defineParameter({
    key: "gov.voiceCreditsPerNode",
    label: "Voice credits per node",
    description:
      "Voting credits each eligible node adds to its operator's budget in a voting round. Casting n votes on one proposal costs n × n credits.",
    unit: "credits per node",
    kind: "integer",
    min: 1,
    max: 10_000,
    default: 100,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "Every operator gets a bigger voting budget and can spread votes over more proposals; the balance between operators stays the same.",
    whenLowered:
      "Every operator gets a smaller voting budget and must choose which proposals to back; the balance between operators stays the same.",
  }),
  "gov.quorum": defineParameter({
    key: "gov.quorum",
    label: "Quorum",
    description:
      "The share of eligible nodes whose operators must vote on a proposal for the result to count.",
    unit: "share",
    kind: "share",
    min: 0.01,
    max: 1,
    default: 0.2,
    step: 0.01,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "More of the network must take part for a proposal to pass, so changes need broader involvement and pass less often.",
    whenLowered:
      "Fewer participants are enough to pass a proposal, so changes pass more easily even when few people vote.",
  }),
  "gov.metaSupermajority": defineParameter({
    key: "gov.metaSupermajority",
    label: "Support needed to change governance rules",
    description:
      "The share of votes that must be in favour for a proposal that changes these governance rules themselves to pass.",
    unit: "share",
    kind: "share",
    min: 0.5,
    max: 1,
    default: 0.66,
    step: 0.01,
    minFractionDigits: 0,
    category: "gov",
    whenRaised: "Changing the governance rules needs wider agreement, so they are harder to change.",
    whenLowered: "Governance rules can be changed with less agreement, so they are easier to change.",
  }),
  "gov.discussionPeriodHours": defineParameter({
    key: "gov.discussionPeriodHours",
    label: "Minimum discussion time",
    description: "How many hours a proposal must be open for discussion before it can go to a vote.",
    unit: "hours",
    kind: "integer",
    min: 1,
    max: 720,
    default: 48,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "People get more time to read and discuss proposals, but changes take longer to reach a vote.",
    whenLowered: "Proposals reach a vote sooner, leaving less time for people to read and discuss them.",
  }),
  "gov.roundLengthHours": defineParameter({
    key: "gov.roundLengthHours",
    label: "Voting round length",
    description: "How many hours each voting round stays open for ballots.",
    unit: "hours",
    kind: "integer",
    min: 1,
    max: 720,
    default: 72,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised: "Operators get more time to vote, but results arrive later.",
    whenLowered: "Results arrive sooner, but operators have less time to cast their votes.",
  }),
  "gov.enactmentDelayHours": defineParameter({
    key: "gov.enactmentDelayHours",
    label: "Delay before changes take effect",
    description:
      "How many hours pass between a vote approving a change and the new rules taking effect on every node.",
    unit: "hours",
    kind: "integer",
    min: 0,
    max: 720,
    default: 24,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised: "Operators get more warning to prepare before approved changes take effect.",
    whenLowered: "Approved changes take effect sooner, leaving less time to prepare.",
  }),
  "gov.minNodeAgeDays": defineParameter({
    key: "gov.minNodeAgeDays",
    label: "Days of service before voting",
    description:
      "How many days a node must have been reporting its activity before it brings voice credits, so fake nodes cannot be created just to vote.",
    unit: "days",
    kind: "integer",
    min: 0,
    max: 365,
    default: 3,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "New nodes wait longer before they can vote, which makes vote-stuffing with fresh nodes harder.",
    whenLowered:
      "New nodes can vote sooner, which welcomes newcomers but makes vote-stuffing with fresh nodes easier.",
  }),
  "gov.minUptimeForVoting": defineParameter({
    key: "gov.minUptimeForVoting",
    label: "Presence needed to vote",
    description:
      "The share of hours in its service period in which the platform must have heard from a node (at least one signed report that hour) for it to bring voice credits, so only nodes that really serve the network get a say.",
    unit: "share",
    kind: "share",
    min: 0,
    max: 1,
    default: 0.5,
    step: 0.05,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "Only nodes that report in more of the hours can vote, so voting power follows real service more closely.",
    whenLowered:
      "Nodes that are often silent can still vote, so more nodes take part but service counts for less.",
  }),
  "gov.clusterPrefixV4": defineParameter({
    key: "gov.clusterPrefixV4",
    label: "Network cluster size (IPv4)",
    description:
      "How many leading bits of an IPv4 address make one network cluster. Nodes whose requests come from the same cluster share its voice credits, so running many nodes on one network does not multiply a vote.",
    unit: "bits",
    kind: "integer",
    min: 8,
    max: 32,
    default: 24,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "Clusters get narrower: nodes must share a smaller network to share credits, so neighbours keep more of their own say, and nodes spread over one provider's addresses count for more.",
    whenLowered:
      "Clusters get wider: nodes across a bigger network share one cluster's credits, so a provider's many nodes count for less, and more honest neighbours end up sharing.",
    addedLater: true,
  }),
  "gov.clusterPrefixV6": defineParameter({
    key: "gov.clusterPrefixV6",
    label: "Network cluster size (IPv6)",
    description:
      "How many leading bits of an IPv6 address make one network cluster (a home or a site usually gets a /48 or /56). Nodes whose requests come from the same cluster share its voice credits.",
    unit: "bits",
    kind: "integer",
    min: 16,
    max: 64,
    default: 48,
    step: 1,
    minFractionDigits: 0,
    category: "gov",
    whenRaised:
      "Clusters get narrower: one site's addresses can fall into several clusters, so a single network can count as several.",
    whenLowered:
      "Clusters get wider: nodes of a whole provider's range share one cluster's credits, so more honest neighbours end up sharing.",
    addedLater: true,
  }),
} as const satisfies Record<string, ParameterDefinition>;
