import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Discussion } from "@/components/discussion/discussion";
import { ProposalForecastPanel } from "@/components/forecast/forecast-panel";
import { ForecastOutcomeSection } from "@/components/forecast-outcome/forecast-outcome-section";
import { Markdown } from "@/components/markdown";
import { NotReady } from "@/components/not-ready";
import { ConfirmBaseButton, ProposalActions } from "@/components/proposals/proposal-actions";
import { ChangesTable } from "@/components/proposals/changes-table";
import { ProposalStateBadge } from "@/components/proposals/proposal-state-badge";
import { RewardImpactCard } from "@/components/proposals/reward-impact";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { PageHeader } from "@/components/ui/page-header";
import { proposalThreadKey } from "@/lib/domain/governance/comment-rules";
import { PROPOSAL_STATES, type ProposalState } from "@/lib/domain/governance/proposal-lifecycle";
import { getRequestTime, getServerApi } from "@/lib/trpc/server";
import { loadProposal, type ProposalDetail } from "./load-proposal";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ proposalId: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const proposal = await loadProposal((await params).proposalId);
  if (typeof proposal === "string") return { title: "Proposal" };
  return { title: proposal.title, description: proposal.summary };
}

function stateDescription(state: string): string | null {
  return Object.hasOwn(PROPOSAL_STATES, state) ? PROPOSAL_STATES[state as ProposalState].description : null;
}

function Timeline({ proposal }: { proposal: ProposalDetail }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h2>
      {proposal.timeline.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">Nothing has happened to this proposal yet.</p>
      ) : (
        <ol className="mt-3 space-y-3 border-l-2 border-border pl-4">
          {proposal.timeline.map((event, index) => (
            <li key={`${event.type}-${index}`} className="relative">
              <span
                aria-hidden="true"
                className="absolute top-2 -left-[1.4rem] size-2.5 rounded-full border-2 border-surface bg-accent"
              />
              <p className="font-medium">{event.label}</p>
              <p className="text-sm text-muted-foreground">
                <DateTime at={event.at} />
                {event.actorName ? ` · ${event.actorName}` : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default async function ProposalPage({ params }: PageProps) {
  const proposal = await loadProposal((await params).proposalId);
  if (proposal === "not-found") notFound();
  if (proposal === "not-ready") return <NotReady />;
  const now = getRequestTime();
  const description = stateDescription(proposal.state);
  const isDraft = proposal.state === "Draft";
  const api = await getServerApi();
  const changes = proposal.changes.map(({ key, toValue }) => ({ key, toValue }));
  // Once decided, the values are in force or never will be: replaying them against today's would compare nothing.
  const [round, impact] = await Promise.all([
    isDraft ? null : api.rounds.ofProposal({ proposalId: proposal.id }),
    PROPOSAL_STATES[proposal.state].isTerminal
      ? null
      : // A failed simulation leaves a line in its card; the proposal itself must still show.
        api.proposals.impact({ changes }).catch((error: unknown) => {
          console.error("proposal reward impact failed", { proposalId: proposal.id, error });
          return { status: "failed" as const };
        }),
  ]);

  return (
    <>
      <p className="mb-4">
        <Link href="/proposals">
          <span aria-hidden="true">←</span> All proposals
        </Link>
      </p>
      <PageHeader title={proposal.title} description={<p>{proposal.summary}</p>} />

      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-10">
          <div className="space-y-3">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <ProposalStateBadge state={proposal.state} />
              <span>
                Proposed by <span className="font-medium">{proposal.author.displayName}</span>
              </span>
              <span className="text-muted-foreground">
                {proposal.publishedAt ? (
                  <>
                    published <RelativeTime at={proposal.publishedAt} now={now} />
                  </>
                ) : (
                  <>
                    draft started <RelativeTime at={proposal.createdAt} now={now} />
                  </>
                )}
              </span>
            </div>
            {description ? <p className="text-muted-foreground">{description}</p> : null}
            {proposal.state === "Discussion" && proposal.discussionEndsAt ? (
              <p>
                The discussion runs at least until <DateTime at={proposal.discussionEndsAt} /> (
                <RelativeTime at={proposal.discussionEndsAt} now={now} />
                ); then it is queued for the next voting round.
              </p>
            ) : null}
            {round ? (
              <p>
                {round.outcome
                  ? `Decided in round ${round.roundNumber}: ${round.outcome}. `
                  : `Put to the vote in round ${round.roundNumber}. `}
                <Link href={`/rounds/${round.roundNumber}`}>
                  {round.outcome ? "See the round’s results" : "See the round"}
                </Link>
                {round.phase === "open" ? (
                  <>
                    {" · "}
                    <Link href={`/rounds/${round.roundNumber}/ballot`}>Vote</Link>
                  </>
                ) : null}
              </p>
            ) : null}
            {proposal.closeReason ? (
              <div className="rounded-md border border-danger-fg bg-danger-bg p-4 text-danger-fg">
                <p className="font-semibold">
                  {proposal.state === "Cancelled" ? "Cancelled by a steward" : "Closed"}
                </p>
                <p className="mt-1">{proposal.closeReason}</p>
              </div>
            ) : null}
          </div>

          {proposal.needsBaseConfirmation ? (
            <div
              role="note"
              aria-labelledby="base-warning-heading"
              className="rounded-md border-2 border-warning-fg bg-warning-bg p-4 text-warning-fg"
            >
              <h2 id="base-warning-heading" className="text-lg font-semibold">
                The current value changed since this was written
              </h2>
              <p className="mt-1">
                This proposal was written against config version {proposal.baseVersion}; the current config is
                version {proposal.currentVersion}, which changed a rule it touches (see “was … when this was
                written” below). The author must confirm the proposal still makes sense before it can go to a
                vote.
              </p>
              {proposal.viewer.canConfirmBase ? <ConfirmBaseButton proposalId={proposal.id} /> : null}
            </div>
          ) : null}

          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading" className="mb-3 text-2xl font-semibold">
              What would change
            </h2>
            <ChangesTable
              currentVersion={proposal.currentVersion}
              rows={proposal.changes.map((change) => ({
                key: change.key,
                label: change.label,
                nowValue: change.currentValue,
                toValue: change.toValue,
                changeText: change.changeText,
                writtenAgainst: change.changedSinceBase ? change.fromValue : null,
              }))}
            />
            <h3 className="mt-6 text-lg font-semibold">In plain words</h3>
            <ul className="mt-2 list-disc space-y-2 pl-5" data-testid="plain-language-diff">
              {proposal.changes.map((change) => (
                <li key={change.key}>{change.sentence}</li>
              ))}
            </ul>
          </section>

          {impact ? <RewardImpactCard result={impact} headingLevel="h2" /> : null}

          {proposal.state === "Passed" ? <ForecastOutcomeSection proposalId={proposal.id} /> : null}

          <ProposalForecastPanel proposalId={proposal.id} />

          <section aria-labelledby="rationale-heading">
            <h2 id="rationale-heading" className="mb-3 text-2xl font-semibold">
              Why: the author’s reasons
            </h2>
            <div className="rounded-lg border border-border bg-surface p-5">
              <Markdown>{proposal.rationale}</Markdown>
            </div>
          </section>
        </div>

        <aside className="space-y-8" aria-label="About this proposal">
          <ProposalActions
            proposalId={proposal.id}
            isDraft={proposal.state === "Draft"}
            viewer={proposal.viewer}
          />
          <Timeline proposal={proposal} />
        </aside>
      </div>

      {isDraft ? null : (
        <div className="max-w-4xl">
          <Discussion threadKey={proposalThreadKey(proposal.id)} />
        </div>
      )}
    </>
  );
}
