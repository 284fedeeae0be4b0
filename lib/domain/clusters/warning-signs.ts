import { UNKNOWN_CLUSTER_PREFIX } from "./network-prefix";

/**
 * Warning signs for stewards (product.md "Who counts"): patterns that splitting one operator into many
 * accounts tends to leave behind. They are evidence to look at and discuss in public, never proof, and
 * nothing acts on them automatically.
 */

/** Two accounts count as created together when they were created at most an hour apart. */
export const ACCOUNTS_CREATED_TOGETHER_MS = 60 * 60_000;

/** Two enrolment tokens count as minted together when they were created at most 10 minutes apart. */
export const TOKENS_CREATED_TOGETHER_MS = 10 * 60_000;

/** An operator account. */
export interface WarningSignAccount {
  id: string;
  createdAt: Date;
}

/** A node of one of those accounts: its enrolment token's creation and its first accepted report. */
export interface WarningSignNode {
  operatorId: string;
  /** Null for a node enrolled without a token we still know of (a deleted token). */
  tokenCreatedAt: Date | null;
  firstReportedAt: Date | null;
  /** The network cluster its first report came from; null until it reports. */
  firstReportedPrefix: string | null;
}

export interface TimeSpan {
  from: Date;
  to: Date;
}

/** One account of a group: how many nodes it has, and how many of them first reported from the cluster. */
export interface GroupMember {
  accountId: string;
  createdAt: Date;
  nodes: number;
  nodesInCluster: number;
}

/**
 * Accounts created together whose nodes enrolled with tokens minted together and first reported from
 * one network cluster.
 */
export interface AccountsCreatedTogether {
  clusterPrefix: string;
  /** Oldest account first (ties by id); at least two. */
  members: GroupMember[];
  accountsCreated: TimeSpan;
  /** Over the nodes that tie the group together. */
  tokensCreated: TimeSpan;
  /** Over the nodes that tie the group together. */
  firstReported: TimeSpan;
}

/** How two accounts with the same counted ballot are tied: one group above, or created within the hour. */
export const IDENTICAL_BALLOT_LINKS = ["same-group", "created-together"] as const;
export type IdenticalBallotLink = (typeof IDENTICAL_BALLOT_LINKS)[number];

/** A counted ballot of a closed round: its allocations as the canonical JSON the ballot stores. */
export interface CountedBallot {
  accountId: string;
  allocations: string;
}

/** Accounts, tied to each other, whose counted ballots in one round are identical. */
export interface IdenticalBallots {
  allocations: string;
  /** Oldest account first (ties by id); at least two. */
  accountIds: string[];
  /** Which kinds of tie join them, in IDENTICAL_BALLOT_LINKS order. */
  links: IdenticalBallotLink[];
}

/** Union-find over string keys: the groups are the connected components, whatever order links arrive in. */
class Components {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(key, root);
    return root;
  }

  union(a: string, b: string): void {
    const [rootA, rootB] = [this.find(a), this.find(b)];
    // The smaller key becomes the root, so the structure too is independent of the order of links.
    if (rootA !== rootB) this.parent.set(rootA < rootB ? rootB : rootA, rootA < rootB ? rootA : rootB);
  }

  /** Each component with at least two keys, as its sorted keys. */
  groups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const keys = byRoot.get(root) ?? [];
      keys.push(key);
      byRoot.set(root, keys);
    }
    return [...byRoot.values()].filter((keys) => keys.length > 1).map((keys) => keys.sort());
  }
}

const isWithin = (a: Date, b: Date, ms: number) => Math.abs(a.getTime() - b.getTime()) <= ms;

function spanOf(times: readonly Date[]): TimeSpan {
  const ms = times.map((time) => time.getTime());
  return { from: new Date(Math.min(...ms)), to: new Date(Math.max(...ms)) };
}

function byCreation(accounts: ReadonlyMap<string, WarningSignAccount>) {
  return (a: string, b: string) =>
    accounts.get(a)!.createdAt.getTime() - accounts.get(b)!.createdAt.getTime() || (a < b ? -1 : 1);
}

interface LinkableNode {
  index: number;
  operatorId: string;
  tokenCreatedAt: Date;
  firstReportedAt: Date;
  prefix: string;
}

/** One cluster's links: node pairs of two accounts created together, with tokens minted together. */
function groupsInCluster(
  prefix: string,
  nodes: LinkableNode[],
  accounts: ReadonlyMap<string, WarningSignAccount>,
  nodeCounts: ReadonlyMap<string, { nodes: number; inCluster: Map<string, number> }>,
): AccountsCreatedTogether[] {
  const sorted = [...nodes].sort(
    (a, b) => a.tokenCreatedAt.getTime() - b.tokenCreatedAt.getTime() || a.index - b.index,
  );
  const components = new Components();
  const linked = new Set<LinkableNode>();
  for (const [i, node] of sorted.entries()) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      const other = sorted[j]!;
      if (other.tokenCreatedAt.getTime() - node.tokenCreatedAt.getTime() > TOKENS_CREATED_TOGETHER_MS) break;
      if (other.operatorId === node.operatorId) continue;
      const [a, b] = [accounts.get(node.operatorId)!, accounts.get(other.operatorId)!];
      if (!isWithin(a.createdAt, b.createdAt, ACCOUNTS_CREATED_TOGETHER_MS)) continue;
      components.union(a.id, b.id);
      linked.add(node).add(other);
    }
  }
  return components.groups().map((accountIds) => {
    const members = new Set(accountIds);
    const ties = [...linked].filter((node) => members.has(node.operatorId));
    return {
      clusterPrefix: prefix,
      members: accountIds.sort(byCreation(accounts)).map((accountId) => ({
        accountId,
        createdAt: accounts.get(accountId)!.createdAt,
        nodes: nodeCounts.get(accountId)?.nodes ?? 0,
        nodesInCluster: nodeCounts.get(accountId)?.inCluster.get(prefix) ?? 0,
      })),
      accountsCreated: spanOf(accountIds.map((id) => accounts.get(id)!.createdAt)),
      tokensCreated: spanOf(ties.map((node) => node.tokenCreatedAt)),
      firstReported: spanOf(ties.map((node) => node.firstReportedAt)),
    };
  });
}

/**
 * Groups of at least two accounts tied by pairs of nodes that first reported from the same network
 * cluster, whose enrolment tokens were created within TOKENS_CREATED_TOGETHER_MS of each other and
 * whose accounts were created within ACCOUNTS_CREATED_TOGETHER_MS of each other. A group is everyone
 * such ties connect, one group per cluster, so the result does not depend on the order of the input.
 * Nodes that never reported, or whose source address could not be read, tie nobody.
 */
export function findAccountsCreatedTogether(
  accountList: readonly WarningSignAccount[],
  nodeList: readonly WarningSignNode[],
): AccountsCreatedTogether[] {
  const accounts = new Map(accountList.map((account) => [account.id, account]));
  const nodeCounts = new Map<string, { nodes: number; inCluster: Map<string, number> }>();
  const byPrefix = new Map<string, LinkableNode[]>();
  for (const [index, node] of nodeList.entries()) {
    if (!accounts.has(node.operatorId)) continue;
    const counts = nodeCounts.get(node.operatorId) ?? { nodes: 0, inCluster: new Map<string, number>() };
    counts.nodes += 1;
    nodeCounts.set(node.operatorId, counts);
    const { tokenCreatedAt, firstReportedAt, firstReportedPrefix: prefix } = node;
    if (prefix === null || prefix === UNKNOWN_CLUSTER_PREFIX) continue;
    counts.inCluster.set(prefix, (counts.inCluster.get(prefix) ?? 0) + 1);
    if (tokenCreatedAt === null || firstReportedAt === null) continue;
    const linkable = { index, operatorId: node.operatorId, tokenCreatedAt, firstReportedAt, prefix };
    const inPrefix = byPrefix.get(prefix) ?? [];
    inPrefix.push(linkable);
    byPrefix.set(prefix, inPrefix);
  }
  return [...byPrefix.entries()]
    .flatMap(([prefix, nodes]) => groupsInCluster(prefix, nodes, accounts, nodeCounts))
    .sort(
      (a, b) =>
        a.accountsCreated.from.getTime() - b.accountsCreated.from.getTime() ||
        (a.clusterPrefix < b.clusterPrefix ? -1 : a.clusterPrefix > b.clusterPrefix ? 1 : 0),
    );
}

/** A ballot that spends nothing: identical empty ballots say nothing about who cast them. */
const EMPTY_ALLOCATIONS = "[]";

/**
 * Identical counted ballots (the same canonical allocations) of a closed round from accounts tied to
 * each other: members of one of `groups`, or created within ACCOUNTS_CREATED_TOGETHER_MS of each other.
 * Accounts are joined as connected components of those ties; empty ballots are left out. Largest first.
 */
export function findIdenticalBallots(
  ballots: readonly CountedBallot[],
  accountList: readonly WarningSignAccount[],
  groups: readonly { members: readonly { accountId: string }[] }[],
): IdenticalBallots[] {
  const accounts = new Map(accountList.map((account) => [account.id, account]));
  const byAllocations = new Map<string, Set<string>>();
  for (const { accountId, allocations } of ballots) {
    if (allocations === EMPTY_ALLOCATIONS || !accounts.has(accountId)) continue;
    byAllocations.set(allocations, (byAllocations.get(allocations) ?? new Set<string>()).add(accountId));
  }
  const found: IdenticalBallots[] = [];
  for (const [allocations, voters] of byAllocations) {
    const components = new Components();
    const linkKinds = new Map<string, Set<IdenticalBallotLink>>();
    const tie = (a: string, b: string, kind: IdenticalBallotLink) => {
      components.union(a, b);
      for (const id of [a, b])
        linkKinds.set(id, (linkKinds.get(id) ?? new Set<IdenticalBallotLink>()).add(kind));
    };
    // Members of one group who cast this ballot: chaining them joins them all.
    groups.forEach((group) => {
      const inGroup = group.members.map(({ accountId }) => accountId).filter((id) => voters.has(id));
      for (const [i, id] of inGroup.entries()) if (i > 0) tie(inGroup[i - 1]!, id, "same-group");
    });
    // On a time line, accounts within the hour of each other are connected through their neighbours.
    const inOrder = [...voters].sort(byCreation(accounts));
    for (const [i, id] of inOrder.entries()) {
      const previous = inOrder[i - 1];
      if (previous === undefined) continue;
      const [a, b] = [accounts.get(previous)!.createdAt, accounts.get(id)!.createdAt];
      if (isWithin(a, b, ACCOUNTS_CREATED_TOGETHER_MS)) tie(previous, id, "created-together");
    }
    for (const accountIds of components.groups()) {
      const kinds = new Set(accountIds.flatMap((id) => [...(linkKinds.get(id) ?? [])]));
      found.push({
        allocations,
        accountIds: accountIds.sort(byCreation(accounts)),
        links: IDENTICAL_BALLOT_LINKS.filter((kind) => kinds.has(kind)),
      });
    }
  }
  return found.sort(
    (a, b) =>
      b.accountIds.length - a.accountIds.length ||
      (a.allocations < b.allocations ? -1 : a.allocations > b.allocations ? 1 : 0) ||
      (a.accountIds[0]! < b.accountIds[0]! ? -1 : 1),
  );
}
