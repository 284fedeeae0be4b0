import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { createTestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { issueConfigVersion } from "../governance/issue-config-version";
import { changeNodeEndpoint, retireNode } from "../nodes/operator-node-commands";
import { ensurePlatform } from "../platform/ensure-platform";
import { recordTelemetry } from "../telemetry/record-telemetry";
import { recordSyncCoverage } from "./record-sync-coverage";
import { ensureNodeSyncRows, noteReportedVersion, startNodeSync } from "./node-sync-commands";

const T0 = new Date("2026-11-25T12:00:00.000Z");
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Sync state", now: T0 });
});
afterAll(async () => {
  await database.drop();
});

async function pushableNode(
  name: string,
  sync: Partial<{ status: string; failureCount: number; acknowledgedVersion: number }> = {},
) {
  const node = await createTestNode(database.db, { name });
  await database.db.node.update({
    where: { id: node.nodeId },
    data: { endpointUrl: `http://127.0.0.1:9/${name}`, webhookSecret: "whsec_dGVzdA==" },
  });
  await startNodeSync(database.db, { nodeId: node.nodeId, now: T0 });
  await database.db.nodeSync.update({
    where: { nodeId: node.nodeId },
    data: { nextAttemptAt: minutes(600), ...sync },
  });
  return node;
}

const syncOf = (nodeId: string) =>
  database.db.nodeSync.findUniqueOrThrow({
    where: { nodeId },
    select: {
      status: true,
      desiredVersion: true,
      acknowledgedVersion: true,
      failureCount: true,
      failingSince: true,
      nextAttemptAt: true,
      nackedVersion: true,
    },
  });

async function issue(now: Date, activateAt = now) {
  return (
    await issueConfigVersion(database.db, {
      params: defaultParameterValues(),
      activateAt,
      proposals: [],
      now,
    })
  ).version;
}

describe("desired state (the outbox)", () => {
  it("is written by the transaction that issues a version: healthy nodes become due at once, failing ones keep their back-off", async () => {
    const healthy = await pushableNode("outbox-healthy", { status: "Synced", acknowledgedVersion: 1 });
    const failing = await pushableNode("outbox-failing", { status: "Pending", failureCount: 3 });
    const quarantined = await pushableNode("outbox-quarantined", { status: "Quarantined" });
    const now = minutes(10);
    const version = await issue(now, minutes(20));
    expect(await syncOf(healthy.nodeId)).toMatchObject({
      desiredVersion: version,
      status: "Pending",
      nextAttemptAt: now,
    });
    expect(await syncOf(failing.nodeId)).toMatchObject({
      desiredVersion: version,
      failureCount: 3,
      nextAttemptAt: minutes(600),
    });
    expect(await syncOf(quarantined.nodeId)).toMatchObject({
      status: "Quarantined",
      nextAttemptAt: minutes(600),
    });
  });

  it("is not written when the version is not: a refused issue leaves every row as it was", async () => {
    const node = await pushableNode("outbox-rollback", { status: "Synced" });
    const before = await syncOf(node.nodeId);
    const params = { ...defaultParameterValues(), [Object.keys(defaultParameterValues())[0]!]: -1 } as never;
    await expect(
      issueConfigVersion(database.db, { params, activateAt: minutes(30), proposals: [], now: minutes(30) }),
    ).rejects.toThrow();
    expect(await syncOf(node.nodeId)).toEqual(before);
  });

  it("restarts delivery from scratch when the endpoint changes, and ends it when the node retires", async () => {
    const node = await pushableNode("endpoint-change", {
      status: "Degraded",
      failureCount: 2,
      acknowledgedVersion: 1,
    });
    await database.db.nodeSync.update({ where: { nodeId: node.nodeId }, data: { nackedVersion: 1 } });
    await changeNodeEndpoint(database.db, {
      operatorId: node.operatorId,
      nodeId: node.nodeId,
      endpointUrl: "http://127.0.0.1:10/new",
      allowPrivate: true,
      now: minutes(40),
    });
    expect(await syncOf(node.nodeId)).toMatchObject({
      status: "Pending",
      acknowledgedVersion: null,
      failureCount: 0,
      nackedVersion: null,
      nextAttemptAt: minutes(40),
    });
    await retireNode(database.db, { operatorId: node.operatorId, nodeId: node.nodeId });
    expect((await syncOf(node.nodeId)).status).toBe("Gone");
  });

  it("creates the missing rows of nodes enrolled or seeded before sync existed", async () => {
    const active = await createTestNode(database.db, { name: "seeded-active" });
    const gone = await createTestNode(database.db, { name: "seeded-gone", status: "Gone" });
    expect(await ensureNodeSyncRows(database.db, { now: minutes(50) })).toBeGreaterThanOrEqual(2);
    expect((await syncOf(active.nodeId)).status).toBe("Pending");
    expect((await syncOf(gone.nodeId)).status).toBe("Gone");
    expect(await ensureNodeSyncRows(database.db, { now: minutes(50) })).toBe(0);
  });
});

describe("reported versions", () => {
  it("resets the back-off of a node that is behind and makes it due at once, OutOfSync", async () => {
    const latest = await issue(minutes(60));
    const node = await pushableNode("behind", {
      status: "Unreachable",
      failureCount: 9,
      acknowledgedVersion: latest,
    });
    await database.db.nodeSync.update({ where: { nodeId: node.nodeId }, data: { failingSince: T0 } });
    const now = minutes(70);
    expect(
      await noteReportedVersion(database.db, {
        nodeId: node.nodeId,
        activeVersion: 1,
        stagedVersion: 1,
        now,
      }),
    ).toBe("behind");
    expect(await syncOf(node.nodeId)).toMatchObject({
      status: "OutOfSync",
      failureCount: 0,
      failingSince: null,
      nextAttemptAt: now,
      acknowledgedVersion: 1,
    });
  });

  it("leaves a node alone while it only waits for an activation (5 min grace) or is in sync", async () => {
    const latest = await issue(minutes(80));
    const node = await pushableNode("grace", { status: "Synced", acknowledgedVersion: latest });
    expect(
      await noteReportedVersion(database.db, {
        nodeId: node.nodeId,
        activeVersion: latest - 1,
        stagedVersion: latest,
        now: minutes(82),
      }),
    ).toBe("pending-activation");
    expect(
      await noteReportedVersion(database.db, {
        nodeId: node.nodeId,
        activeVersion: latest,
        stagedVersion: latest,
        now: minutes(90),
      }),
    ).toBe("in-sync");
    expect(await syncOf(node.nodeId)).toMatchObject({ status: "Synced", nextAttemptAt: minutes(600) });
  });

  it("does not reset the back-off of an in-sync node whose agent does not report a staged version", async () => {
    const latest = await issue(minutes(95));
    const node = await pushableNode("no-staged", {
      status: "Pending",
      failureCount: 4,
      acknowledgedVersion: latest - 1,
    });
    expect(
      await noteReportedVersion(database.db, {
        nodeId: node.nodeId,
        activeVersion: latest,
        stagedVersion: null,
        now: minutes(110),
      }),
    ).toBe("in-sync");
    expect(await syncOf(node.nodeId)).toMatchObject({ failureCount: 4, nextAttemptAt: minutes(600) });
  });

  it("gives a node without an endpoint the status its telemetry reports, through recordTelemetry", async () => {
    const latest = await issue(minutes(100));
    const node = await createTestNode(database.db, { name: "telemetry-only" });
    await ensureNodeSyncRows(database.db, { now: minutes(100) });
    const send = async (activeConfigVersion: number, now: Date) => {
      const body = JSON.stringify({
        at: new Date(now.getTime() - 30_000).toISOString(),
        windowSeconds: 60,
        uptimeSeconds: activeConfigVersion,
        bytesUp: 1,
        bytesDown: 1,
        peers: 1,
        medianLatencyMs: 10,
        activeConfigVersion,
        stagedConfigVersion: activeConfigVersion,
        agent: "test",
      });
      const path = `/api/v1/nodes/${node.nodeId}/telemetry`;
      const headers = new Headers(
        signNodeRequest({
          privateKey: node.privateKey,
          nodeId: node.nodeId,
          method: "POST",
          path,
          body,
          timestamp: Math.floor(now.getTime() / 1000),
        }),
      );
      await recordTelemetry(database.db, {
        nodeId: node.nodeId,
        headers,
        method: "POST",
        path,
        bodyBytes: Buffer.from(body),
        sourceAddress: "192.0.2.10",
        now,
      });
    };
    await send(latest - 1, minutes(120));
    expect((await syncOf(node.nodeId)).status).toBe("OutOfSync");
    await send(latest, minutes(121));
    expect((await syncOf(node.nodeId)).status).toBe("Synced");
  });
});

describe("recordSyncCoverage", () => {
  it("samples the fleet once per minute and prunes samples older than 90 days", async () => {
    const old = new Date(T0.getTime() - 91 * 24 * 60 * 60_000);
    await database.db.syncCoverageSample.create({
      data: { at: old, latestVersion: 1, nodes: 0, synced: 0, byStatus: "{}" },
    });
    const first = await recordSyncCoverage(database.db, { now: new Date(T0.getTime() + 15_000) });
    const again = await recordSyncCoverage(database.db, { now: new Date(T0.getTime() + 45_000) });
    expect(first.samplesDeleted).toBe(1);
    expect(again.samplesDeleted).toBe(0);
    const samples = await database.db.syncCoverageSample.findMany();
    expect(samples).toHaveLength(1);
    const [sample] = samples;
    expect(sample!.at).toEqual(T0);
    const byStatus = JSON.parse(sample!.byStatus) as Record<string, number>;
    const rows = await database.db.nodeSync.groupBy({
      by: ["status"],
      where: { node: { is: { endpointUrl: { not: null } } } },
      _count: { _all: true },
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(byStatus[row.status]).toBe(row._count._all);
    expect(sample!.nodes).toBe(
      rows.filter((row) => row.status !== "Gone").reduce((sum, row) => sum + row._count._all, 0),
    );
    expect(sample!.synced).toBe(byStatus.Synced);
    expect(sample!.latestVersion).toBe(await database.db.configVersion.count());
  });
});
