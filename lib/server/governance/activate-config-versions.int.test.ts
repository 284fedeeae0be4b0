import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const HOUR = 3_600_000;
const T0 = new Date("2026-11-01T00:00:00.000Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Activation test", now: T0 });
});
afterAll(async () => {
  await database.drop();
});

async function issue(perGb: number, { now, activateAt }: { now: Date; activateAt: Date }) {
  const params = { ...defaultParameterValues(), "reward.perGbUploaded": perGb };
  return (await issueConfigVersion(database.db, { params, activateAt, proposals: [], now })).version;
}

async function activatedAtOf(version: number) {
  const row = await database.db.configVersion.findUniqueOrThrow({
    where: { version },
    select: { activatedAt: true },
  });
  return row.activatedAt;
}

describe("activateDueConfigVersions", () => {
  it("activates only the versions whose time has come, once", async () => {
    expect(await issue(1.1, { now: at(1), activateAt: at(2) })).toBe(2);
    expect(await issue(1.2, { now: at(1), activateAt: at(48) })).toBe(3);

    expect(await activateDueConfigVersions(database.db, { now: at(1.5) })).toEqual({ activated: [] });
    expect((await getActiveConfigVersion(database.db)).version).toBe(1);

    expect(await activateDueConfigVersions(database.db, { now: at(3) })).toEqual({ activated: [2] });
    expect(await activatedAtOf(2)).toEqual(at(3));
    expect(await activatedAtOf(3)).toBeNull();
    expect((await getActiveConfigVersion(database.db)).version).toBe(2);

    expect(await activateDueConfigVersions(database.db, { now: at(4) })).toEqual({ activated: [] });
    expect(await activatedAtOf(2)).toEqual(at(3));
  });

  it("activates the later version once the clock passes its activateAt", async () => {
    expect(await activateDueConfigVersions(database.db, { now: at(47.9) })).toEqual({ activated: [] });
    expect(await activateDueConfigVersions(database.db, { now: at(48) })).toEqual({ activated: [3] });
    expect(await activatedAtOf(3)).toEqual(at(48));
    expect((await getActiveConfigVersion(database.db)).version).toBe(3);
    expect(await activateDueConfigVersions(database.db, { now: at(100) })).toEqual({ activated: [] });
  });

  it("activates several due versions together, in ascending order", async () => {
    expect(await issue(1.3, { now: at(50), activateAt: at(60) })).toBe(4);
    expect(await issue(1.4, { now: at(51), activateAt: at(55) })).toBe(5);
    expect(await activateDueConfigVersions(database.db, { now: at(61) })).toEqual({ activated: [4, 5] });
    expect((await getActiveConfigVersion(database.db)).version).toBe(5);
  });

  it("lets only one of two concurrent runs report an activation", async () => {
    expect(await issue(1.5, { now: at(70), activateAt: at(71) })).toBe(6);
    const results = await Promise.all([
      activateDueConfigVersions(database.db, { now: at(72) }),
      activateDueConfigVersions(database.db, { now: at(72) }),
    ]);
    expect(results.flatMap((result) => result.activated)).toEqual([6]);
  });
});
