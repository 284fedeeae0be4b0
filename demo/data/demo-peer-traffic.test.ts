import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import { DEMO_LARGE_CLUSTER } from "@/demo/data/demo-names";
import { generateDemoNetwork } from "@/demo/data/demo-network";
import { DEMO_INFLATION_FACTOR } from "@/demo/data/demo-peer-roles";
import { generateDemoPeerTraffic, type DemoPeerDayTraffic } from "@/demo/data/demo-peer-traffic";
import { generateDemoTelemetry } from "@/demo/data/demo-telemetry";
import {
  EXCLUSIVE_PAIR_WINDOW_DAYS,
  mainPeers,
  pairsTradingOnlyWithEachOther,
} from "@/lib/domain/clusters/exclusive-pairs";
import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";
import { recomputeRollups } from "@/lib/domain/metrics/telemetry-rollup";
import { MAX_PEER_TRAFFIC_ENTRIES } from "@/lib/schemas/node-protocol";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const SEED = 20261125;
const DAY_MS = 86_400_000;
const network = generateDemoNetwork({ seed: SEED, now: NOW });
const telemetry = generateDemoTelemetry({ seed: SEED, now: NOW, network });
const rollups = recomputeRollups(telemetry.samples);
const rows = generateDemoPeerTraffic({ seed: SEED, telemetry, rollups });
const { inflators, colludingPair } = telemetry.roles;

const key = (nodeId: string, day: Date | number) => `${nodeId} ${new Date(day).getTime()}`;
const rowOf = new Map(rows.map((row) => [`${key(row.nodeId, row.day)} ${row.peerNodeId}`, row]));
const daily = new Map(rollups.nodeDaily.map((row) => [key(row.nodeId, row.start), row]));
/** Each node's cluster per day: the prefix most of its hours that day had, as corroboration decides it. */
const clusterOf = (() => {
  const hours = new Map<string, Map<string, number>>();
  for (const { nodeId, start, clusterPrefix } of rollups.nodeHourly) {
    const dayKey = key(nodeId, Math.floor(start.getTime() / DAY_MS) * DAY_MS);
    const counts = hours.get(dayKey) ?? new Map<string, number>();
    counts.set(clusterPrefix!, (counts.get(clusterPrefix!) ?? 0) + 1);
    hours.set(dayKey, counts);
  }
  return (nodeId: string, day: Date) => mostFrequentPrefix(hours.get(key(nodeId, day)) ?? []);
})();

/** Per node and day: what its peers in other clusters confirm it served (the corroboration rule). */
function corroboratedUp(): Map<string, bigint> {
  const confirmed = new Map<string, bigint>();
  for (const row of rows) {
    if (clusterOf(row.nodeId, row.day) === clusterOf(row.peerNodeId, row.day)) continue;
    const back = rowOf.get(`${key(row.peerNodeId, row.day)} ${row.nodeId}`);
    const bytes = back && back.bytesDown < row.bytesUp ? back.bytesDown : back ? row.bytesUp : 0n;
    confirmed.set(key(row.nodeId, row.day), (confirmed.get(key(row.nodeId, row.day)) ?? 0n) + bytes);
  }
  return confirmed;
}

function share(nodeIds: (id: string) => boolean, confirmed: Map<string, bigint>): number {
  let claimed = 0n;
  let corroborated = 0n;
  for (const row of rollups.nodeDaily.filter((candidate) => nodeIds(candidate.nodeId))) {
    claimed += row.bytesUp;
    corroborated += confirmed.get(key(row.nodeId, row.start)) ?? 0n;
  }
  return Number((corroborated * 1000n) / claimed) / 1000;
}

// One demo history: 30 days of hourly samples for 300 nodes, seconds of CPU on a busy machine.
describe("generateDemoPeerTraffic", { timeout: 60_000 }, () => {
  it("gives every exchange two agreeing sides: A's bytesUp to B is B's bytesDown from A on the same day", () => {
    expect(rows.length).toBeGreaterThan(rollups.nodeDaily.length);
    const disagreeing = rows.filter((row) => {
      const back = rowOf.get(`${key(row.peerNodeId, row.day)} ${row.nodeId}`);
      return !back || back.bytesDown !== row.bytesUp || back.bytesUp !== row.bytesDown;
    });
    expect(disagreeing).toEqual([]);
  });

  it("stays within each node's day as a report must: sums within its totals, at most 256 peers, never itself", () => {
    const sums = new Map<string, { up: bigint; down: bigint; peers: number }>();
    for (const row of rows) {
      expect(row.peerNodeId).not.toBe(row.nodeId);
      expect(row.bytesUp + row.bytesDown).toBeGreaterThan(0n);
      expect(row.day.getTime() % DAY_MS).toBe(0);
      const sum = sums.get(key(row.nodeId, row.day)) ?? { up: 0n, down: 0n, peers: 0 };
      sums.set(key(row.nodeId, row.day), {
        up: sum.up + row.bytesUp,
        down: sum.down + row.bytesDown,
        peers: sum.peers + 1,
      });
    }
    for (const [dayKey, sum] of sums) {
      const day = daily.get(dayKey);
      expect(day, `${dayKey} has a daily rollup`).toBeDefined();
      expect(sum.up).toBeLessThanOrEqual(day!.bytesUp);
      expect(sum.down).toBeLessThanOrEqual(day!.bytesDown);
      expect(sum.peers).toBeLessThanOrEqual(MAX_PEER_TRAFFIC_ENTRIES);
    }
  });

  it("has honest nodes serve peers in other clusters and most of what ordinary nodes claim confirmed", () => {
    const pair = new Set(colludingPair);
    const honest = rows.filter((row) => !pair.has(row.nodeId));
    expect(
      honest.filter((row) => clusterOf(row.nodeId, row.day) === clusterOf(row.peerNodeId, row.day)),
    ).toEqual([]);
    const largeCorp = new Set(
      network.nodes
        .filter(
          (node) =>
            network.operators.find((operator) => operator.id === node.operatorId)!.displayName ===
            DEMO_LARGE_CLUSTER.displayName,
        )
        .map((node) => node.id),
    );
    const confirmed = corroboratedUp();
    const ordinary = share((id) => !largeCorp.has(id) && !inflators.has(id) && !pair.has(id), confirmed);
    expect(ordinary).toBeGreaterThan(0.6);
    expect(ordinary).toBeLessThanOrEqual(0.9);
    // The data centre mostly serves people outside the network: nobody in it can confirm that.
    expect(share((id) => largeCorp.has(id), confirmed)).toBeLessThan(0.2);
  });

  it("shows the inflating nodes' claims: each claims 3× what it served, so peers confirm at most a third", () => {
    expect(inflators.size).toBe(3);
    const confirmed = corroboratedUp();
    for (const nodeId of inflators) {
      const days = rollups.nodeDaily.filter((row) => row.nodeId === nodeId);
      expect(days.length).toBeGreaterThanOrEqual(30);
      for (const day of days) {
        const reported = rows
          .filter((row) => row.nodeId === nodeId && row.day.getTime() === day.start.getTime())
          .reduce((sum, row) => sum + row.bytesUp, 0n);
        expect(reported * BigInt(DEMO_INFLATION_FACTOR)).toBeLessThanOrEqual(day.bytesUp);
      }
      const inflatorShare = share((id) => id === nodeId, confirmed);
      expect(inflatorShare).toBeGreaterThan(0.1);
      expect(inflatorShare).toBeLessThan(1 / DEMO_INFLATION_FACTOR);
    }
  });

  it("has one colluding pair in one /24 trade large traffic with each other only, each confirming the other", () => {
    expect(colludingPair).not.toBeNull();
    const [a, b] = colludingPair!;
    for (const [nodeId, partner] of [
      [a, b],
      [b, a],
    ] as const) {
      const own = rows.filter((row) => row.nodeId === nodeId);
      expect(own.length).toBeGreaterThanOrEqual(30);
      expect(own.every((row) => row.peerNodeId === partner)).toBe(true);
      expect(rows.filter((row) => row.peerNodeId === nodeId).every((row) => row.nodeId === partner)).toBe(
        true,
      );
      for (const row of own) {
        expect(clusterOf(nodeId, row.day)).toBe(clusterOf(partner, row.day));
        expect(clusterOf(nodeId, row.day)).toMatch(/\/24$/);
        // All it served that day went to the partner, up to what the partner downloaded: tens of GB a day.
        const [mine, theirs] = [daily.get(key(nodeId, row.day))!, daily.get(key(partner, row.day))!];
        expect(row.bytesUp).toBe(mine.bytesUp < theirs.bytesDown ? mine.bytesUp : theirs.bytesDown);
        expect(row.bytesUp + row.bytesDown).toBeGreaterThan(10n ** 10n);
      }
    }
    expect(corroboratedUp().get(key(a, rows.find((row) => row.nodeId === a)!.day)) ?? 0n).toBe(0n);
  });

  it("gives stewards exactly one pair that only trades with each other this week: the colluding pair", () => {
    const weekStart = Math.floor(NOW.getTime() / DAY_MS) * DAY_MS - (EXCLUSIVE_PAIR_WINDOW_DAYS - 1) * DAY_MS;
    const week = rows
      .filter((row) => row.day.getTime() >= weekStart)
      .map((row) => ({ nodeId: row.nodeId, peerNodeId: row.peerNodeId, bytes: row.bytesUp + row.bytesDown }));
    const pairs = pairsTradingOnlyWithEachOther(mainPeers(week));
    expect(pairs.map((pair) => new Set([pair.a.nodeId, pair.b.nodeId]))).toEqual([new Set(colludingPair)]);
  });

  it("never casts LargeCorp's or the named demo accounts' nodes as dishonest", () => {
    const protectedOperators = new Set(
      network.operators
        .filter(
          (operator) =>
            operator.displayName === DEMO_LARGE_CLUSTER.displayName ||
            DEMO_ACCOUNT_EMAILS.includes(operator.email),
        )
        .map((operator) => operator.id),
    );
    const operatorOf = new Map(network.nodes.map((node) => [node.id, node.operatorId]));
    for (const nodeId of [...inflators, ...colludingPair!]) {
      expect(protectedOperators.has(operatorOf.get(nodeId)!)).toBe(false);
    }
  });

  it("is deterministic for a seed, and another seed gives other exchanges", () => {
    const again = generateDemoPeerTraffic({ seed: SEED, telemetry, rollups });
    expect(again).toEqual(rows);
    const other = generateDemoPeerTraffic({ seed: SEED + 1, telemetry, rollups });
    expect(other.map((row: DemoPeerDayTraffic) => row.peerNodeId)).not.toEqual(
      rows.map((row) => row.peerNodeId),
    );
  });
});
