import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import {
  MAX_PEER_TRAFFIC_ENTRIES,
  telemetryReportSchema,
  type PeerTraffic,
} from "@/lib/schemas/node-protocol";
import {
  cappedSum,
  fitPeerTraffic,
  parsePeerCounters,
  PeerCountersError,
  peerCounterDeltas,
  type PeerCounters,
} from "./peer-counters";

const counters = (entries: Record<string, [number, number]>): PeerCounters =>
  new Map(Object.entries(entries).map(([id, [bytesUp, bytesDown]]) => [id, { bytesUp, bytesDown }]));

describe("parsePeerCounters", () => {
  it("reads the documented shape", () => {
    expect(parsePeerCounters('{ "peers": { "node_a": { "bytesUp": 10, "bytesDown": 2 } } }')).toEqual(
      counters({ node_a: [10, 2] }),
    );
    expect(parsePeerCounters('{ "peers": {} }').size).toBe(0);
  });

  it.each([
    ["{ not json", /^not valid JSON/],
    ['{ "nodes": {} }', /^peers: /],
    ['{ "peers": { "a": { "bytesUp": -1, "bytesDown": 0 } } }', /^peers\.a\.bytesUp: must not be negative/],
    [
      '{ "peers": { "a": { "bytesUp": 1.5, "bytesDown": 0 } } }',
      /^peers\.a\.bytesUp: must be a whole number/,
    ],
    ['{ "peers": { "a b": { "bytesUp": 1, "bytesDown": 0 } } }', /^peers\.a b: must be a Plenum node id/],
  ])("refuses %s naming what is wrong", (text, message) => {
    expect(() => parsePeerCounters(text)).toThrow(PeerCountersError);
    expect(() => parsePeerCounters(text)).toThrow(message);
  });
});

describe("peerCounterDeltas", () => {
  it("reports each counter's growth, a restarted or new peer's whole value, and leaves out idle peers", () => {
    const before = counters({ grew: [100, 50], restarted: [900, 900], idle: [7, 7], gone: [1, 1] });
    const now = counters({ grew: [160, 55], restarted: [30, 1_000], idle: [7, 7], fresh: [4, 0] });
    expect(peerCounterDeltas(before, now)).toEqual([
      { peerNodeId: "grew", bytesUp: 60, bytesDown: 5 },
      { peerNodeId: "restarted", bytesUp: 30, bytesDown: 1_000 },
      { peerNodeId: "fresh", bytesUp: 4, bytesDown: 0 },
    ]);
  });
});

describe("fitPeerTraffic", () => {
  const entry = (peerNodeId: string, bytesUp: number, bytesDown: number): PeerTraffic => ({
    peerNodeId,
    bytesUp,
    bytesDown,
  });

  it("drops the node itself, keeps the largest exchanges first and cuts them to the totals", () => {
    const entries = [
      entry("small", 10, 0),
      entry("self", 500, 500),
      entry("big", 80, 20),
      entry("mid", 30, 30),
    ];
    expect(fitPeerTraffic(entries, { nodeId: "self", bytesUp: 100, bytesDown: 40 })).toEqual([
      entry("big", 80, 20),
      entry("mid", 20, 20),
    ]);
  });

  it(`keeps at most ${MAX_PEER_TRAFFIC_ENTRIES} entries, never adding up past the totals, each at most its delta`, () => {
    const peers = fc.uniqueArray(
      fc.record({
        peerNodeId: fc.string({ unit: fc.constantFrom(..."ab09_-"), minLength: 1, maxLength: 6 }),
        bytesUp: fc.nat({ max: 2 ** 40 }),
        bytesDown: fc.nat({ max: 2 ** 40 }),
      }),
      { selector: (one) => one.peerNodeId, maxLength: 300 },
    );
    fc.assert(
      fc.property(
        peers,
        fc.nat({ max: 2 ** 45 }),
        fc.nat({ max: 2 ** 45 }),
        (entries, bytesUp, bytesDown) => {
          const nodeId = entries[0]?.peerNodeId ?? "self";
          const fitted = fitPeerTraffic(entries, { nodeId, bytesUp, bytesDown });
          expect(fitted.length).toBeLessThanOrEqual(MAX_PEER_TRAFFIC_ENTRIES);
          expect(fitted.some((one) => one.peerNodeId === nodeId)).toBe(false);
          expect(cappedSum(fitted, "bytesUp")).toBeLessThanOrEqual(bytesUp);
          expect(cappedSum(fitted, "bytesDown")).toBeLessThanOrEqual(bytesDown);
          for (const one of fitted) {
            const original = entries.find((candidate) => candidate.peerNodeId === one.peerNodeId)!;
            expect(one.bytesUp).toBeLessThanOrEqual(original.bytesUp);
            expect(one.bytesDown).toBeLessThanOrEqual(original.bytesDown);
          }
          const report = {
            at: "2026-12-01T00:00:00Z",
            windowSeconds: 60,
            uptimeSeconds: 60,
            bytesUp,
            bytesDown,
            peers: fitted.length,
            medianLatencyMs: 0,
            activeConfigVersion: null,
            stagedConfigVersion: null,
            agent: "test",
            peerTraffic: fitted,
          };
          expect(telemetryReportSchema.safeParse(report).success).toBe(true);
        },
      ),
      propertyRuns("fitPeerTraffic"),
    );
  });
});
