import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertOperatorWithRole, insertSyncNode } from "@/lib/server/testing/sync-fixtures";
import { issueConfigVersion } from "../governance/issue-config-version";
import { ensurePlatform } from "../platform/ensure-platform";
import { COVERAGE_SERIES_MAX_POINTS, getSyncOverview, listSyncAttempts, listSyncNodes } from "./sync-queries";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR);

let database: TestDatabase;
let alice: Awaited<ReturnType<typeof insertOperatorWithRole>>;
let bob: Awaited<ReturnType<typeof insertOperatorWithRole>>;
let steward: Awaited<ReturnType<typeof insertOperatorWithRole>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, { networkName: "Sync test", now: at(48) });
  // Version 2 is scheduled, not active: coverage is measured on the ACTIVE version 1.
  await issueConfigVersion(db, {
    params: defaultParameterValues(),
    activateAt: new Date(NOW.getTime() + 24 * HOUR),
    proposals: [],
    now: at(1),
  });
  alice = await insertOperatorWithRole(db, "Alice Sync");
  bob = await insertOperatorWithRole(db, "Bob Sync");
  steward = await insertOperatorWithRole(db, "Stella Steward", "steward");
  const endpoint = "http://127.0.0.2:4000/nodes/x";
  const nodes = [
    { key: "synced", name: "a-synced", endpointUrl: endpoint, status: "Synced", acknowledgedVersion: 2 },
    {
      key: "degraded",
      name: "a-degraded",
      endpointUrl: endpoint,
      status: "Degraded",
      acknowledgedVersion: 1,
      lastError: "NACK BAD_SIGNATURE from http://127.0.0.2:4000/nodes/x (secret whsec_c2VjcmV0)",
      lastAttemptAt: at(0.5),
    },
    {
      key: "pending",
      name: "a_pending",
      endpointUrl: endpoint,
      status: "Pending",
      acknowledgedVersion: null,
    },
    {
      key: "gone",
      name: "a-gone",
      endpointUrl: endpoint,
      status: "Gone",
      nodeStatus: "Gone" as const,
      acknowledgedVersion: 1,
    },
    { key: "plainSynced", name: "b-plain-synced", status: "Synced", reportedConfigVersion: 1 },
    { key: "plainBehind", name: "b-plain-behind", status: "OutOfSync", reportedConfigVersion: null },
    // Synced by status but on an old version: not counted as covered.
    { key: "stale", name: "b-stale", endpointUrl: endpoint, status: "Synced", acknowledgedVersion: 0 },
  ];
  for (const { key, ...node } of nodes) {
    ids[key] = await insertSyncNode(db, {
      operatorId: key.startsWith("plain") || key === "stale" ? bob.id : alice.id,
      nextAttemptAt: at(-1),
      ...node,
    });
  }
  await db.syncCoverageSample.createMany({
    data: [
      { at: at(25), latestVersion: 1, nodes: 10, synced: 2, byStatus: "{}" },
      { at: at(2), latestVersion: 1, nodes: 10, synced: 5, byStatus: "{}" },
      { at: at(1), latestVersion: 2, nodes: 0, synced: 0, byStatus: "{}" },
      { at: at(0), latestVersion: 2, nodes: 10, synced: 10, byStatus: "{}" },
      { at: at(-1), latestVersion: 2, nodes: 10, synced: 1, byStatus: "{}" },
    ],
  });
});
afterAll(() => database.drop());

describe("getSyncOverview", () => {
  it("counts the statuses of nodes with an endpoint and measures coverage on the active version, nodes without one apart", async () => {
    const overview = await getSyncOverview(database.db, { range: "24h", now: NOW });
    expect(overview).toMatchObject({ latestVersion: 2, activeVersion: 1, totalNodes: 5 });
    expect(overview.scheduledVersions.map((version) => version.version)).toEqual([2]);
    expect(overview.counts).toEqual({
      Synced: 2,
      Pending: 1,
      OutOfSync: 0,
      Degraded: 1,
      Unreachable: 0,
      Quarantined: 0,
      Gone: 1,
    });
    // a-synced, a-degraded, a_pending, b-stale have endpoints and are not Gone; only a-synced is covered.
    expect(overview.withEndpoint).toEqual({ nodes: 4, synced: 1, coverage: 0.25 });
    expect(overview.withoutEndpoint).toEqual({ nodes: 2, synced: 1, coverage: 0.5 });
  });

  it("draws coverage from the worker's samples within the range, skipping samples with no nodes", async () => {
    const day = await getSyncOverview(database.db, { range: "24h", now: NOW });
    expect(day.series.points.map((point) => [point.at, point.coverage])).toEqual([
      [at(2), 0.5],
      [at(0), 1],
    ]);
    expect(day.series.from).toEqual(at(24));
    const week = await getSyncOverview(database.db, { range: "7d", now: NOW });
    expect(week.series.points.map((point) => point.coverage)).toEqual([0.2, 0.5, 1]);
  });

  it("downsamples a long series to at most one point per chart pixel, keeping a dip", async () => {
    const fresh = await createTestDatabase();
    try {
      await ensurePlatform(fresh.db, { networkName: "Series", now: at(800) });
      const samples = 2_000;
      await fresh.db.syncCoverageSample.createMany({
        data: Array.from({ length: samples }, (_, index) => ({
          at: new Date(NOW.getTime() - index * 20 * 60_000),
          latestVersion: 1,
          nodes: 100,
          synced: index === 1_234 ? 3 : 90,
          byStatus: "{}",
        })),
      });
      const overview = await getSyncOverview(fresh.db, { range: "30d", now: NOW });
      expect(overview.series.sampleCount).toBe(samples);
      expect(overview.series.points).toHaveLength(COVERAGE_SERIES_MAX_POINTS);
      expect(overview.series.points.some((point) => point.coverage === 0.03)).toBe(true);
      expect(overview.withEndpoint.coverage).toBeNull();
    } finally {
      await fresh.drop();
    }
  });
});

describe("listSyncNodes", () => {
  const query = { page: 1, pageSize: 25 as const, search: undefined };

  it("lists every node in name order with its versions, never its endpoint URL or secret", async () => {
    const list = await listSyncNodes(database.db, { ...query, viewer: null });
    // Sorted here too: the database's collation decides where "_" and "-" go.
    expect(list.rows.map((row) => row.name).sort()).toEqual(
      ["a_pending", "a-degraded", "a-gone", "a-synced", "b-plain-behind", "b-plain-synced", "b-stale"].sort(),
    );
    expect(list).toMatchObject({ total: 7, page: 1, pageCount: 1 });
    const text = JSON.stringify(list);
    expect(text).not.toContain("127.0.0.2");
    expect(text).not.toContain("whsec_");
    expect(text).not.toContain("endpointUrl");
    const degraded = list.rows.find((row) => row.nodeId === ids.degraded)!;
    expect(degraded).toMatchObject({
      operatorName: "Alice Sync",
      hasEndpoint: true,
      status: "Degraded",
      acknowledgedVersion: 1,
      lastAttemptAt: at(0.5),
      // Anonymous: only the public category (no attempt recorded here, so the general one).
      lastError: "The last delivery attempt failed.",
      nextAttemptAt: at(-1),
    });
    const forOperator = await listSyncNodes(database.db, { ...query, viewer: alice });
    expect(forOperator.rows.find((row) => row.nodeId === ids.degraded)!.lastError).toBe(
      "NACK BAD_SIGNATURE from [endpoint] (secret [secret])",
    );
    const plain = list.rows.find((row) => row.nodeId === ids.plainSynced)!;
    expect(plain).toMatchObject({ hasEndpoint: false, observedVersion: 1, nextAttemptAt: null });
    expect(list.rows.find((row) => row.nodeId === ids.gone)!.nextAttemptAt).toBeNull();
  });

  it("filters by status and searches node names, taking LIKE wildcards literally", async () => {
    const degraded = await listSyncNodes(database.db, { ...query, status: "Degraded", viewer: null });
    expect(degraded.rows.map((row) => row.nodeId)).toEqual([ids.degraded]);
    const plain = await listSyncNodes(database.db, { ...query, search: "PLAIN", viewer: null });
    expect(plain.rows.map((row) => row.name)).toEqual(["b-plain-behind", "b-plain-synced"]);
    const underscore = await listSyncNodes(database.db, { ...query, search: "_", viewer: null });
    expect(underscore.rows.map((row) => row.name)).toEqual(["a_pending"]);
    const none = await listSyncNodes(database.db, {
      ...query,
      search: "zzz",
      status: "Synced",
      viewer: null,
    });
    expect(none).toMatchObject({ rows: [], total: 0, pageCount: 1 });
  });

  it("pages through the table; a page past the end is empty but keeps the total", async () => {
    const second = await listSyncNodes(database.db, { ...query, page: 2, pageSize: 10, viewer: null });
    expect(second).toMatchObject({ rows: [], total: 7, pageCount: 1 });
    const firstOfMany = await listSyncNodes(database.db, { ...query, pageSize: 10, viewer: null });
    expect(firstOfMany.rows).toHaveLength(7);
  });

  it("offers retry now to the node's operator and stewards, only for retryable statuses with an endpoint", async () => {
    const retryable = async (viewer: Parameters<typeof listSyncNodes>[1]["viewer"]) =>
      (await listSyncNodes(database.db, { ...query, viewer })).rows
        .filter((row) => row.canRetryNow)
        .map((row) => row.nodeId);
    expect(await retryable(null)).toEqual([]);
    expect(await retryable(alice)).toEqual([ids.degraded]);
    expect(await retryable(bob)).toEqual([]);
    expect(await retryable(steward)).toEqual([ids.degraded]);
  });
});

describe("listSyncAttempts", () => {
  it("shows a node's attempts newest first, 25 a page, with the stored reply excerpt and a scrubbed error", async () => {
    await database.db.syncAttempt.createMany({
      data: Array.from({ length: 30 }, (_, index) => ({
        nodeId: ids.degraded!,
        kind: index % 10 === 9 ? "read-back" : "push",
        startedAt: new Date(at(10).getTime() + index * 20 * 60_000),
        durationMs: 12 + index,
        version: 2,
        httpStatus: 422,
        outcome: "nack",
        error: `BAD_SIGNATURE at 10.0.0.${index}`,
        replyExcerpt: `{"status":"NACK","attempt":${index}}`,
        workerId: "worker-1",
      })),
    });
    const first = await listSyncAttempts(database.db, { nodeId: ids.degraded!, page: 1, viewer: alice });
    expect(first).toMatchObject({ total: 30, page: 1, pageSize: 25, pageCount: 2 });
    expect(first.node).toEqual({ id: ids.degraded, name: "a-degraded", operatorName: "Alice Sync" });
    expect(first.sync).toMatchObject({ status: "Degraded", canRetryNow: true });
    expect(first.attempts).toHaveLength(25);
    expect(first.attempts[0]).toMatchObject({
      durationMs: 41,
      httpStatus: 422,
      error: "BAD_SIGNATURE at [address]",
      replyExcerpt: '{"status":"NACK","attempt":29}',
    });
    const second = await listSyncAttempts(database.db, { nodeId: ids.degraded!, page: 2, viewer: null });
    expect(second.attempts.map((attempt) => attempt.durationMs)).toEqual([16, 15, 14, 13, 12]);
    expect(second.sync?.canRetryNow).toBe(false);
  });

  it("says when the node does not exist, and shows no sync state for a node without one", async () => {
    await expect(
      listSyncAttempts(database.db, { nodeId: "missing", page: 1, viewer: null }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { id } = await database.db.node.create({
      data: {
        operatorId: bob.id,
        name: "no-sync",
        nameSearch: "no-sync",
        publicKey: "no-sync-key",
        region: "x",
      },
      select: { id: true },
    });
    const result = await listSyncAttempts(database.db, { nodeId: id, page: 1, viewer: null });
    expect(result).toMatchObject({ sync: null, attempts: [], total: 0, pageCount: 1 });
  });
});
