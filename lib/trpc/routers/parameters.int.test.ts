import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues, PARAMETER_KEYS } from "@/lib/domain/parameters/catalogue";
import { PARAMETER_CATEGORIES } from "@/lib/domain/parameters/parameter-definition";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { bootstrapTestPlatform, createTestCaller, TEST_NOW } from "../testing/router-test-setup";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
});
afterAll(async () => {
  await database.drop();
});

const valueOf = (
  catalogue: Awaited<ReturnType<ReturnType<typeof createTestCaller>["parameters"]["catalogue"]>>,
  key: string,
) => catalogue.categories.flatMap((category) => category.parameters).find((p) => p.key === key)?.value;

describe("parameters.catalogue", () => {
  it("lists every parameter once, grouped by category in catalogue order", async () => {
    const catalogue = await createTestCaller(database.db).parameters.catalogue();
    expect(catalogue.categories.map((category) => category.id)).toEqual(
      PARAMETER_CATEGORIES.map((c) => c.id),
    );
    const keys = catalogue.categories.flatMap((category) => category.parameters.map((p) => p.key));
    expect(keys).toEqual([...PARAMETER_KEYS]);
    for (const category of catalogue.categories) {
      expect(category.parameters.every((p) => p.key.startsWith(`${category.id}.`))).toBe(true);
    }
  });

  it("shows the genesis values (the defaults) right after bootstrap", async () => {
    const catalogue = await createTestCaller(database.db).parameters.catalogue();
    expect(catalogue.version).toBe(1);
    const defaults = defaultParameterValues();
    for (const key of PARAMETER_KEYS) expect(valueOf(catalogue, key)).toBe(defaults[key]);
  });

  it("shows the values of the active version, not of a scheduled one", async () => {
    const activeNow = new Date(TEST_NOW.getTime() + 60_000);
    await issueConfigVersion(database.db, {
      params: { ...defaultParameterValues(), "reward.perGbUploaded": 2.5 },
      activateAt: activeNow,
      proposals: [],
      now: TEST_NOW,
    });
    await activateDueConfigVersions(database.db, { now: activeNow });
    await issueConfigVersion(database.db, {
      params: { ...defaultParameterValues(), "reward.perGbUploaded": 7 },
      activateAt: new Date(activeNow.getTime() + 86_400_000),
      proposals: [],
      now: activeNow,
    });

    const catalogue = await createTestCaller(database.db, activeNow).parameters.catalogue();
    expect(catalogue.version).toBe(2);
    expect(valueOf(catalogue, "reward.perGbUploaded")).toBe(2.5);
    expect(valueOf(catalogue, "gov.quorum")).toBe(defaultParameterValues()["gov.quorum"]);
  });

  it("sends no zod schema or other non-data fields", async () => {
    const catalogue = await createTestCaller(database.db).parameters.catalogue();
    const [first] = catalogue.categories[0]?.parameters ?? [];
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        "default",
        "description",
        "key",
        "kind",
        "label",
        "max",
        "min",
        "step",
        "unit",
        "value",
        "whenLowered",
        "whenRaised",
      ].sort(),
    );
  });
});
