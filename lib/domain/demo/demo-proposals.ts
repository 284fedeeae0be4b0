import { type ParameterKey } from "@/lib/domain/parameters/catalogue";

/** Who wrote a demo proposal or comment: one of the named demo accounts, or the n-th demo operator. */
export type DemoAuthor = { email: string } | { operatorIndex: number };

export interface DemoComment {
  author: DemoAuthor;
  hoursAgo: number;
  body: string;
  replies?: readonly { author: DemoAuthor; hoursAgo: number; body: string }[];
}

export interface DemoProposal {
  author: DemoAuthor;
  title: string;
  summary: string;
  rationale: string;
  changes: Partial<Record<ParameterKey, number>>;
  /** Where the proposal stands now; `hoursAgo` fields place its events in the past. */
  outcome:
    | { state: "Draft"; createdHoursAgo: number }
    | { state: "Discussion" | "Queued"; publishedHoursAgo: number }
    | { state: "Withdrawn"; publishedHoursAgo: number; withdrawnHoursAgo: number }
    | { state: "Cancelled"; publishedHoursAgo: number; cancelledHoursAgo: number; reason: string };
  comments?: readonly DemoComment[];
}

const STEWARD = { email: "petra.novakova@demo-swarm.example" } as const;
const OPERATOR = { email: "thiago.almeida@demo-swarm.example" } as const;

/**
 * The demo network's proposals in every state a newcomer meets, written against config version 3
 * (lib/domain/demo/demo-config-history.ts), with discussions that read like real ones.
 */
export const DEMO_PROPOSALS: readonly DemoProposal[] = [
  {
    author: { operatorIndex: 4 },
    title: "Pay a little more for serving data",
    summary:
      "Raise the pay for each GB a node sends to other nodes from 1.2 to 1.5 credits, so that people who leave their node running and sharing get more for it.",
    rationale: [
      "## Why",
      "",
      "Home nodes on slow uplinks earn very little today: a node that serves 2 GB a day gets 2.4 credits, less than the uptime bonus alone.",
      "Raising the pay per GB makes **sharing** the thing that pays, not just being online.",
      "",
      "## What it costs",
      "",
      "At last week's traffic the network would pay about 25 % more per day, still well under the daily cap.",
    ].join("\n"),
    changes: { "reward.perGbUploaded": 1.5 },
    outcome: { state: "Discussion", publishedHoursAgo: 20 },
    comments: [
      {
        author: { operatorIndex: 9 },
        hoursAgo: 18,
        body: "Makes sense to me. My two nodes serve mostly at night, and right now the uptime bonus is worth more than all the data they send.",
        replies: [
          {
            author: { operatorIndex: 4 },
            hoursAgo: 17,
            body: "Same here, that is exactly the case I had in mind.",
          },
        ],
      },
      {
        author: { operatorIndex: 21 },
        hoursAgo: 9,
        body: "Does this help the big cluster more than us? They serve the most data, so they gain the most credits.",
        replies: [
          {
            author: STEWARD,
            hoursAgo: 8,
            body: "In credits, yes: pay is per GB for everyone. The daily cap still limits the total, and voting power does not depend on credits at all.",
          },
        ],
      },
    ],
  },
  {
    author: OPERATOR,
    title: "Give new nodes two weeks before the free-rider rules apply",
    summary:
      "New nodes would be treated as free-riders after 14 days instead of 5, so that people who just joined have time to fill their disk and start sharing.",
    rationale:
      "A new node downloads a lot before it has anything to share. Five days is too short on a home connection: several newcomers in the forum were slowed down in their first week and gave up.",
    changes: { "freeRider.graceDays": 14 },
    outcome: { state: "Discussion", publishedHoursAgo: 3 },
    comments: [
      {
        author: { operatorIndex: 33 },
        hoursAgo: 2,
        body: "Two weeks sounds fair. Could someone abuse it by making new nodes every two weeks? Enrolment needs a token from an operator, so probably not much.",
      },
    ],
  },
  {
    author: { operatorIndex: 12 },
    title: "Send a bit more traffic to newer, lower-rated nodes",
    summary:
      "Raise the share of requests that go to lower-rated nodes from 12 % to 15 %, so new nodes get a chance to prove themselves and traffic does not pile up on a few big ones.",
    rationale:
      "Most requests go to the highest-rated nodes, which are mostly in one cluster. A slightly larger exploration share spreads traffic and lets newer nodes build their rating faster.",
    changes: { "selection.explorationRate": 0.15 },
    outcome: { state: "Queued", publishedHoursAgo: 80 },
    comments: [
      {
        author: { operatorIndex: 40 },
        hoursAgo: 70,
        body: "Will downloads get slower? 3 more requests in 100 go to nodes that may be slower, so maybe a little, but it also means fewer hot spots.",
      },
    ],
  },
  {
    author: { operatorIndex: 27 },
    title: "Count reliability more than raw speed",
    summary:
      "Change what counts as good service: reliability 40 % (was 35 %), speed 30 % (was 35 %), contribution stays at 30 %. Nodes that are always there would rate higher than fast ones that come and go.",
    rationale:
      "A fast node that drops out mid-transfer costs everyone a retry. Ratings should reward being there when asked.",
    changes: { "selection.weightSpeed": 0.3, "selection.weightReliability": 0.4 },
    outcome: { state: "Queued", publishedHoursAgo: 60 },
  },
  {
    author: { operatorIndex: 15 },
    title: "Shorter voting rounds",
    summary: "Make each voting round last 48 hours instead of 72, so decisions take effect sooner.",
    rationale: "Three days feels long for small changes.",
    changes: { "gov.roundLengthHours": 48 },
    outcome: { state: "Withdrawn", publishedHoursAgo: 200, withdrawnHoursAgo: 150 },
    comments: [
      {
        author: { operatorIndex: 52 },
        hoursAgo: 190,
        body: "People in other time zones need the weekend to vote. 48 hours would shut some of us out.",
        replies: [
          {
            author: { operatorIndex: 15 },
            hoursAgo: 151,
            body: "Fair point, I am withdrawing this and will come back with something better.",
          },
        ],
      },
    ],
  },
  {
    author: { operatorIndex: 61 },
    title: "Maximum payout for everyone!!!",
    summary:
      "Raise the daily cap to the maximum so that everybody earns as much as possible, join our channel for tips.",
    rationale: "Visit our channel for free credits.",
    changes: { "reward.epochEmissionCap": 1_000_000_000 },
    outcome: {
      state: "Cancelled",
      publishedHoursAgo: 40,
      cancelledHoursAgo: 39,
      reason: "Advertising for an outside channel, not a real proposal.",
    },
  },
  {
    author: OPERATOR,
    title: "Smaller uptime bonus, more pay for data",
    summary:
      "Lower the bonus for a day online from 2 to 1.5 credits, so rewards lean more on the data a node actually serves.",
    rationale: "Still drafting: I want to check last month's numbers first.",
    changes: { "reward.uptimeBonusPerDay": 1.5 },
    outcome: { state: "Draft", createdHoursAgo: 5 },
  },
];

/** A standing discussion on one parameter's own page. */
export const DEMO_PARAMETER_COMMENTS: readonly { key: ParameterKey; comments: readonly DemoComment[] }[] = [
  {
    key: "selection.explorationRate",
    comments: [
      {
        author: { operatorIndex: 7 },
        hoursAgo: 300,
        body: "Plain version for newcomers: out of every 100 requests, this many go to nodes that are *not* the top-rated ones. It keeps the network from relying on a few big nodes.",
        replies: [
          {
            author: { operatorIndex: 30 },
            hoursAgo: 290,
            body: "Thanks, that is the clearest explanation I have seen.",
          },
        ],
      },
    ],
  },
];
