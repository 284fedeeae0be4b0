import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  getActiveConfigVersion,
  getConfigVersion,
  getLatestConfigVersion,
  listConfigHistory,
} from "./config-version-queries";
import { issueConfigVersion } from "./issue-config-version";
import { ensurePlatform } from "../platform/ensure-platform";

const genesisTime = new Date("2026-06-01T00:00:00.000Z");
const defaults = defaultParameterValues();

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Config tests", now: genesisTime });
  // Versions 2–4, each to take effect an hour after it is issued; none is activated yet.
  const versions = [
    { params: { ...defaults, "gov.quorum": 0.3 }, at: "2026-06-02T00:00:00Z", proposals: ["prop_1"] },
    { params: defaults, at: "2026-06-03T00:00:00Z", proposals: [] },
    { params: { ...defaults, "gov.quorum": 0.25 }, at: "2026-06-04T00:00:00Z", proposals: [] },
  ];
  for (const { params, at, proposals } of versions) {
    const now = new Date(at);
    await issueConfigVersion(database.db, {
      params,
      activateAt: new Date(now.getTime() + 3_600_000),
      proposals,
      now,
    });
  }
});
afterAll(async () => {
  await database.drop();
});

describe("reading versions", () => {
  it("getConfigVersion returns the stored bytes and names the latest version when missing", async () => {
    const latest = await getLatestConfigVersion(database.db);
    expect(await getConfigVersion(database.db, latest.version)).toEqual(latest);
    const error = await getConfigVersion(database.db, 999).catch((reason: unknown) => reason);
    expect(error).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining(`1 to ${latest.version}`),
    });
  });

  it("getActiveConfigVersion is the highest activated version, not the latest issued", async () => {
    const active = await getActiveConfigVersion(database.db);
    expect(active).toMatchObject({ version: 1, activatedAt: genesisTime, params: defaults, proposals: [] });
    await database.db.configVersion.update({
      where: { version: 2 },
      data: { activatedAt: new Date("2026-06-02T01:00:00Z") },
    });
    const next = await getActiveConfigVersion(database.db);
    expect(next.version).toBe(2);
    expect(next.params["gov.quorum"]).toBe(0.3);
  });
});

describe("listConfigHistory", () => {
  it("lists newest first with the changes from each previous version", async () => {
    const latest = (await getLatestConfigVersion(database.db)).version;
    const { entries, nextBeforeVersion } = await listConfigHistory(database.db, { limit: 100 });
    expect(nextBeforeVersion).toBeNull();
    expect(entries.map((entry) => entry.version)).toEqual(
      Array.from({ length: latest }, (_, index) => latest - index),
    );
    const byVersion = new Map(entries.map((entry) => [entry.version, entry]));
    expect(byVersion.get(1)).toMatchObject({
      changes: [],
      prevSha256: "",
      isActive: false,
      activatedAt: genesisTime,
    });
    expect(byVersion.get(2)).toMatchObject({
      isActive: true,
      proposals: ["prop_1"],
      changes: [{ key: "gov.quorum", from: 0.2, to: 0.3 }],
    });
    expect(byVersion.get(3)?.changes).toEqual([{ key: "gov.quorum", from: 0.3, to: 0.2 }]);
    expect(entries.filter((entry) => entry.isActive)).toHaveLength(1);
    for (const entry of entries) {
      expect(entry.signatureFingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
      expect(entry.params).toEqual(expect.objectContaining({ "gov.quorum": expect.any(Number) }));
    }
  });

  it("pages with beforeVersion and diffs the oldest entry of a page against the next page", async () => {
    const latest = (await getLatestConfigVersion(database.db)).version;
    const first = await listConfigHistory(database.db, { limit: 2 });
    expect(first.entries.map((entry) => entry.version)).toEqual([latest, latest - 1]);
    expect(first.nextBeforeVersion).toBe(latest - 1);
    const all = await listConfigHistory(database.db, { limit: 100 });
    expect(first.entries).toEqual(all.entries.slice(0, 2));

    const seen: number[] = [];
    let beforeVersion: number | undefined;
    for (;;) {
      const page = await listConfigHistory(database.db, { limit: 2, beforeVersion });
      seen.push(...page.entries.map((entry) => entry.version));
      if (page.nextBeforeVersion === null) break;
      beforeVersion = page.nextBeforeVersion;
    }
    expect(seen).toEqual(all.entries.map((entry) => entry.version));
  });

  it.each([0, 101, 1.5])("refuses limit %s", async (limit) => {
    await expect(listConfigHistory(database.db, { limit })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
