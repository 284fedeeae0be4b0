import { DEMO_ACCOUNT_EMAILS, demoRoleFor } from "@/demo/data/demo-accounts";
import {
  DEMO_PARAMETER_COMMENTS,
  DEMO_PROPOSALS,
  type DemoAuthor,
  type DemoComment,
  type DemoVoting,
} from "@/demo/data/demo-proposals";
import { DEMO_ROUNDS, planDemoBallots, type DemoRound } from "@/demo/data/demo-rounds";
import { parameterThreadKey, proposalThreadKey } from "@/lib/domain/governance/comment-rules";
import { isParameterKey } from "@/lib/domain/parameters/catalogue";
import { createRandom, type Random } from "@/lib/domain/random";
import type { Db } from "@/lib/server/platform/db";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { freezeDueForecasts } from "@/lib/server/network-model/freeze-forecasts";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeDueRounds } from "@/lib/server/voting/close-round";
import { postComment } from "@/lib/server/governance/comment-commands";
import { openRound } from "@/lib/server/voting/open-round";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import {
  cancelProposal,
  publishProposal,
  withdrawProposal,
} from "@/lib/server/governance/proposal-lifecycle-commands";
import type { ProposalWriter } from "@/lib/server/governance/proposal-writer";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";

const HOUR_MS = 3_600_000;
/** Keeps the voters' draws apart from the network's, which come from the same demo seed. */
const VOTING_SEED_SALT = 0x0b41_1075;

interface TimedStep {
  at: Date;
  run: () => Promise<void>;
}

function takeEarliest(steps: TimedStep[]): TimedStep | undefined {
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  return steps.shift();
}

/**
 * The steps of one demo round: it opens with whatever is queued then, the planned ballots arrive while
 * it is open, and once its time is up it closes, its passed proposals' forecasts are frozen and its config
 * version activates, as the worker does.
 */
function roundSteps(
  db: Db,
  {
    round,
    now,
    random,
    demoAccountIds,
    votingOf,
    schedule,
  }: {
    round: DemoRound;
    now: Date;
    random: Random;
    demoAccountIds: ReadonlySet<string>;
    votingOf: (proposalId: string) => DemoVoting;
    schedule: (step: TimedStep) => void;
  },
): TimedStep {
  const opensAt = new Date(now.getTime() - round.openedHoursAgo * HOUR_MS);
  return {
    at: opensAt,
    run: async () => {
      const { roundId, proposalIds, closesAt } = await openRound(db, { now: opensAt });
      const voters = await db.roundVoter.findMany({
        where: { roundId },
        orderBy: { operatorId: "asc" },
        select: { operatorId: true, eligibleNodes: true, budget: true },
      });
      const ballots = planDemoBallots({
        round,
        voters: voters.map((voter) => ({ ...voter, budget: Number(voter.budget) })),
        proposals: proposalIds.map((proposalId) => ({ proposalId, voting: votingOf(proposalId) })),
        demoAccountIds,
        random,
      });
      // Ballots stop a minute before the end (or before now) so none arrives after its round closed.
      const votingMs = Math.min(closesAt.getTime(), now.getTime()) - opensAt.getTime() - 60_000;
      for (const { operatorId, progress, allocations } of ballots) {
        const at = new Date(opensAt.getTime() + Math.floor(progress * votingMs));
        schedule({
          at,
          run: async () => {
            await castBallot(db, { operatorId, roundId, allocations, source: "web", now: at });
          },
        });
      }
      if (closesAt > now) return;
      schedule({
        at: closesAt,
        run: async () => {
          for (const { activateAt } of await closeDueRounds(db, { now: closesAt })) {
            if (activateAt && activateAt <= now) {
              schedule({
                at: activateAt,
                run: () => activateDueConfigVersions(db, { now: activateAt }).then(() => {}),
              });
            }
          }
          // As the worker would have had them then: the days up to the close paid, then each passed
          // proposal's forecast frozen from that history (seedDemoNetwork freezes any still waiting).
          await runDueEpochs(db, { now: closesAt });
          await freezeDueForecasts(db, { now: closesAt });
        },
      });
    },
  };
}

/**
 * Plays the demo proposals, discussions and voting rounds (demo/data/demo-proposals.ts) through
 * the same services people use, each step at its moment in the past, so states, the audit chain and
 * timelines are exactly what the real code produces.
 */
export async function seedDemoProposals(
  db: Db,
  { operators, now, seed }: { operators: readonly { id: string; email: string }[]; now: Date; seed: number },
): Promise<{ proposals: number; comments: number; rounds: number; ballots: number }> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const writerFor = (author: DemoAuthor): ProposalWriter => {
    const operator =
      "email" in author
        ? operators.find((candidate) => candidate.email === author.email)
        : operators[author.operatorIndex];
    if (!operator) throw new Error(`demo author ${JSON.stringify(author)} is not a demo operator`);
    return { id: operator.id, role: demoRoleFor(operator.email) };
  };

  const steps: TimedStep[] = [];
  const schedule = (step: TimedStep) => {
    steps.push(step);
  };
  const votings = new Map<string, DemoVoting>();
  let commentCount = 0;
  const discussionSteps = (threadKey: () => string, comments: readonly DemoComment[] = []) => {
    for (const comment of comments) {
      let parentId: string | undefined;
      commentCount += 1 + (comment.replies?.length ?? 0);
      steps.push({
        at: hoursAgo(comment.hoursAgo),
        run: async () => {
          ({ commentId: parentId } = await postComment(db, {
            threadKey: threadKey(),
            body: comment.body,
            authorId: writerFor(comment.author).id,
            now: hoursAgo(comment.hoursAgo),
          }));
        },
      });
      for (const reply of comment.replies ?? []) {
        steps.push({
          at: hoursAgo(reply.hoursAgo),
          run: async () => {
            await postComment(db, {
              threadKey: threadKey(),
              parentId,
              body: reply.body,
              authorId: writerFor(reply.author).id,
              now: hoursAgo(reply.hoursAgo),
            });
          },
        });
      }
    }
  };

  for (const proposal of DEMO_PROPOSALS) {
    const writer = writerFor(proposal.author);
    const { outcome } = proposal;
    const createdHoursAgo =
      outcome.state === "Draft" ? outcome.createdHoursAgo : outcome.publishedHoursAgo + 1;
    let proposalId = "";
    steps.push({
      at: hoursAgo(createdHoursAgo),
      run: async () => {
        ({ proposalId } = await createProposalDraft(db, {
          writer,
          now: hoursAgo(createdHoursAgo),
          input: {
            title: proposal.title,
            summary: proposal.summary,
            rationale: proposal.rationale,
            changes: Object.entries(proposal.changes).map(([key, toValue]) => ({ key, toValue })),
          },
        }));
        if (proposal.voting) votings.set(proposalId, proposal.voting);
      },
    });
    if (outcome.state === "Draft") continue;
    steps.push({
      at: hoursAgo(outcome.publishedHoursAgo),
      run: async () => {
        const { discussionEndsAt } = await publishProposal(db, {
          writer,
          now: hoursAgo(outcome.publishedHoursAgo),
          proposalId,
        });
        if (discussionEndsAt <= now) {
          steps.push({
            at: discussionEndsAt,
            run: () => queueReadyProposals(db, discussionEndsAt).then(() => {}),
          });
        }
      },
    });
    if (outcome.state === "Withdrawn") {
      steps.push({
        at: hoursAgo(outcome.withdrawnHoursAgo),
        run: async () => {
          await withdrawProposal(db, { writer, now: hoursAgo(outcome.withdrawnHoursAgo), proposalId });
        },
      });
    }
    if (outcome.state === "Cancelled") {
      steps.push({
        at: hoursAgo(outcome.cancelledHoursAgo),
        run: async () => {
          await cancelProposal(db, {
            writer: writerFor({ email: "petra.novakova@demo-swarm.example" }),
            now: hoursAgo(outcome.cancelledHoursAgo),
            input: { proposalId, reason: outcome.reason },
          });
        },
      });
    }
    discussionSteps(() => proposalThreadKey(proposalId), proposal.comments);
  }
  for (const { key, comments } of DEMO_PARAMETER_COMMENTS) {
    if (!isParameterKey(key)) throw new Error(`demo comments name unknown parameter ${key}`);
    discussionSteps(() => parameterThreadKey(key), comments);
  }
  const random = createRandom(seed ^ VOTING_SEED_SALT);
  const demoAccountIds = new Set(
    operators
      .filter((operator) => DEMO_ACCOUNT_EMAILS.includes(operator.email))
      .map((operator) => operator.id),
  );
  const votingOf = (proposalId: string) => {
    const voting = votings.get(proposalId);
    if (!voting) throw new Error(`demo proposal ${proposalId} went to the vote without a DemoVoting plan`);
    return voting;
  };
  for (const round of DEMO_ROUNDS) {
    steps.push(roundSteps(db, { round, now, random, demoAccountIds, votingOf, schedule }));
  }

  // Earliest first; publishing adds the queueing step at the end of its discussion time and a round
  // its ballots and close, as the worker's jobs and the voters would have acted then.
  for (let step = takeEarliest(steps); step; step = takeEarliest(steps)) await step.run();
  const ballots = await db.ballot.count();
  return { proposals: DEMO_PROPOSALS.length, comments: commentCount, rounds: DEMO_ROUNDS.length, ballots };
}
