import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { postTelemetryResponse } from "./post-telemetry";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { pruneNodeRequestReplays } from "@/lib/server/nodes/prune-node-request-replays";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { readStoredRollups, recomputeStoredRollups } from "@/lib/server/testing/stored-rollups";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const HOUR_MS = 3_600_000;
const start = new Date("2026-11-25T12:00:00.000Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Cluster recording",
    now: new Date("2026-11-01T00:00:00Z"),
  });
});
afterAll(async () => {
  await database.drop();
});

let sent = 0;
/** One signed report over the route, `forwardedFor` as the front server (or a proxy) wrote it. */
async function report(
  node: TestNode,
  { now, forwardedFor, trustProxy = false }: { now: Date; forwardedFor?: string; trustProxy?: boolean },
): Promise<Response> {
  sent += 1;
  const body = JSON.stringify({
    at: new Date(now.getTime() - 1_000).toISOString(),
    windowSeconds: 60,
    uptimeSeconds: sent % 60,
    bytesUp: 1_000,
    bytesDown: 2_000,
    peers: 4,
    medianLatencyMs: 30,
    activeConfigVersion: 1,
    stagedConfigVersion: null,
    agent: "plenum-agent/test",
  });
  const path = `/api/v1/nodes/${node.nodeId}/telemetry`;
  const headers = new Headers({
    ...signNodeRequest({
      privateKey: node.privateKey,
      nodeId: node.nodeId,
      method: "POST",
      path,
      body,
      timestamp: Math.floor(now.getTime() / 1000),
    }),
    "content-type": "application/json",
  });
  if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
  const request = new Request(`http://localhost${path}`, { method: "POST", headers, body });
  return postTelemetryResponse(
    database.db,
    request,
    Promise.resolve({ nodeId: node.nodeId }),
    now,
    trustProxy,
  );
}

async function samplesOf(node: TestNode) {
  return database.db.telemetrySample.findMany({
    where: { nodeId: node.nodeId },
    orderBy: { receivedAt: "asc" },
    select: { sourceAddress: true, clusterPrefix: true },
  });
}

describe("network clusters of signed telemetry", () => {
  it("records the socket's address with its /24, the hour's cluster and the node's first cluster", async () => {
    const node = await createTestNode(database.db, { name: "first-report" });
    expect((await report(node, { now: start, forwardedFor: "203.0.113.77" })).status).toBe(202);
    expect(await samplesOf(node)).toEqual([
      { sourceAddress: "203.0.113.77", clusterPrefix: "203.0.113.0/24" },
    ]);
    const hour = await database.db.nodeHourlyRollup.findFirstOrThrow({
      where: { nodeId: node.nodeId },
      select: { clusterPrefix: true },
    });
    expect(hour.clusterPrefix).toBe("203.0.113.0/24");
    const stored = await database.db.node.findUniqueOrThrow({
      where: { id: node.nodeId },
      select: { firstReportedPrefix: true },
    });
    expect(stored.firstReportedPrefix).toBe("203.0.113.0/24");
  });

  it.each([
    // [x-forwarded-for, trustProxy, address, prefix]
    ["198.51.100.1, 203.0.113.9", false, "203.0.113.9", "203.0.113.0/24"],
    ["198.51.100.1, 203.0.113.9", true, "198.51.100.1", "198.51.100.0/24"],
    ["::ffff:198.51.100.9", false, "198.51.100.9", "198.51.100.0/24"],
    ["2001:db8:7:1::42", false, "2001:db8:7:1::42", "2001:db8:7::/48"],
    ["not-an-address", false, "unknown", "unknown"],
    [undefined, false, "unknown", "unknown"],
  ])(
    "x-forwarded-for %j (trusted proxy: %s) is %s in %s",
    async (forwardedFor, trustProxy, address, prefix) => {
      const node = await createTestNode(database.db, { name: `source-${sent}` });
      expect((await report(node, { now: start, forwardedFor, trustProxy })).status).toBe(202);
      expect(await samplesOf(node)).toEqual([{ sourceAddress: address, clusterPrefix: prefix }]);
    },
  );

  it("gives an hour the cluster most of its reports came from, and stays equal to recomputation", async () => {
    const node = await createTestNode(database.db, { name: "mixed-hour" });
    const sources = ["203.0.113.5", "198.51.100.5", "198.51.100.6", "203.0.113.6", "198.51.100.7"];
    for (const [index, source] of sources.entries()) {
      const response = await report(node, {
        now: new Date(start.getTime() + HOUR_MS + 120_000 + index * 61_000),
        forwardedFor: source,
      });
      expect(response.status).toBe(202);
    }
    const hours = await database.db.nodeHourlyRollup.findMany({
      where: { nodeId: node.nodeId },
      select: { clusterPrefix: true, samples: true },
    });
    expect(hours).toEqual([{ clusterPrefix: "198.51.100.0/24", samples: 5 }]);
    expect(await readStoredRollups(database.db)).toEqual(await recomputeStoredRollups(database.db));
  });

  it("measures clusters with the active config's widths", async () => {
    const issuedAt = new Date(start.getTime() + 2 * HOUR_MS);
    await issueConfigVersion(database.db, {
      params: { ...defaultParameterValues(), "gov.clusterPrefixV4": 16, "gov.clusterPrefixV6": 32 },
      activateAt: issuedAt,
      proposals: [],
      now: issuedAt,
    });
    await activateDueConfigVersions(database.db, { now: issuedAt });
    const node = await createTestNode(database.db, { name: "wider-clusters" });
    await report(node, { now: new Date(issuedAt.getTime() + 60_000), forwardedFor: "203.0.113.200" });
    await report(node, { now: new Date(issuedAt.getTime() + 122_000), forwardedFor: "2001:db8:7:1::1" });
    expect((await samplesOf(node)).map((sample) => sample.clusterPrefix)).toEqual([
      "203.0.0.0/16",
      "2001:db8::/32",
    ]);
  });

  it("forgets raw addresses and hourly cluster counts with raw telemetry, keeping the hour's cluster", async () => {
    const now = new Date(start.getTime() + 9 * 24 * HOUR_MS);
    const before = await database.db.nodeHourlyRollup.count({ where: { clusterPrefix: { not: null } } });
    expect(await database.db.nodeHourlyPrefixCount.count()).toBeGreaterThan(0);
    const pruned = await pruneNodeRequestReplays(database.db, { now, retentionDays: 7 });
    expect(pruned.samplesDeleted).toBeGreaterThan(0);
    expect(pruned.prefixCountsDeleted).toBeGreaterThan(0);
    expect(await database.db.telemetrySample.count({ where: { sourceAddress: { not: null } } })).toBe(0);
    expect(await database.db.nodeHourlyPrefixCount.count()).toBe(0);
    expect(await database.db.nodeHourlyRollup.count({ where: { clusterPrefix: { not: null } } })).toBe(
      before,
    );
  });
});
