import {
  findAccountsCreatedTogether,
  findIdenticalBallots,
  type WarningSignNode,
} from "@/lib/domain/clusters/warning-signs";
import type {
  AccountsCreatedTogetherSign,
  IdenticalBallotsSign,
  WarningSigns,
} from "@/lib/schemas/warning-signs";
import type { DbOrTransaction, Prisma } from "@/lib/server/platform/db";
import { parseAllocations } from "@/lib/server/voting/round-state";

const DAY_MS = 86_400_000;
/** The newest accounts one check reads: enough for any burst of sign-ups, bounded for the database. */
const MAX_ACCOUNTS_CHECKED = 5_000;
/** The newest closed rounds in the window whose ballots are compared. */
const MAX_ROUNDS_CHECKED = 10;
/** Signs listed on the page; the counts say how many there are in all. */
const LISTED_GROUPS = 50;
const LISTED_IDENTICAL_BALLOTS = 50;
/** Accounts listed per sign; the sign's account count says how many it has in all. */
const LISTED_ACCOUNTS = 50;

const SIGN_NODE_SELECT = {
  operatorId: true,
  firstReportedAt: true,
  firstReportedPrefix: true,
  enrolmentToken: { select: { createdAt: true } },
} as const satisfies Prisma.NodeSelect;

type SignNodeRow = Prisma.NodeGetPayload<{ select: typeof SIGN_NODE_SELECT }>;
type SignAccount = { id: string; displayName: string; createdAt: Date };

const ACCOUNT_SELECT = { id: true, displayName: true, createdAt: true } as const;

function toSignNode({ enrolmentToken, ...node }: SignNodeRow): WarningSignNode {
  return { ...node, tokenCreatedAt: enrolmentToken?.createdAt ?? null };
}

/** Accounts created since `since`, the newest first, and the groups among them. */
async function accountsCreatedTogether(db: DbOrTransaction, { since, now }: { since: Date; now: Date }) {
  const rows = await db.operator.findMany({
    where: { createdAt: { gte: since, lte: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_ACCOUNTS_CHECKED + 1,
    select: ACCOUNT_SELECT,
  });
  const accounts = rows.slice(0, MAX_ACCOUNTS_CHECKED);
  const oldest = accounts.at(-1)?.createdAt;
  const nodes = oldest
    ? await db.node.findMany({
        where: { operator: { createdAt: { gte: oldest, lte: now } } },
        select: SIGN_NODE_SELECT,
      })
    : [];
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const groups = findAccountsCreatedTogether(accounts, nodes.map(toSignNode));
  return {
    accountsChecked: accounts.length,
    isAccountCheckCapped: rows.length > MAX_ACCOUNTS_CHECKED,
    groupCount: groups.length,
    groups: groups.slice(0, LISTED_GROUPS).map(({ members, ...group }): AccountsCreatedTogetherSign => ({
      ...group,
      accountCount: members.length,
      accounts: members.slice(0, LISTED_ACCOUNTS).map(({ accountId, nodes, nodesInCluster }) => ({
        ...byId.get(accountId)!,
        nodes,
        nodesInCluster,
      })),
    })),
  };
}

type RoundSign = Omit<IdenticalBallotsSign, "allocations"> & { allocationsText: string };

/**
 * One closed round's identical counted ballots. Only voters whose ballot someone else also cast can be
 * in a sign, so only their nodes are read, and the groups that tie them are the groups among them.
 */
async function identicalBallotsOfRound(
  db: DbOrTransaction,
  round: { id: string; number: number; closedAt: Date },
): Promise<RoundSign[]> {
  const voters = await db.roundVoter.findMany({
    where: { roundId: round.id, countedBallotId: { not: null } },
    select: {
      operator: { select: ACCOUNT_SELECT },
      countedBallot: { select: { allocations: true } },
    },
  });
  const casts = new Map<string, number>();
  for (const { countedBallot } of voters) {
    const text = countedBallot?.allocations ?? "";
    casts.set(text, (casts.get(text) ?? 0) + 1);
  }
  const sharing = voters.filter(
    ({ countedBallot }) => (casts.get(countedBallot?.allocations ?? "") ?? 0) > 1,
  );
  if (sharing.length === 0) return [];
  const accounts = new Map(sharing.map(({ operator }) => [operator.id, operator]));
  const nodes = await db.node.findMany({
    where: { operatorId: { in: [...accounts.keys()] } },
    select: SIGN_NODE_SELECT,
  });
  const groups = findAccountsCreatedTogether([...accounts.values()], nodes.map(toSignNode));
  const ballots = sharing.map(({ operator, countedBallot }) => ({
    accountId: operator.id,
    allocations: countedBallot!.allocations,
  }));
  return findIdenticalBallots(ballots, [...accounts.values()], groups).map((sign) => ({
    roundNumber: round.number,
    closedAt: round.closedAt,
    allocationsText: sign.allocations,
    accountCount: sign.accountIds.length,
    accounts: sign.accountIds.slice(0, LISTED_ACCOUNTS).map((id): SignAccount => accounts.get(id)!),
    links: sign.links,
  }));
}

/** Identical counted ballots from accounts tied to each other, in rounds closed since `since`, newest round first. */
async function identicalBallots(db: DbOrTransaction, { since, now }: { since: Date; now: Date }) {
  const rounds = await db.round.findMany({
    where: { state: "Closed", closedAt: { gte: since, lte: now } },
    orderBy: { number: "desc" },
    take: MAX_ROUNDS_CHECKED,
    select: { id: true, number: true, closedAt: true },
  });
  const signs: RoundSign[] = [];
  for (const { closedAt, ...round } of rounds) {
    if (closedAt) signs.push(...(await identicalBallotsOfRound(db, { ...round, closedAt })));
  }
  const listed = signs.slice(0, LISTED_IDENTICAL_BALLOTS);
  const parsed = listed.map((sign) => parseAllocations(sign.allocationsText));
  const proposalIds = [...new Set(parsed.flatMap((allocations) => allocations.map((a) => a.proposalId)))];
  const proposals = proposalIds.length
    ? await db.proposal.findMany({ where: { id: { in: proposalIds } }, select: { id: true, title: true } })
    : [];
  const titles = new Map(proposals.map((proposal) => [proposal.id, proposal.title]));
  return {
    roundsChecked: rounds.map((round) => round.number),
    identicalBallotCount: signs.length,
    identicalBallots: listed.map(({ allocationsText: _text, ...sign }, index): IdenticalBallotsSign => ({
      ...sign,
      allocations: parsed[index]!.map(({ proposalId, votes }) => ({
        proposalId,
        proposalTitle: titles.get(proposalId) ?? proposalId,
        votes,
      })),
    })),
  };
}

/**
 * The warning signs of product.md "Who counts" over the last `days` days, for stewards: groups of
 * accounts created together whose nodes enrolled with tokens minted together and first reported from
 * one network cluster (shown as its prefix, never an address), and identical ballots from tied accounts
 * in rounds closed in that time. Evidence to look at, never acted on.
 */
export async function getWarningSigns(
  db: DbOrTransaction,
  { days, now }: { days: number; now: Date },
): Promise<WarningSigns> {
  const since = new Date(now.getTime() - days * DAY_MS);
  return {
    days,
    since,
    ...(await accountsCreatedTogether(db, { since, now })),
    ...(await identicalBallots(db, { since, now })),
  };
}
