import { describe, expect, it } from "vitest";
import { peerCountersSource, syntheticSource } from "./telemetry-source";

const AT = new Date("2026-12-01T12:00:00Z");

/** A counters file whose text the test sets; `null` makes it unreadable. */
function countersFile(initial: Record<string, [number, number]> | null) {
  let peers = initial;
  return {
    set: (next: Record<string, [number, number]> | null) => {
      peers = next;
    },
    readText: () => {
      if (peers === null) throw new Error("ENOENT: no such file");
      return JSON.stringify({
        peers: Object.fromEntries(
          Object.entries(peers).map(([id, [bytesUp, bytesDown]]) => [id, { bytesUp, bytesDown }]),
        ),
      });
    },
  };
}

describe("peerCountersSource", () => {
  it("reports each peer's growth since the last accepted report, with totals summed over all peers", () => {
    const file = countersFile({ a: [1_000, 100], b: [50, 0] });
    const source = peerCountersSource({ file: "counters.json", readText: file.readText });

    file.set({ a: [1_600, 150], b: [50, 0], c: [10, 5] });
    expect(source.window(60, AT)).toEqual({
      bytesUp: 610,
      bytesDown: 55,
      peers: 3,
      medianLatencyMs: 0,
      peerTraffic: [
        { peerNodeId: "a", bytesUp: 600, bytesDown: 50 },
        { peerNodeId: "c", bytesUp: 10, bytesDown: 5 },
      ],
    });

    // That report failed: the next one still counts from the last accepted reading.
    file.set({ a: [1_700, 150], b: [50, 0], c: [10, 5] });
    expect(source.window(120, AT).peerTraffic).toEqual([
      { peerNodeId: "a", bytesUp: 700, bytesDown: 50 },
      { peerNodeId: "c", bytesUp: 10, bytesDown: 5 },
    ]);
    source.accepted!();

    // The node software restarted: its counters start from 0 again.
    file.set({ a: [40, 4] });
    expect(source.window(60, AT).peerTraffic).toEqual([{ peerNodeId: "a", bytesUp: 40, bytesDown: 4 }]);
  });

  it("sends no peerTraffic while the file cannot be read, and starts counting from its first reading", () => {
    const file = countersFile(null);
    const warnings: string[] = [];
    const source = peerCountersSource({
      file: "counters.json",
      readText: file.readText,
      warn: (message) => warnings.push(message),
    });
    expect(source.window(60, AT)).toEqual({ bytesUp: 0, bytesDown: 0, peers: 0, medianLatencyMs: 0 });
    source.accepted!();
    expect(warnings).toEqual([
      "peer counters counters.json: ENOENT: no such file; this report goes without peerTraffic",
      "peer counters counters.json: ENOENT: no such file; this report goes without peerTraffic",
    ]);

    // Counters that ran before the agent could read them are not this window's traffic.
    file.set({ a: [5_000_000, 0] });
    expect(source.window(60, AT)).not.toHaveProperty("peerTraffic");
    source.accepted!();
    file.set({ a: [5_000_300, 0] });
    expect(source.window(60, AT).peerTraffic).toEqual([{ peerNodeId: "a", bytesUp: 300, bytesDown: 0 }]);
  });

  it("takes the totals from another source when given one", () => {
    const file = countersFile({ a: [0, 0] });
    const totals = syntheticSource("seeder", 3);
    const source = peerCountersSource({ file: "counters.json", readText: file.readText, totals });
    file.set({ a: [100, 0] });
    const window = source.window(60, AT);
    expect(window.bytesUp).toBe(syntheticSource("seeder", 3).window(60, AT).bytesUp);
    expect(window.peerTraffic).toEqual([{ peerNodeId: "a", bytesUp: 100, bytesDown: 0 }]);
    expect(source.description).toBe(
      "per-peer counters from counters.json, totals from synthetic traffic, profile seeder",
    );
  });
});
