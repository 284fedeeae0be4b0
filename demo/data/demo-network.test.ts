import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_MID_GROUPS, DEMO_PEOPLE, DEMO_REGIONS, DEMO_SMALL_GROUPS } from "@/demo/data/demo-names";
import {
  DEMO_LARGE_CLUSTER_NODE_COUNT,
  DEMO_NODE_COUNT,
  generateDemoNetwork,
  type DemoNetwork,
} from "@/demo/data/demo-network";
import { checkDisplayName } from "@/lib/domain/identity/display-name";
import { emailAddressProblem } from "@/lib/domain/identity/email-address";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DEMO_PEOPLE_NAMES = Object.values(DEMO_PEOPLE).flat();
const DAY_MS = 86_400_000;
const network = generateDemoNetwork({ seed: 20261125, now: NOW });

function nodesPerOperator(demo: DemoNetwork): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of demo.nodes) counts.set(node.operatorId, (counts.get(node.operatorId) ?? 0) + 1);
  return counts;
}

function expectShape(demo: DemoNetwork) {
  const counts = nodesPerOperator(demo);
  const sizes = demo.operators.map((operator) => counts.get(operator.id) ?? 0);
  expect(demo.nodes).toHaveLength(DEMO_NODE_COUNT);
  expect(sizes.every((size) => size >= 1)).toBe(true);
  expect(sizes.filter((size) => size === DEMO_LARGE_CLUSTER_NODE_COUNT)).toHaveLength(1);
  const mid = sizes.filter((size) => size >= 5 && size <= 10).length;
  expect(mid).toBeGreaterThanOrEqual(4);
  expect(mid).toBeLessThanOrEqual(6);
  const small = sizes.filter((size) => size <= 3).length;
  expect(small).toBe(sizes.length - 1 - mid);
  expect(small / sizes.length).toBeGreaterThan(0.8);
  expect(new Set(demo.nodes.map((node) => node.publicKey)).size).toBe(DEMO_NODE_COUNT);
  expect(new Set(demo.nodes.map((node) => node.name)).size).toBe(DEMO_NODE_COUNT);
  expect(new Set(demo.nodes.map((node) => node.id)).size).toBe(DEMO_NODE_COUNT);
  expect(new Set(demo.operators.map((operator) => operator.id)).size).toBe(demo.operators.length);
}

describe("generateDemoNetwork", () => {
  it("is deterministic: the same seed and time give the same network", () => {
    expect(generateDemoNetwork({ seed: 20261125, now: NOW })).toEqual(network);
  });

  it("differs for another seed", () => {
    const other = generateDemoNetwork({ seed: 7, now: NOW });
    expect(other.nodes.map((node) => node.publicKey)).not.toEqual(
      network.nodes.map((node) => node.publicKey),
    );
  });

  it("names the network Demo Swarm", () => {
    expect(network.networkName).toBe("Demo Swarm");
  });

  it("has 300 nodes: one 60-node cluster, a few groups with 5–10, everyone else 1–3", () => {
    expectShape(network);
    // Exactly 300 nodes with these tiers takes far more than 40 operators (see the report).
    expect(network.operators.length).toBeGreaterThanOrEqual(80);
    expect(network.operators.length).toBeLessThanOrEqual(120);
  });

  it("keeps that shape for any seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => expectShape(generateDemoNetwork({ seed, now: NOW }))),
      { numRuns: 40 },
    );
  });

  it("calls the cluster LargeCorp and puts it in two regions", () => {
    const counts = nodesPerOperator(network);
    const cluster = network.operators.find((operator) => counts.get(operator.id) === 60);
    expect(cluster?.displayName).toBe("LargeCorp Hosting");
    const regions = new Set(
      network.nodes.filter((node) => node.operatorId === cluster?.id).map((node) => node.region),
    );
    expect([...regions].sort()).toEqual(["eu-central", "us-east"]);
    expect(network.nodes.filter((node) => node.name.startsWith("largecorp-fra-"))).not.toHaveLength(0);
  });

  it("gives every node a lower-case slug name, a known region and a 32-byte b64url key", () => {
    const regions = new Set<string>(DEMO_REGIONS);
    for (const node of network.nodes) {
      expect(node.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(node.nameSearch).toBe(node.name.toLowerCase());
      expect(regions.has(node.region)).toBe(true);
      expect(node.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(node.publicKey, "base64url")).toHaveLength(32);
    }
    expect(new Set(network.nodes.map((node) => node.region)).size).toBeGreaterThanOrEqual(8);
  });

  it("gives every operator a display name and email that pass the sign-up rules unchanged", () => {
    const everyone = [...DEMO_PEOPLE_NAMES, ...network.operators.map((operator) => operator.displayName)];
    for (const name of everyone) expect(checkDisplayName(name)).toEqual({ ok: true, name });
    for (const { email } of network.operators) expect(emailAddressProblem(email), email).toBeNull();
  });

  it("uses cuid-shaped ids and ties every node to an operator", () => {
    const operatorIds = new Set(network.operators.map((operator) => operator.id));
    for (const node of network.nodes) {
      expect(node.id).toMatch(/^c[0-9a-z]{24}$/);
      expect(operatorIds.has(node.operatorId)).toBe(true);
    }
  });

  it("spreads creation over the past 90 days, operators before their nodes", () => {
    const operatorCreated = new Map(network.operators.map((operator) => [operator.id, operator.createdAt]));
    for (const node of network.nodes) {
      const ageDays = (NOW.getTime() - node.createdAt.getTime()) / DAY_MS;
      expect(ageDays).toBeGreaterThanOrEqual(1);
      expect(ageDays).toBeLessThanOrEqual(90);
      expect(operatorCreated.get(node.operatorId)!.getTime()).toBeLessThan(node.createdAt.getTime());
      expect(node.lastSeenAt.getTime()).toBeGreaterThanOrEqual(node.createdAt.getTime());
      expect(node.lastSeenAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    const ages = network.nodes.map((node) => (NOW.getTime() - node.createdAt.getTime()) / DAY_MS);
    expect(Math.min(...ages)).toBeLessThan(15);
    expect(Math.max(...ages)).toBeGreaterThan(75);
  });

  it("has most nodes online, some offline for days and a few gone", () => {
    const secondsAgo = (date: Date) => (NOW.getTime() - date.getTime()) / 1000;
    const online = network.nodes.filter(
      (node) => node.status === "Active" && secondsAgo(node.lastSeenAt) < 300,
    );
    const offline = network.nodes.filter(
      (node) => node.status === "Active" && secondsAgo(node.lastSeenAt) >= 86_400,
    );
    const gone = network.nodes.filter((node) => node.status === "Gone");
    expect(online.length + offline.length + gone.length).toBe(DEMO_NODE_COUNT);
    expect(online.length / DEMO_NODE_COUNT).toBeGreaterThan(0.8);
    expect(offline.length).toBeGreaterThanOrEqual(5);
    expect(gone.length).toBeGreaterThanOrEqual(3);
    expect(gone.length).toBeLessThanOrEqual(25);
    for (const node of gone) expect(secondsAgo(node.lastSeenAt)).toBeGreaterThanOrEqual(14 * 86_400);
  });

  it("names people's nodes after them and groups' nodes after their places", () => {
    const groups = new Map(
      [...DEMO_MID_GROUPS, ...DEMO_SMALL_GROUPS].map((group) => [group.displayName, group]),
    );
    let groupNodes = 0;
    let personNodes = 0;
    for (const operator of network.operators) {
      const names = network.nodes.filter((node) => node.operatorId === operator.id).map((node) => node.name);
      const group = groups.get(operator.displayName);
      if (operator.displayName === "LargeCorp Hosting") continue;
      for (const name of names) {
        if (group) {
          expect(name).toMatch(new RegExp(`^${group.slug}-[a-z]{3}-\\d{2}$`));
          groupNodes++;
        } else {
          const first = operator.displayName
            .split(" ")[0]!
            .normalize("NFD")
            .replace(/[^A-Za-z-]/g, "");
          expect(name.startsWith(first.toLowerCase() + "-")).toBe(true);
          personNodes++;
        }
      }
    }
    expect(groupNodes).toBeGreaterThanOrEqual(20);
    expect(personNodes).toBeGreaterThanOrEqual(100);
  });
});
