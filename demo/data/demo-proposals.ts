import { DEMO_OPERATOR_EMAIL, DEMO_STEWARD_EMAIL } from "@/demo/data/demo-accounts";
import { type ParameterKey } from "@/lib/domain/parameters/catalogue";

/** Who wrote a demo proposal or comment: one of the named demo accounts, or the n-th demo operator. */
export type DemoAuthor = { email: string } | { operatorIndex: number };

export interface DemoComment {
  author: DemoAuthor;
  hoursAgo: number;
  body: string;
  replies?: readonly { author: DemoAuthor; hoursAgo: number; body: string }[];
}

/**
 * How the demo voters treat a proposal in its round: the share of them who vote on it, the share of
 * those who vote for, and the side the large cluster takes with its whole budget (none: it abstains).
 */
export interface DemoVoting {
  turnout: number;
  support: number;
  cluster?: "for" | "against";
}

export interface DemoProposal {
  author: DemoAuthor;
  title: string;
  summary: string;
  rationale: string;
  changes: Partial<Record<ParameterKey, number>>;
  /**
   * Where the proposal stands now; `hoursAgo` fields place its events in the past. Voting, Passed and
   * Rejected ones were queued when their discussion ended and put to the vote by the next DEMO_ROUNDS
   * round; their state then is what the ballots and the real close made of them.
   */
  outcome:
    | { state: "Draft"; createdHoursAgo: number }
    | { state: "Discussion" | "Voting" | "Passed" | "Rejected"; publishedHoursAgo: number }
    | { state: "Withdrawn"; publishedHoursAgo: number; withdrawnHoursAgo: number }
    | { state: "Cancelled"; publishedHoursAgo: number; cancelledHoursAgo: number; reason: string };
  comments?: readonly DemoComment[];
  /** Required for proposals that go to the vote. */
  voting?: DemoVoting;
}

const STEWARD = { email: DEMO_STEWARD_EMAIL } as const;
const OPERATOR = { email: DEMO_OPERATOR_EMAIL } as const;

/**
 * The demo network's proposals in every state a newcomer meets, written against config version 3
 * (demo/data/demo-config-history.ts), with discussions that read like real ones; the ones put to
 * the vote are published in time to be queued just before their DEMO_ROUNDS round opens.
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
    author: { operatorIndex: 38 },
    title: "Let more nodes serve as guards",
    summary:
      "Lower the rating a node needs to serve as a guard from 0.8 to 0.7, so guard duty is shared by more operators instead of mostly one cluster.",
    rationale: [
      "## Why",
      "",
      "Today almost every guard is in one data-centre cluster: if it has a bad day, the whole network does.",
      "Plenty of home nodes sit between 0.7 and 0.8 and are online all day.",
      "",
      "## Risk",
      "",
      "A 0.7 node is a little less reliable. Ratings keep updating every day, so a guard that does badly drops out again.",
    ].join("\n"),
    changes: { "roles.guardMinRating": 0.7 },
    outcome: { state: "Passed", publishedHoursAgo: 361 },
    voting: { turnout: 0.95, support: 0.92, cluster: "against" },
    comments: [
      {
        author: { operatorIndex: 0 },
        hoursAgo: 345,
        body: "Guards carry the heaviest load and our nodes were built for it. Lower-rated guards mean more failed transfers; we will vote against.",
        replies: [
          {
            author: { operatorIndex: 38 },
            hoursAgo: 342,
            body: "Understood, but one operator holding nearly all guard slots is the bigger risk for everyone else.",
          },
        ],
      },
    ],
  },
  {
    author: { operatorIndex: 50 },
    title: "Raise the daily payout cap",
    summary: "Raise the most credits the network pays out per day from 50,000 to 75,000.",
    rationale: "Payouts were scaled down on three busy days last month. A higher cap pays everyone in full.",
    changes: { "reward.epochEmissionCap": 75_000 },
    outcome: { state: "Rejected", publishedHoursAgo: 360.75 },
    voting: { turnout: 0.9, support: 0.1 },
    comments: [
      {
        author: { operatorIndex: 23 },
        hoursAgo: 330,
        body: "More credits per day means each credit is worth less, and the biggest earners gain the most. I would rather keep the cap and pay for data served.",
      },
    ],
  },
  {
    author: { operatorIndex: 56 },
    title: "Let old ratings fade more slowly",
    summary: "Halve how fast old ratings fade, from 2 % to 1 % per day, so one bad day weighs less.",
    rationale: "A node that was offline for a day loses rating it took weeks to earn.",
    changes: { "selection.ratingDecayPerEpoch": 0.01 },
    outcome: { state: "Rejected", publishedHoursAgo: 360.5 },
    voting: { turnout: 0.05, support: 0.8 },
  },
  {
    author: { operatorIndex: 12 },
    title: "Send a bit more traffic to newer, lower-rated nodes",
    summary:
      "Raise the share of requests that go to lower-rated nodes from 12 % to 15 %, so new nodes get a chance to prove themselves and traffic does not pile up on a few big ones.",
    rationale:
      "Most requests go to the highest-rated nodes, which are mostly in one cluster. A slightly larger exploration share spreads traffic and lets newer nodes build their rating faster.",
    changes: { "selection.explorationRate": 0.15 },
    outcome: { state: "Voting", publishedHoursAgo: 71 },
    voting: { turnout: 0.6, support: 0.75, cluster: "against" },
    comments: [
      {
        author: { operatorIndex: 40 },
        hoursAgo: 65,
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
    outcome: { state: "Voting", publishedHoursAgo: 70.75 },
    voting: { turnout: 0.5, support: 0.6 },
  },
  {
    author: { operatorIndex: 19 },
    title: "Count fewer home nodes as free-riders",
    summary:
      "A node would count as a free-rider when it uploads less than 0.4 of what it downloads (now 0.5), so home nodes on slow uplinks are not slowed down.",
    rationale:
      "Many home connections upload at a tenth of their download speed. They share all they can and still land just under 0.5.",
    changes: { "freeRider.minShareRatio": 0.4 },
    outcome: { state: "Voting", publishedHoursAgo: 70.5 },
    voting: { turnout: 0.45, support: 0.65 },
  },
  {
    author: { operatorIndex: 44 },
    title: "Give nodes two days to take up a new config",
    summary:
      "Wait 48 hours instead of 24 between a vote and the new config taking effect, so operators who are away can still check it first.",
    rationale:
      "A day is short over a weekend. This changes a governance rule, so it needs two thirds of the votes cast.",
    changes: { "gov.enactmentDelayHours": 48 },
    outcome: { state: "Voting", publishedHoursAgo: 70.25 },
    voting: { turnout: 0.35, support: 0.7 },
  },
  {
    author: { operatorIndex: 15 },
    title: "Shorter voting rounds",
    summary: "Make each voting round last 48 hours instead of 72, so decisions take effect sooner.",
    rationale: "Three days feels long for small changes.",
    changes: { "gov.roundLengthHours": 48 },
    outcome: { state: "Withdrawn", publishedHoursAgo: 200, withdrawnHoursAgo: 170 },
    comments: [
      {
        author: { operatorIndex: 52 },
        hoursAgo: 190,
        body: "People in other time zones need the weekend to vote. 48 hours would shut some of us out.",
        replies: [
          {
            author: { operatorIndex: 15 },
            hoursAgo: 171,
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
