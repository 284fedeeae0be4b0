import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import { planDemoAddresses, type DemoAddressPlan } from "@/demo/data/demo-addresses";
import { DEMO_LARGE_CLUSTER, DEMO_MID_GROUPS, DEMO_SMALL_GROUPS } from "@/demo/data/demo-names";
import { generateDemoNetwork, type DemoNetwork } from "@/demo/data/demo-network";
import { budgetsByCluster } from "@/lib/domain/clusters/cluster-budgets";
import { networkPrefix } from "@/lib/domain/clusters/network-prefix";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const SEED = 20261125;
const DAY_MS = 86_400_000;
const network = generateDemoNetwork({ seed: SEED, now: NOW });
const plan = planDemoAddresses({ seed: SEED, network, now: NOW });
const GROUPS = new Set([...DEMO_MID_GROUPS, ...DEMO_SMALL_GROUPS].map((group) => group.displayName));

/** Documentation ranges, the benchmarking /15 and the IPv6 documentation /32: never a real network. */
const ALLOWED = [
  /^203\.0\.113\.0\/24$/,
  /^192\.0\.2\.0\/24$/,
  /^198\.51\.100\.0\/24$/,
  /^198\.1[89]\.\d{1,3}\.0\/24$/,
  /^2001:db8:[0-9a-f]{1,4}::\/48$/,
];

/** Each cluster at `at` with the operators (display names) whose nodes are in it. */
function clustersAt(demo: DemoNetwork, addresses: DemoAddressPlan, at: Date): Map<string, Set<string>> {
  const names = new Map(demo.operators.map((operator) => [operator.id, operator.displayName]));
  const clusters = new Map<string, Set<string>>();
  for (const node of demo.nodes) {
    const { prefix } = addresses.sourceAt(node.id, at);
    clusters.set(prefix, (clusters.get(prefix) ?? new Set()).add(names.get(node.operatorId)!));
  }
  return clusters;
}

function expectLayout(demo: DemoNetwork, addresses: DemoAddressPlan, at: Date) {
  const clusters = clustersAt(demo, addresses, at);
  for (const node of demo.nodes) {
    const { address, prefix } = addresses.sourceAt(node.id, at);
    expect(networkPrefix(address, { v4Bits: 24, v6Bits: 48 })).toBe(prefix);
    expect(
      ALLOWED.some((range) => range.test(prefix)),
      prefix,
    ).toBe(true);
  }
  const largeCorp = [...clusters].filter(([, operators]) => operators.has(DEMO_LARGE_CLUSTER.displayName));
  expect(largeCorp).toEqual([["203.0.113.0/24", new Set([DEMO_LARGE_CLUSTER.displayName])]]);
  const shared = [...clusters.values()].filter((operators) => operators.size >= 2);
  expect(shared.length).toBeGreaterThanOrEqual(1);
  for (const operators of shared) expect(operators.size).toBeLessThanOrEqual(3);

  const people = demo.operators.filter(
    (operator) =>
      !GROUPS.has(operator.displayName) && operator.displayName !== DEMO_LARGE_CLUSTER.displayName,
  );
  const aloneIn = (name: string) =>
    [...clusters.values()]
      .filter((operators) => operators.has(name))
      .every((operators) => operators.size === 1);
  expect(people.filter((person) => aloneIn(person.displayName)).length / people.length).toBeGreaterThan(0.9);
  for (const email of DEMO_ACCOUNT_EMAILS) {
    const account = demo.operators.find((operator) => operator.email === email);
    if (account) expect(aloneIn(account.displayName)).toBe(true);
  }
}

describe("planDemoAddresses", () => {
  it("is deterministic for a seed, and another seed places the nodes elsewhere", () => {
    const again = planDemoAddresses({ seed: SEED, network, now: NOW });
    const other = planDemoAddresses({ seed: SEED + 1, network, now: NOW });
    const addressesOf = (addresses: DemoAddressPlan) =>
      network.nodes.map((node) => addresses.sourceAt(node.id, NOW).address);
    expect(addressesOf(again)).toEqual(addressesOf(plan));
    expect(addressesOf(other)).not.toEqual(addressesOf(plan));
  });

  it("puts LargeCorp in one data-centre /24, a campus shared by 2–3 operators, most people alone at home", () => {
    expectLayout(network, plan, NOW);
    const clusters = clustersAt(network, plan, NOW);
    expect(clusters.size).toBeGreaterThan(90);
    const v6 = [...clusters.keys()].filter((prefix) => prefix.includes(":"));
    expect(v6.length).toBeGreaterThanOrEqual(3);
    expect(v6.length).toBeLessThan(clusters.size / 5);
  });

  it("keeps that layout for any seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const demo = generateDemoNetwork({ seed, now: NOW });
        expectLayout(demo, planDemoAddresses({ seed, network: demo, now: NOW }), NOW);
      }),
      { numRuns: 30 },
    );
  });

  it("gives a person's home machines one address behind NAT, a group's nodes one each", () => {
    for (const operator of network.operators) {
      const nodes = network.nodes.filter((node) => node.operatorId === operator.id);
      const sources = nodes.map((node) => plan.sourceAt(node.id, NOW));
      if (GROUPS.has(operator.displayName) || operator.displayName === DEMO_LARGE_CLUSTER.displayName) {
        expect(new Set(sources.map((source) => source.address)).size).toBe(nodes.length);
      } else {
        const v4Home = sources.filter((source) => /^198\.1[89]\./.test(source.address));
        expect(new Set(v4Home.map((source) => source.address)).size).toBeLessThanOrEqual(1);
      }
    }
  });

  it("moves a few homes to a new network during the history; budgets follow the clusters", () => {
    const monthAgo = new Date(NOW.getTime() - 30 * DAY_MS);
    const moved = network.nodes.filter(
      (node) => plan.sourceAt(node.id, monthAgo).prefix !== plan.sourceAt(node.id, NOW).prefix,
    );
    expect(moved.length).toBeGreaterThan(0);
    expect(new Set(moved.map((node) => node.operatorId)).size).toBeLessThan(network.operators.length / 10);

    const budgets = budgetsByCluster(
      network.nodes.map((node) => ({
        nodeId: node.id,
        operatorId: node.operatorId,
        clusterId: plan.sourceAt(node.id, NOW).prefix,
      })),
      100,
    );
    const largeCorp = network.operators.find(
      (operator) => operator.displayName === DEMO_LARGE_CLUSTER.displayName,
    )!;
    // Alone in its one cluster: exactly C × n, as before clusters.
    expect(budgets.find((voter) => voter.operatorId === largeCorp.id)!.budget).toBe(6_000);
    const sharing = budgets.filter((voter) => voter.clusters.some((c) => c.clusterNodes > c.nodes));
    const spread = budgets.filter((voter) => voter.budget > 100 * voter.eligibleNodes);
    expect(sharing.length).toBeGreaterThanOrEqual(2);
    expect(spread.length).toBeGreaterThanOrEqual(1);
    expect(budgets.filter((voter) => voter.budget === 100 * voter.eligibleNodes).length).toBeGreaterThan(
      0.8 * budgets.length,
    );
  });
});
