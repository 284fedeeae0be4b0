import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_INFLATION_FACTOR } from "../../demo/data/demo-peer-roles";
import { planDemoFleet } from "../../demo/data/traffic-fleet";
import { networkPrefix } from "../../lib/domain/clusters/network-prefix";
import { trafficBreach } from "../../lib/domain/node-protocol/telemetry-plausibility";
import { createRandom } from "../../lib/domain/random";
import {
  MAX_PEER_TRAFFIC_ENTRIES,
  telemetryReportSchema,
  type PeerTraffic,
} from "../../lib/schemas/node-protocol";
import { fitPeerTraffic } from "../peer-counters";
import { syntheticSource } from "../telemetry-source";
import { planFleetPeerTraffic, withPeerTraffic, type FleetPeer } from "./fleet-peer-traffic";
import { planFleetSourceAddresses } from "./fleet-source-addresses";

const SEED = 20261125;
const DEFAULT_MAX_MBPS = 1_000;

function fleet(count: number, { withAddresses = true } = {}): FleetPeer[] {
  const slots = planDemoFleet({
    nodes: count,
    ordinaryEmails: Array.from({ length: 20 }, (_, i) => `op${i}@x.example`),
    preferredEmails: ["me@x.example"],
    largeOperatorEmail: "large@x.example",
    random: createRandom(SEED),
  });
  const addresses = planFleetSourceAddresses(slots);
  return slots.map((slot) => ({
    nodeId: `node${slot.index}`,
    profile: slot.profile,
    sourceAddress: withAddresses ? addresses.get(slot.index) : undefined,
  }));
}

const nodes = fleet(25);
const swarm = planFleetPeerTraffic({ nodes, seed: SEED });
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) });
const windowSeconds = fc.integer({ min: 1, max: 86_400 });
/** A first report's window can be a second or two: where a trickle of an exchange would round away. */
const shortWindow = fc.integer({ min: 1, max: 5 });
const entryFor = (entries: readonly PeerTraffic[], peerNodeId: string) =>
  entries.find((entry) => entry.peerNodeId === peerNodeId);

describe("planFleetPeerTraffic", () => {
  it("gives both ends the same bytes in any window: A's bytesUp to B is B's bytesDown from A", () => {
    fc.assert(
      fc.property(instant, windowSeconds, (atMs, seconds) => {
        const at = new Date(atMs);
        const traffic = new Map(
          nodes.map((node) => [node.nodeId, swarm.peerTrafficOf(node.nodeId, seconds, at)]),
        );
        for (const [nodeId, entries] of traffic) {
          for (const entry of entries) {
            expect(entryFor(traffic.get(entry.peerNodeId)!, nodeId)).toEqual({
              peerNodeId: nodeId,
              bytesUp: entry.bytesDown,
              bytesDown: entry.bytesUp,
            });
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it("has both ends name each other whatever window each reports, so who trades with whom always agrees", () => {
    fc.assert(
      fc.property(instant, shortWindow, instant, shortWindow, (atA, secondsA, atB, secondsB) => {
        const named = (nodeId: string, seconds: number, atMs: number) =>
          new Set(swarm.peerTrafficOf(nodeId, seconds, new Date(atMs)).map((entry) => entry.peerNodeId));
        for (const node of nodes) {
          for (const peerNodeId of named(node.nodeId, secondsA, atA)) {
            expect(named(peerNodeId, secondsB, atB).has(node.nodeId)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("has every node that serves exchange with a few fleet peers, never itself, preferring other /24s", () => {
    const at = new Date(Date.UTC(2026, 10, 25, 20));
    const clusterOf = new Map(
      nodes.map((node) => [node.nodeId, networkPrefix(node.sourceAddress!, { v4Bits: 24, v6Bits: 48 })]),
    );
    const ids = new Set(nodes.map((node) => node.nodeId));
    for (const node of nodes) {
      const entries = swarm.peerTrafficOf(node.nodeId, 60, at);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length).toBeLessThanOrEqual(MAX_PEER_TRAFFIC_ENTRIES);
      expect(new Set(entries.map((entry) => entry.peerNodeId)).size).toBe(entries.length);
      for (const entry of entries) {
        expect(entry.peerNodeId).not.toBe(node.nodeId);
        expect(ids.has(entry.peerNodeId)).toBe(true);
        expect(clusterOf.get(entry.peerNodeId)).not.toBe(clusterOf.get(node.nodeId));
      }
    }
  });

  it("adds up over consecutive windows to the bytes of the whole span, as the agent's reports follow each other", () => {
    fc.assert(
      fc.property(instant, fc.array(windowSeconds, { minLength: 1, maxLength: 10 }), (startMs, windows) => {
        const node = nodes[3]!.nodeId;
        let at = startMs;
        const sums = new Map<string, number>();
        for (const seconds of windows) {
          at += seconds * 1000;
          for (const entry of swarm.peerTrafficOf(node, seconds, new Date(at))) {
            sums.set(entry.peerNodeId, (sums.get(entry.peerNodeId) ?? 0) + entry.bytesUp + entry.bytesDown);
          }
        }
        const span = (at - startMs) / 1000;
        for (const entry of swarm.peerTrafficOf(node, span, new Date(at))) {
          expect(sums.get(entry.peerNodeId) ?? 0).toBe(entry.bytesUp + entry.bytesDown);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("picks one inflating node, a seeder or normal node, and the same swarm for the same seed and nodes", () => {
    const inflator = nodes.find((node) => node.nodeId === swarm.inflatorId);
    expect(inflator).toBeDefined();
    expect(["seeder", "normal"]).toContain(inflator!.profile);
    const at = new Date(Date.UTC(2026, 10, 25, 12));
    const again = planFleetPeerTraffic({ nodes, seed: SEED });
    expect(again.inflatorId).toBe(swarm.inflatorId);
    for (const node of nodes) {
      expect(again.peerTrafficOf(node.nodeId, 600, at)).toEqual(swarm.peerTrafficOf(node.nodeId, 600, at));
    }
  });

  it("still exchanges when the OS chooses every address (the platform then sees one network and counts none)", () => {
    const local = fleet(10, { withAddresses: false });
    const oneNetwork = planFleetPeerTraffic({ nodes: local, seed: SEED });
    const at = new Date(Date.UTC(2026, 10, 25, 12));
    expect(local.some((node) => oneNetwork.peerTrafficOf(node.nodeId, 60, at).length > 0)).toBe(true);
  });
});

describe("withPeerTraffic", () => {
  it("makes reports the platform accepts: peers add up to no more than the totals, within service.maxMbps", () => {
    fc.assert(
      fc.property(
        instant,
        windowSeconds,
        fc.integer({ min: 0, max: nodes.length - 1 }),
        (atMs, seconds, index) => {
          const node = nodes[index]!;
          const source = withPeerTraffic(syntheticSource(node.profile, SEED + index), node.nodeId, swarm);
          const window = source.window(seconds, new Date(atMs));
          const report = {
            at: new Date(atMs).toISOString(),
            windowSeconds: seconds,
            uptimeSeconds: seconds,
            ...window,
            activeConfigVersion: null,
            stagedConfigVersion: null,
            agent: "plenum-agent/0.1.0",
          };
          const parsed = telemetryReportSchema.safeParse(report);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
          expect(trafficBreach(report, DEFAULT_MAX_MBPS)).toBeNull();
          expect(window.peerTraffic.every((entry) => entry.peerNodeId !== node.nodeId)).toBe(true);
          // The reporter fits entries to the totals: nothing of the swarm's may be cut, or the ends disagree.
          const fitted = fitPeerTraffic(window.peerTraffic, { nodeId: node.nodeId, ...window });
          expect(new Set(fitted)).toEqual(new Set(window.peerTraffic));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps an honest node's synthetic totals whenever they cover its peers, and inflates only the inflator's upload", () => {
    const at = new Date(Date.UTC(2026, 10, 25, 20));
    for (const [index, node] of nodes.entries()) {
      const plain = syntheticSource(node.profile, SEED + index).window(60, at);
      const window = withPeerTraffic(syntheticSource(node.profile, SEED + index), node.nodeId, swarm).window(
        60,
        at,
      );
      const peersUp = window.peerTraffic!.reduce((sum, entry) => sum + entry.bytesUp, 0);
      const peersDown = window.peerTraffic!.reduce((sum, entry) => sum + entry.bytesDown, 0);
      const served = Math.max(plain.bytesUp, peersUp);
      const isInflator = node.nodeId === swarm.inflatorId;
      expect(window.bytesUp).toBe(isInflator ? DEMO_INFLATION_FACTOR * served : served);
      expect(window.bytesDown).toBe(Math.max(plain.bytesDown, peersDown));
      expect(window.peers).toBe(plain.peers);
      if (isInflator) expect(window.bytesUp).toBeGreaterThanOrEqual(DEMO_INFLATION_FACTOR * peersUp);
    }
  });
});
