import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { permutationOf } from "@/lib/domain/voting/testing/voting-arbitraries";
import { UNKNOWN_CLUSTER_PREFIX } from "./network-prefix";
import {
  ACCOUNTS_CREATED_TOGETHER_MS,
  findAccountsCreatedTogether,
  findIdenticalBallots,
  TOKENS_CREATED_TOGETHER_MS,
  type WarningSignAccount,
  type WarningSignNode,
} from "./warning-signs";

const T0 = Date.parse("2026-11-01T09:00:00Z");
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);

const account = (id: string, createdMinute: number): WarningSignAccount => ({
  id,
  createdAt: at(createdMinute),
});

function node(
  operatorId: string,
  tokenMinute: number | null,
  prefix: string | null = "203.0.113.0/24",
  reportedMinute = 120,
): WarningSignNode {
  return {
    operatorId,
    tokenCreatedAt: tokenMinute === null ? null : at(tokenMinute),
    firstReportedAt: prefix === null ? null : at(reportedMinute),
    firstReportedPrefix: prefix,
  };
}

const groupIds = (accounts: WarningSignAccount[], nodes: WarningSignNode[]) =>
  findAccountsCreatedTogether(accounts, nodes).map((group) => ({
    prefix: group.clusterPrefix,
    ids: group.members.map((member) => member.accountId),
  }));

describe("findAccountsCreatedTogether", () => {
  const FIVE = ["s1", "s2", "s3", "s4", "s5"];

  it("flags five accounts created in one hour, tokens minted minutes apart, one first cluster", () => {
    const accounts = FIVE.map((id, index) => account(id, index * 12));
    const nodes = FIVE.map((id, index) => node(id, 60 + index * 2, "198.51.100.0/24", 90 + index));
    const [group, ...rest] = findAccountsCreatedTogether(accounts, nodes);
    expect(rest).toEqual([]);
    expect(group).toEqual({
      clusterPrefix: "198.51.100.0/24",
      members: FIVE.map((accountId, index) => ({
        accountId,
        createdAt: at(index * 12),
        nodes: 1,
        nodesInCluster: 1,
      })),
      accountsCreated: { from: at(0), to: at(48) },
      tokensCreated: { from: at(60), to: at(68) },
      firstReported: { from: at(90), to: at(94) },
    });
  });

  it.each([
    {
      name: "the same hour, different first clusters (neighbours who signed up at one meetup)",
      accounts: [account("a", 0), account("b", 5)],
      nodes: [node("a", 10, "192.0.2.0/24"), node("b", 11, "198.51.100.0/24")],
      expected: [],
    },
    {
      name: "one cluster, tokens minted together, but accounts created more than an hour apart",
      accounts: [account("a", 0), account("b", 61)],
      nodes: [node("a", 100), node("b", 101)],
      expected: [],
    },
    {
      name: "accounts exactly an hour apart still count as created together",
      accounts: [account("a", 0), account("b", 60)],
      nodes: [node("a", 100), node("b", 101)],
      expected: [{ prefix: "203.0.113.0/24", ids: ["a", "b"] }],
    },
    {
      name: "one cluster, accounts created together, but tokens minted 11 minutes apart",
      accounts: [account("a", 0), account("b", 1)],
      nodes: [node("a", 100), node("b", 111)],
      expected: [],
    },
    {
      name: "tokens exactly 10 minutes apart still count as minted together",
      accounts: [account("a", 0), account("b", 1)],
      nodes: [node("a", 100), node("b", 110)],
      expected: [{ prefix: "203.0.113.0/24", ids: ["a", "b"] }],
    },
    {
      name: "one account with many nodes in one cluster is not a group",
      accounts: [account("a", 0)],
      nodes: [node("a", 10), node("a", 11), node("a", 12)],
      expected: [],
    },
    {
      name: "nodes that never reported tie nobody",
      accounts: [account("a", 0), account("b", 1)],
      nodes: [node("a", 10, null), node("b", 11, null)],
      expected: [],
    },
    {
      name: "an unreadable source address is no cluster",
      accounts: [account("a", 0), account("b", 1)],
      nodes: [node("a", 10, UNKNOWN_CLUSTER_PREFIX), node("b", 11, UNKNOWN_CLUSTER_PREFIX)],
      expected: [],
    },
    {
      name: "a node without a known token ties nobody",
      accounts: [account("a", 0), account("b", 1)],
      nodes: [node("a", null), node("b", 11)],
      expected: [],
    },
    {
      name: "nodes of accounts not given are ignored",
      accounts: [account("a", 0)],
      nodes: [node("a", 10), node("stranger", 11)],
      expected: [],
    },
    {
      name: "the tie must be two nodes in the same cluster, not any two nodes of the accounts",
      accounts: [account("a", 0), account("b", 1)],
      nodes: [
        node("a", 10, "192.0.2.0/24"),
        node("a", 50, "198.51.100.0/24"),
        node("b", 11, "198.51.100.0/24"),
      ],
      expected: [],
    },
    {
      name: "a slow trickle of accounts, each within the hour of the last, stays one group",
      accounts: [account("a", 0), account("b", 50), account("c", 100)],
      nodes: [node("a", 200), node("b", 205), node("c", 209)],
      expected: [{ prefix: "203.0.113.0/24", ids: ["a", "b", "c"] }],
    },
    {
      name: "two clusters, two groups, the group of older accounts first",
      accounts: [account("y1", 500), account("y2", 501), account("x1", 0), account("x2", 1)],
      nodes: [
        node("y1", 600, "192.0.2.0/24"),
        node("y2", 601, "192.0.2.0/24"),
        node("x1", 10, "198.51.100.0/24"),
        node("x2", 11, "198.51.100.0/24"),
      ],
      expected: [
        { prefix: "198.51.100.0/24", ids: ["x1", "x2"] },
        { prefix: "192.0.2.0/24", ids: ["y1", "y2"] },
      ],
    },
  ])("$name", ({ accounts, nodes, expected }) => {
    expect(groupIds(accounts, nodes)).toEqual(expected);
  });

  it("counts each member's nodes, and the ones that first reported from the shared cluster", () => {
    const accounts = [account("a", 0), account("b", 1)];
    const nodes = [node("a", 10), node("a", 300, "192.0.2.0/24"), node("a", 400, null), node("b", 12)];
    const [group] = findAccountsCreatedTogether(accounts, nodes);
    expect(
      group?.members.map(({ accountId, nodes, nodesInCluster }) => [accountId, nodes, nodesInCluster]),
    ).toEqual([
      ["a", 3, 1],
      ["b", 1, 1],
    ]);
    // The token span covers only the nodes that tie the group, not a's later token elsewhere.
    expect(group?.tokensCreated).toEqual({ from: at(10), to: at(12) });
  });
});

/** Up to 8 accounts and 16 nodes in 3 clusters, times in minutes over a few hours so ties are common. */
const scenario = fc
  .record({
    created: fc.array(fc.integer({ min: 0, max: 240 }), { minLength: 1, maxLength: 8 }),
    nodes: fc.array(
      fc.record({
        owner: fc.nat(),
        token: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 8 }),
        prefix: fc.option(fc.constantFrom("p1", "p2", "p3", UNKNOWN_CLUSTER_PREFIX), { freq: 6 }),
      }),
      { maxLength: 16 },
    ),
  })
  .map(({ created, nodes }) => ({
    accounts: created.map((minute, index) => account(`acc${index}`, minute)),
    nodes: nodes.map(({ owner, token, prefix }) => node(`acc${owner % created.length}`, token, prefix)),
  }));

/** Whether two accounts have a pair of nodes that tie them in `prefix`. */
function isTied(
  a: WarningSignAccount,
  b: WarningSignAccount,
  nodes: readonly WarningSignNode[],
  prefix: string,
): boolean {
  if (Math.abs(a.createdAt.getTime() - b.createdAt.getTime()) > ACCOUNTS_CREATED_TOGETHER_MS) return false;
  const linkable = (id: string) =>
    nodes.filter((n) => n.operatorId === id && n.firstReportedPrefix === prefix && n.tokenCreatedAt !== null);
  return linkable(a.id).some((x) =>
    linkable(b.id).some(
      (y) =>
        Math.abs(x.tokenCreatedAt!.getTime() - y.tokenCreatedAt!.getTime()) <= TOKENS_CREATED_TOGETHER_MS,
    ),
  );
}

describe("findAccountsCreatedTogether (properties)", () => {
  it("does not depend on the order of accounts or nodes", () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.tuple(fc.constant(s), permutationOf(s.accounts), permutationOf(s.nodes))),
        ([{ accounts, nodes }, shuffledAccounts, shuffledNodes]) => {
          expect(findAccountsCreatedTogether(shuffledAccounts, shuffledNodes)).toEqual(
            findAccountsCreatedTogether(accounts, nodes),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("groups exactly the accounts that ties connect, at least two per group, one group per cluster", () => {
    fc.assert(
      fc.property(scenario, ({ accounts, nodes }) => {
        const groups = findAccountsCreatedTogether(accounts, nodes);
        for (const group of groups) {
          expect(group.members.length).toBeGreaterThanOrEqual(2);
          expect(group.clusterPrefix).not.toBe(UNKNOWN_CLUSTER_PREFIX);
          const members = accounts.filter((a) => group.members.some((m) => m.accountId === a.id));
          // Every member is tied to another member…
          for (const member of members) {
            expect(
              members.some((other) => other !== member && isTied(member, other, nodes, group.clusterPrefix)),
            ).toBe(true);
          }
        }
        // …and every tied pair sits in one group of that cluster.
        for (const a of accounts) {
          for (const b of accounts) {
            for (const prefix of ["p1", "p2", "p3"]) {
              if (a === b || !isTied(a, b, nodes, prefix)) continue;
              const ids = (g: (typeof groups)[number]) => g.members.map((m) => m.accountId);
              expect(
                groups.some(
                  (g) => g.clusterPrefix === prefix && ids(g).includes(a.id) && ids(g).includes(b.id),
                ),
              ).toBe(true);
            }
          }
        }
        // Within a cluster no account is in two groups.
        for (const prefix of ["p1", "p2", "p3"]) {
          const ids = groups
            .filter((g) => g.clusterPrefix === prefix)
            .flatMap((g) => g.members.map((m) => m.accountId));
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("findIdenticalBallots", () => {
  const SAME = '[{"proposalId":"p1","votes":3},{"proposalId":"p2","votes":-1}]';
  const OTHER = '[{"proposalId":"p1","votes":2}]';
  const ballot = (accountId: string, allocations = SAME) => ({ accountId, allocations });
  const group = (...ids: string[]) => ({ members: ids.map((accountId) => ({ accountId })) });

  it.each([
    {
      name: "five accounts of one group, created within the hour, all cast the same ballot",
      accounts: ["s1", "s2", "s3", "s4", "s5"].map((id, i) => account(id, i * 10)),
      ballots: ["s1", "s2", "s3", "s4", "s5"].map((id) => ballot(id)),
      groups: [group("s1", "s2", "s3", "s4", "s5")],
      expected: [
        {
          allocations: SAME,
          accountIds: ["s1", "s2", "s3", "s4", "s5"],
          links: ["same-group", "created-together"],
        },
      ],
    },
    {
      name: "a group's accounts created days apart (a slow group) are tied by the group alone",
      accounts: [account("a", 0), account("b", 3 * 24 * 60)],
      ballots: [ballot("a"), ballot("b")],
      groups: [group("a", "b")],
      expected: [{ allocations: SAME, accountIds: ["a", "b"], links: ["same-group"] }],
    },
    {
      name: "accounts created within the hour, in no group, are tied by their creation",
      accounts: [account("b", 30), account("a", 0)],
      ballots: [ballot("b"), ballot("a")],
      groups: [],
      expected: [{ allocations: SAME, accountIds: ["a", "b"], links: ["created-together"] }],
    },
    {
      name: "the same ballot from strangers created a day apart is no sign (a popular choice)",
      accounts: [account("a", 0), account("b", 24 * 60)],
      ballots: [ballot("a"), ballot("b")],
      groups: [],
      expected: [],
    },
    {
      name: "different ballots from one group are no sign",
      accounts: [account("a", 0), account("b", 1)],
      ballots: [ballot("a"), ballot("b", OTHER)],
      groups: [group("a", "b")],
      expected: [],
    },
    {
      name: "empty ballots say nothing",
      accounts: [account("a", 0), account("b", 1)],
      ballots: [ballot("a", "[]"), ballot("b", "[]")],
      groups: [group("a", "b")],
      expected: [],
    },
    {
      name: "two identical ballots each, the larger set first",
      accounts: [account("a", 0), account("b", 1), account("c", 2), account("d", 3), account("e", 4)],
      ballots: [ballot("a", OTHER), ballot("b", OTHER), ballot("c"), ballot("d"), ballot("e")],
      groups: [],
      expected: [
        { allocations: SAME, accountIds: ["c", "d", "e"], links: ["created-together"] },
        { allocations: OTHER, accountIds: ["a", "b"], links: ["created-together"] },
      ],
    },
  ])("$name", ({ accounts, ballots, groups, expected }) => {
    expect(findIdenticalBallots(ballots, accounts, groups)).toEqual(expected);
  });

  it("does not depend on the order of ballots, accounts or groups' members (property)", () => {
    const input = fc
      .record({
        created: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 10 }),
        choices: fc.array(fc.constantFrom(SAME, OTHER, "[]"), { minLength: 1, maxLength: 10 }),
        grouped: fc.array(fc.nat(), { maxLength: 4 }),
      })
      .map(({ created, choices, grouped }) => ({
        accounts: created.map((minute, i) => account(`acc${i}`, minute)),
        ballots: choices.slice(0, created.length).map((allocations, i) => ballot(`acc${i}`, allocations)),
        members: [...new Set(grouped.map((n) => `acc${n % created.length}`))],
      }))
      .chain((s) =>
        fc.tuple(
          fc.constant(s),
          permutationOf(s.accounts),
          permutationOf(s.ballots),
          permutationOf(s.members),
        ),
      );
    fc.assert(
      fc.property(input, ([{ accounts, ballots, members }, accounts2, ballots2, members2]) => {
        const found = findIdenticalBallots(ballots, accounts, [group(...members)]);
        expect(findIdenticalBallots(ballots2, accounts2, [group(...members2)])).toEqual(found);
        for (const sign of found) {
          expect(sign.accountIds.length).toBeGreaterThanOrEqual(2);
          expect(sign.allocations).not.toBe("[]");
          for (const id of sign.accountIds) {
            expect(ballots.find((b) => b.accountId === id)?.allocations).toBe(sign.allocations);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
