import { clusterPower } from "@/lib/domain/clusters/cluster-power";
import { summariseClusterPower } from "@/lib/domain/metrics/cluster-power-summary";
import { summariseParticipation, summariseVotingPower } from "@/lib/domain/metrics/dashboard-summaries";
import { nodeTurnout, roundNakamoto } from "@/lib/domain/metrics/round-measures";
import { potentialVotingPower } from "@/lib/domain/voting/voting-power";
import type { NetworkDashboard } from "@/lib/schemas/network-stats";
import type { Db } from "../platform/db";
import { loadClusterMemberships } from "../voting/round-cluster-queries";
import type { StatsWindow } from "./stats-range";

const ROUND_VOTERS_SELECT = {
  voters: { select: { budget: true, eligibleNodes: true, countedBallotId: true } },
};

/** Turnout and effective voting power (over operators and over network clusters) of each round opened in the range, oldest first. */
export async function getParticipationAndVotingPower(
  db: Db,
  { from, rangeLabel }: Pick<StatsWindow, "from" | "rangeLabel">,
): Promise<Pick<NetworkDashboard, "participation" | "votingPower">> {
  const [rows, olderRound] = await Promise.all([
    db.round.findMany({
      where: from ? { opensAt: { gte: from } } : {},
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        isOpen: true,
        opensAt: true,
        eligibleNodes: true,
        ...ROUND_VOTERS_SELECT,
      },
    }),
    from ? db.round.findFirst({ where: { opensAt: { lt: from } }, select: { number: true } }) : null,
  ]);
  const memberships = await loadClusterMemberships(
    db,
    rows.map((row) => row.id),
  );
  const emptyRange = { hasOlderRounds: olderRound !== null, rangeLabel };
  const participation = rows.map((row) => {
    const voting = row.voters.filter((voter) => voter.countedBallotId !== null);
    const votingNodes = voting.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
    return {
      number: row.number,
      isOpen: row.isOpen === true,
      opensAt: row.opensAt.toISOString(),
      eligibleOperators: row.voters.length,
      voters: voting.length,
      eligibleNodes: row.eligibleNodes,
      nodeTurnout: nodeTurnout({ votingNodes, eligibleNodes: row.eligibleNodes }),
    };
  });
  const votingPower = rows.map((row) => {
    const { operators, nakamoto, gini } = potentialVotingPower(
      row.voters.map((voter) => Number(voter.budget)),
    );
    return { number: row.number, operators, nakamoto, gini, ...clusterPower(memberships.get(row.id) ?? []) };
  });
  return {
    participation: {
      summary: summariseParticipation({ rounds: participation, ...emptyRange }),
      rounds: participation,
    },
    votingPower: {
      summary: summariseVotingPower({ rounds: votingPower, ...emptyRange }),
      rounds: votingPower,
      byClusterSummary: summariseClusterPower({ rounds: votingPower, ...emptyRange }),
    },
  };
}

/** The Nakamoto coefficient of effective voting power in the newest round, whatever the range. */
export async function getNewestRoundNakamoto(db: Db): Promise<number | null> {
  const newestRound = await db.round.findFirst({ orderBy: { number: "desc" }, select: ROUND_VOTERS_SELECT });
  return roundNakamoto(
    newestRound ? potentialVotingPower(newestRound.voters.map((voter) => Number(voter.budget))) : null,
  );
}
