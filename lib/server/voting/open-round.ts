import { DomainError, isDomainError } from "@/lib/domain/errors";
import { canonicalJson } from "@/lib/domain/governance/audit-event";
import { formatDateTime } from "@/lib/domain/format-time";
import { needsBaseConfirmation } from "@/lib/domain/governance/proposal-changes";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import { transitionProposal, type ProposalAction } from "@/lib/domain/governance/proposal-lifecycle";
import { budgetsByCluster } from "@/lib/domain/clusters/cluster-budgets";
import { eligibleRecords } from "@/lib/domain/voting/eligibility";
import { touchesGovernance } from "@/lib/domain/voting/ratify-round";
import { ROUND_EVENT_TYPES, roundSubject } from "@/lib/domain/voting/round-events";
import { isNextRoundDue, roundClosesAt } from "@/lib/domain/voting/round-schedule";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { Db, DbTransaction } from "@/lib/server/platform/db";
import { getActiveConfigVersion, newestConfigVersion } from "@/lib/server/governance/config-version-queries";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { storedProposalState } from "@/lib/server/governance/proposal-queries";
import { clusterIdSecret, opaqueClusterId } from "@/lib/server/voting/cluster-ids";
import { eligibilityRules, loadServiceRecords } from "@/lib/server/voting/eligibility-queries";

export interface OpenedRound {
  roundId: string;
  number: number;
  opensAt: Date;
  closesAt: Date;
  proposalIds: string[];
  voters: number;
  eligibleNodes: number;
}

/** Moves a proposal along the lifecycle as the system; a refusal here means the query selected the wrong rows. */
function systemMove(state: string, action: ProposalAction, context: { isDiscussionOver?: boolean } = {}) {
  const result = transitionProposal(storedProposalState(state), action, {
    actor: { kind: "system" },
    needsBaseConfirmation: false,
    ...context,
  });
  if (!result.ok) throw new Error(`${action} from ${state} refused: ${result.reason}`);
  return result.next;
}

/** Queues every proposal in discussion whose base is current, ahead of its discussion time (admin's choice). */
async function cutDiscussionsShort(
  tx: DbTransaction,
  newest: Awaited<ReturnType<typeof newestConfigVersion>>,
  now: Date,
): Promise<string[]> {
  const discussed = await tx.proposal.findMany({
    where: { state: "Discussion" },
    orderBy: { id: "asc" },
    select: {
      id: true,
      state: true,
      baseVersion: true,
      discussionEndsAt: true,
      changes: { select: { key: true, fromValue: true } },
    },
  });
  const ready = discussed.filter((proposal) => !needsBaseConfirmation(proposal, newest));
  for (const proposal of ready) {
    const next = systemMove(proposal.state, "queue", { isDiscussionOver: true });
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { state: next, queuedAt: now, updatedAt: now },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: PROPOSAL_EVENT_TYPES.queued,
        subject: proposalSubject(proposal.id),
        data: {
          proposalId: proposal.id,
          baseVersion: proposal.baseVersion,
          discussionEndsAt: proposal.discussionEndsAt?.toISOString() ?? null,
          discussionCutShort: true,
        },
      },
      now,
    );
  }
  return ready.map((proposal) => proposal.id);
}

/**
 * Opens the next voting round now with every queued proposal (and, with `cutDiscussionShort`, every
 * proposal in discussion) whose changed parameters still have, in the newest config version, the values
 * it was written against: copies the rules from the active config, snapshots who may vote with what budget, and moves the
 * proposals to Voting, all in one transaction. Queued proposals that need their author's confirmation
 * are held back (round.opened lists them as `heldBack`).
 */
export async function openRound(
  db: Db,
  { now, cutDiscussionShort = false }: { now: Date; cutDiscussionShort?: boolean },
): Promise<OpenedRound> {
  return withGovernanceTransaction(db, async (tx) => {
    const open = await tx.round.findFirst({
      where: { isOpen: true },
      select: { number: true, closesAt: true },
    });
    if (open) {
      throw new DomainError(
        "CONFLICT",
        `Round ${open.number} is already open until ${formatDateTime(open.closesAt)}; close it first (npm run admin -- round close).`,
      );
    }
    const active = await getActiveConfigVersion(tx);
    const gov = active.params;
    // Passed changes are applied to the newest version, which may still wait for activation.
    const newest = await newestConfigVersion(tx);
    const discussionCutShort = cutDiscussionShort ? await cutDiscussionsShort(tx, newest, now) : [];
    const queued = await tx.proposal.findMany({
      where: { state: "Queued" },
      orderBy: { id: "asc" },
      select: {
        id: true,
        state: true,
        baseVersion: true,
        changes: { select: { key: true, fromValue: true } },
      },
    });
    // Such a proposal changes a parameter whose value moved (or is about to move) after it was queued,
    // so voters would see changes from values no longer in force. It stays Queued (the lifecycle has no way back to
    // discussion) until its author confirms it against the current values, and goes to a later round.
    const heldBack = queued.filter((proposal) => needsBaseConfirmation(proposal, newest)).map(({ id }) => id);
    const proposals = queued.filter((proposal) => !heldBack.includes(proposal.id));
    if (proposals.length === 0) {
      const waiting =
        heldBack.length > 0
          ? ` ${heldBack.length === 1 ? "1 queued proposal waits for its author" : `${heldBack.length} queued proposals wait for their authors`} to confirm the changes against the current values (${heldBack.join(", ")}).`
          : "";
      throw new DomainError(
        "UNPROCESSABLE",
        cutDiscussionShort
          ? `No proposal is queued or in discussion with current values, so there is nothing to vote on.${waiting} Publish a proposal first (or ask its author to confirm its changes), then open the round.`
          : `No proposal is ready for voting, so there is nothing to vote on.${waiting} Proposals are queued when their discussion time is over; to put proposals still in discussion to the vote now, run \`npm run admin -- round open --cut-discussion\`.`,
      );
    }

    const rules = eligibilityRules(gov);
    const eligible = eligibleRecords(await loadServiceRecords(tx, { opensAt: now, rules }), {
      rules,
      opensAt: now,
    });
    const last = await tx.round.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
    const closesAt = roundClosesAt(now, gov["gov.roundLengthHours"]);
    const round = await tx.round.create({
      data: {
        number: (last?.number ?? 0) + 1,
        opensAt: now,
        closesAt,
        rulesVersion: active.version,
        creditsPerNode: gov["gov.voiceCreditsPerNode"],
        quorum: gov["gov.quorum"],
        metaSupermajority: gov["gov.metaSupermajority"],
        eligibleNodes: eligible.length,
      },
      select: { id: true, number: true },
    });
    // Opaque per round: the export shows who shares a cluster without giving the prefix away. A node
    // with no recorded prefix in the window (hours from before clusters were recorded) counts alone.
    const secret = await clusterIdSecret(tx);
    const clustered = eligible.map(({ nodeId, operatorId, clusterPrefix }) => ({
      nodeId,
      operatorId,
      clusterId: clusterPrefix === null ? nodeId : opaqueClusterId(secret, round.id, clusterPrefix),
    }));
    const voters = budgetsByCluster(clustered, gov["gov.voiceCreditsPerNode"]);
    await tx.roundVoter.createMany({
      data: voters.map(({ operatorId, eligibleNodes, budget }) => ({
        roundId: round.id,
        operatorId,
        eligibleNodes,
        budget,
      })),
    });
    await tx.roundEligibleNode.createMany({
      data: clustered.map(({ nodeId, operatorId, clusterId }) => ({
        roundId: round.id,
        nodeId,
        operatorId,
        clusterId,
      })),
    });
    await tx.roundProposal.createMany({
      data: proposals.map((proposal) => ({
        roundId: round.id,
        proposalId: proposal.id,
        touchesGov: touchesGovernance(proposal.changes),
      })),
    });

    const proposalIds = proposals.map((proposal) => proposal.id);
    await appendGovernanceEvent(
      tx,
      {
        type: ROUND_EVENT_TYPES.opened,
        subject: roundSubject(round.id),
        data: {
          roundId: round.id,
          number: round.number,
          opensAt: now.toISOString(),
          closesAt: closesAt.toISOString(),
          rulesVersion: active.version,
          creditsPerNode: gov["gov.voiceCreditsPerNode"],
          quorum: gov["gov.quorum"],
          metaSupermajority: gov["gov.metaSupermajority"],
          eligibleNodes: eligible.length,
          voters: voters.length,
          // Budgets from network clusters; rounds without this field gave every node C credits alone.
          budgetRule: "network-clusters",
          // Commits the eligibility snapshot at open: the ballot export's `eligible` list must hash to it.
          eligibleSha256: sha256Hex(
            canonicalJson(
              voters.map(({ operatorId, eligibleNodes, budget, clusters }) => ({
                operatorId,
                eligibleNodes,
                budget,
                clusters,
              })),
            ),
          ),
          proposalIds,
          discussionCutShort,
          heldBack,
        },
      },
      now,
    );
    for (const proposal of proposals) {
      await tx.proposal.update({
        where: { id: proposal.id },
        data: { state: systemMove(proposal.state, "start-voting"), updatedAt: now },
        select: { id: true },
      });
      await appendGovernanceEvent(
        tx,
        {
          type: ROUND_EVENT_TYPES.proposalVoting,
          subject: proposalSubject(proposal.id),
          data: {
            proposalId: proposal.id,
            roundId: round.id,
            roundNumber: round.number,
            closesAt: closesAt.toISOString(),
          },
        },
        now,
      );
    }
    return {
      roundId: round.id,
      number: round.number,
      opensAt: now,
      closesAt,
      proposalIds,
      voters: voters.length,
      eligibleNodes: eligible.length,
    };
  });
}

/**
 * The worker's cadence: opens a round when none is open, the last one's time is over (or there was
 * none) and at least one proposal is queued; null otherwise.
 */
export async function openDueRound(db: Db, { now }: { now: Date }): Promise<OpenedRound | null> {
  const last = await db.round.findFirst({
    orderBy: { number: "desc" },
    select: { state: true, closesAt: true },
  });
  if (!isNextRoundDue(last, now)) return null;
  if ((await db.proposal.count({ where: { state: "Queued" } })) === 0) return null;
  try {
    return await openRound(db, { now });
  } catch (error) {
    // An admin opened a round (or the queue emptied) between the checks and the transaction.
    if (isDomainError(error) && (error.code === "CONFLICT" || error.code === "UNPROCESSABLE")) return null;
    throw error;
  }
}
