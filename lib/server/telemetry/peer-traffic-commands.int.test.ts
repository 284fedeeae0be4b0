import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PEER_TRAFFIC_ENTRIES, type PeerTraffic } from "@/lib/schemas/node-protocol";
import { createTestNode } from "@/lib/server/testing/create-test-node";
import { sendSignedTelemetry } from "@/lib/server/testing/telemetry-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { MAX_PEERS_PER_NODE_DAY } from "./peer-traffic-commands";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const peers = (from: number, count: number, bytesUp = 1_000): PeerTraffic[] =>
  Array.from({ length: count }, (_, index) => ({
    peerNodeId: `peer-${from + index}`,
    bytesUp,
    bytesDown: 10,
  }));

describe("per-peer daily traffic", () => {
  it(`keeps at most ${MAX_PEERS_PER_NODE_DAY} peers a node-day: new peers past that are dropped, known ones still add up`, async () => {
    const db = database.db;
    const node = await createTestNode(db, { name: "many-peers" });
    const start = new Date("2026-12-03T08:00:00Z");
    let sent = 0;
    const report = (now: Date, peerTraffic: PeerTraffic[]) => {
      sent += 1;
      return sendSignedTelemetry(db, {
        node,
        now,
        report: {
          at: new Date(now.getTime() - 1_000).toISOString(),
          windowSeconds: 60,
          uptimeSeconds: sent,
          bytesUp: 1_000_000,
          bytesDown: 1_000_000,
          peers: peerTraffic.length,
          medianLatencyMs: 20,
          activeConfigVersion: null,
          stagedConfigVersion: null,
          agent: "peer-cap-test",
          peerTraffic,
        },
      });
    };
    // Four full reports (the rate limit's four a minute) name 1,024 different peers.
    const reportsToFill = MAX_PEERS_PER_NODE_DAY / MAX_PEER_TRAFFIC_ENTRIES;
    for (let index = 0; index < reportsToFill; index += 1) {
      await report(start, peers(index * MAX_PEER_TRAFFIC_ENTRIES, MAX_PEER_TRAFFIC_ENTRIES));
    }
    const rows = () => db.nodePeerDayTraffic.count({ where: { nodeId: node.nodeId } });
    expect(await rows()).toBe(MAX_PEERS_PER_NODE_DAY);

    // A minute later: two known peers and two new ones; only the known ones are added to.
    await report(new Date(start.getTime() + 60_000), [
      ...peers(5, 1, 500),
      ...peers(MAX_PEERS_PER_NODE_DAY, 2),
      ...peers(1_023, 1, 7),
    ]);
    expect(await rows()).toBe(MAX_PEERS_PER_NODE_DAY);
    const touched = await db.nodePeerDayTraffic.findMany({
      where: { nodeId: node.nodeId, peerNodeId: { in: ["peer-5", "peer-1023", "peer-1024", "peer-1025"] } },
      orderBy: { peerNodeId: "asc" },
      select: { peerNodeId: true, bytesUp: true, bytesDown: true },
    });
    expect(touched).toEqual([
      { peerNodeId: "peer-1023", bytesUp: 1_007n, bytesDown: 20n },
      { peerNodeId: "peer-5", bytesUp: 1_500n, bytesDown: 20n },
    ]);

    // The cap is per day: the next day starts empty.
    const nextDay = new Date("2026-12-04T08:00:00Z");
    await report(nextDay, peers(MAX_PEERS_PER_NODE_DAY, 2));
    expect(
      await db.nodePeerDayTraffic.count({
        where: { nodeId: node.nodeId, day: new Date("2026-12-04T00:00:00Z") },
      }),
    ).toBe(2);
  });
});
