import type { ParameterKey } from "@/lib/domain/parameters/catalogue";
import type { Db } from "@/lib/server/platform/db";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound } from "@/lib/server/voting/open-round";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";

const DAY_MS = 86_400_000;
const GB = 1_000_000_000;
const MICRO = 1_000_000;

/** The round closes at 02:00 UTC: the epoch of the day before is due at 00:15, so a freeze may wait for it. */
export const RATIFIED_AT = new Date("2026-12-10T02:00:00.000Z");
/** The day before the close's day: the newest epoch the forecast reads. */
export const LAST_DAY_BEFORE = new Date("2026-12-09T00:00:00.000Z");
export const HISTORY_DAYS = 14;

export const day = (offset: number) => new Date(LAST_DAY_BEFORE.getTime() + offset * DAY_MS);

/** One node's line on one constructed ledger day. */
export interface LedgerLine {
  node: TestNode;
  cluster: string;
  isUp: boolean;
  gbServed: number;
  rating: number;
  credits: number;
}

/**
 * A computed epoch written directly: its Epoch row and one ledger line per node, with the figures given
 * (what the model and observedMetrics read), under `configVersion`.
 */
export async function insertLedgerDay(
  db: Db,
  { at, configVersion, lines }: { at: Date; configVersion: number; lines: readonly LedgerLine[] },
): Promise<void> {
  const paid = lines.reduce((sum, line) => sum + Math.round(line.credits * MICRO), 0);
  const bytes = lines.reduce((sum, line) => sum + Math.round(line.gbServed * GB), 0);
  await db.epoch.create({
    data: {
      day: at,
      configVersion,
      computedAt: new Date(at.getTime() + DAY_MS + 20 * 60_000),
      nodes: lines.length,
      paidNodes: lines.filter((line) => line.credits > 0).length,
      freeRiders: 0,
      freeRidersInGrace: 0,
      emissionCapMicro: BigInt(50_000 * MICRO),
      unscaledMicro: BigInt(paid),
      paidMicro: BigInt(paid),
      scale: 1,
      bytesUp: BigInt(bytes),
      corroboratedBytesUp: BigInt(bytes),
      paidBytesUp: BigInt(bytes),
    },
    select: { day: true },
  });
  await db.rewardLedgerEntry.createMany({
    data: lines.map((line) => {
      const served = BigInt(Math.round(line.gbServed * GB));
      return {
        day: at,
        nodeId: line.node.nodeId,
        operatorId: line.node.operatorId,
        uptimeSeconds: line.isUp ? 86_400 : 0,
        windowSeconds: line.isUp ? 86_400 : 0,
        bytesUp: served,
        bytesDown: line.isUp ? BigInt(GB) : 0n,
        latencyMsSeconds: line.isUp ? BigInt(40 * 86_400) : 0n,
        corroboratedBytesUp: served,
        paidBytesUp: served,
        clusterPrefix: line.cluster,
        classification: line.isUp ? "Contributor" : "Silent",
        unscaledMicro: BigInt(Math.round(line.credits * MICRO)),
        rewardMicro: BigInt(Math.round(line.credits * MICRO)),
        speed: line.isUp ? 0.7 : 0,
        reliability: line.isUp ? 1 : 0,
        contribution: line.isUp ? 0.5 : 0,
        score: line.isUp ? 0.75 : 0,
        ratingBefore: line.rating,
        rating: line.rating,
      };
    }),
  });
}

/**
 * Each node's usual day: node i up, serving 1 + i GB from its own cluster, paid 10 + 5i credits, its rating
 * 0.6–0.9 spread evenly over the nodes (6 nodes: 0.6, 0.66, 0.72, 0.78, 0.84, 0.9); the nodes at
 * `downIndices` are down that day (nothing served or paid).
 */
export function usualLines(
  nodes: readonly TestNode[],
  { downIndices = [] }: { downIndices?: number[] } = {},
): LedgerLine[] {
  return nodes.map((node, index) => {
    const isUp = !downIndices.includes(index);
    return {
      node,
      cluster: `10.0.${index}.0/24`,
      isUp,
      gbServed: isUp ? 1 + index : 0,
      rating: 0.6 + (0.3 * index) / Math.max(1, nodes.length - 1),
      credits: isUp ? 10 + 5 * index : 0,
    };
  });
}

export interface RatifiedHistory {
  db: Db;
  nodes: TestNode[];
  /** Passed: lowers the guard bar from 0.8 to 0.7 (the model forecasts it). */
  guardProposalId: string;
  /** Passed: a governance rule only (the model has nothing to forecast). */
  quorumProposalId: string;
  /** Rejected: no forecast is frozen for it. */
  rejectedProposalId: string;
  /** The config version the close issued, activating 24 hours later. */
  configVersion: number;
  activateAt: Date;
}

const PROPOSALS: [title: string, key: ParameterKey, toValue: number, votes: number][] = [
  ["Let more nodes serve as guards", "roles.guardMinRating", 0.7, 5],
  ["Raise the quorum", "gov.quorum", 0.25, 4],
  ["Raise the daily payout limit", "reward.epochEmissionCap", 75_000, -6],
];

/**
 * A fresh network (5 operators, 6 nodes) with HISTORY_DAYS computed epochs up to the day before the close
 * (`withLastDay: false` leaves that last day out) and one round closed at RATIFIED_AT through the services:
 * the guard proposal and a quorum change pass, a payout-limit raise is rejected.
 */
export async function ratifiedHistory(
  db: Db,
  { withLastDay = true }: { withLastDay?: boolean } = {},
): Promise<RatifiedHistory> {
  const opensAt = new Date(RATIFIED_AT.getTime() - 2 * 3_600_000);
  const { operators } = await prepareVotingRound(db, {
    now: opensAt,
    nodesPerOperator: [2, 1, 1, 1, 1],
    proposals: [],
  });
  const nodes = operators.flat();
  for (let offset = -(HISTORY_DAYS - 1); offset <= (withLastDay ? 0 : -1); offset += 1) {
    await insertLedgerDay(db, { at: day(offset), configVersion: 1, lines: usualLines(nodes) });
  }
  const published = new Date(opensAt.getTime() - 3 * DAY_MS);
  const proposalIds: string[] = [];
  for (const [index, [title, key, toValue]] of PROPOSALS.entries()) {
    const writer = { id: operators[index]![0]!.operatorId, role: "operator" as const };
    const input = {
      title,
      summary: `${title}: one parameter, written by a test.`,
      rationale: "The network model's tests need a ratified proposal.",
      changes: [{ key, toValue }],
    };
    const { proposalId } = await createProposalDraft(db, { writer, now: published, input });
    await publishProposal(db, { writer, now: published, proposalId });
    proposalIds.push(proposalId);
  }
  await queueReadyProposals(db, new Date(opensAt.getTime() - 3_600_000));
  const { roundId } = await openRound(db, { now: opensAt });
  for (const [index, voter] of operators.entries()) {
    await castBallot(db, {
      operatorId: voter[0]!.operatorId,
      roundId,
      allocations: PROPOSALS.map(([, , , votes], proposal) => ({
        proposalId: proposalIds[proposal]!,
        votes,
      })),
      source: "web",
      now: new Date(opensAt.getTime() + (index + 1) * 60_000),
    });
  }
  const closed = await closeRound(db, { now: RATIFIED_AT, roundId });
  const outcomes = closed.decisions.map((decision) => decision.outcome);
  if (outcomes.filter((outcome) => outcome === "passed").length !== 2 || !closed.activateAt) {
    throw new Error(
      `The test round was meant to pass two proposals, got ${JSON.stringify(closed.decisions)}`,
    );
  }
  return {
    db,
    nodes,
    guardProposalId: proposalIds[0]!,
    quorumProposalId: proposalIds[1]!,
    rejectedProposalId: proposalIds[2]!,
    configVersion: closed.configVersion!,
    activateAt: closed.activateAt,
  };
}

/** The worker activating the version the close issued, when it was due. */
export async function activateRatifiedVersion(history: RatifiedHistory): Promise<void> {
  await activateDueConfigVersions(history.db, { now: history.activateAt });
}
