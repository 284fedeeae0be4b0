import { demoRoleFor } from "@/lib/domain/demo/demo-accounts";
import {
  DEMO_PARAMETER_COMMENTS,
  DEMO_PROPOSALS,
  type DemoAuthor,
  type DemoComment,
} from "@/lib/domain/demo/demo-proposals";
import { parameterThreadKey, proposalThreadKey } from "@/lib/domain/governance/comment-rules";
import { isParameterKey } from "@/lib/domain/parameters/catalogue";
import type { Db } from "@/lib/server/db";
import { postComment } from "@/lib/server/services/comments";
import {
  cancelProposal,
  createProposalDraft,
  publishProposal,
  queueReadyProposals,
  withdrawProposal,
  type ProposalWriter,
} from "@/lib/server/services/proposal-actions";

const HOUR_MS = 3_600_000;

interface TimedStep {
  at: Date;
  run: () => Promise<void>;
}

function takeEarliest(steps: TimedStep[]): TimedStep | undefined {
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  return steps.shift();
}

/**
 * Plays the demo proposals and discussions (lib/domain/demo/demo-proposals.ts) through the same
 * services people use, each step at its moment in the past, so states, the audit chain and timelines
 * are exactly what the real code produces.
 */
export async function seedDemoProposals(
  db: Db,
  { operators, now }: { operators: readonly { id: string; email: string }[]; now: Date },
): Promise<{ proposals: number; comments: number }> {
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

  // Earliest first; publishing adds the queueing step at the end of its discussion time, as the
  // worker's queue job would have run then.
  for (let step = takeEarliest(steps); step; step = takeEarliest(steps)) await step.run();
  return { proposals: DEMO_PROPOSALS.length, comments: commentCount };
}
