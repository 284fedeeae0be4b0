import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import { defaultParameterValues, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import { configVersionResponseSchema } from "@/lib/schemas/node-protocol";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getLatestConfigVersion } from "./config-version-queries";
import { issueConfigVersion } from "./issue-config-version";
import { ensurePlatform } from "../platform/ensure-platform";

const genesisTime = new Date("2026-06-01T00:00:00.000Z");
const defaults = defaultParameterValues();

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Config tests", now: genesisTime });
});
afterAll(async () => {
  await database.drop();
});

function issue(params: ParameterValues, at: string, proposals: string[] = []) {
  const now = new Date(at);
  return issueConfigVersion(database.db, {
    params,
    activateAt: new Date(now.getTime() + 3_600_000),
    proposals,
    now,
  });
}

function envelopeOf(response: { envelope: string }) {
  return parseConfigEnvelope(Buffer.from(response.envelope, "base64url").toString("utf8"));
}

describe("issueConfigVersion", () => {
  it("issues version N+1 chained to version N by its SHA-256", async () => {
    const genesis = await getLatestConfigVersion(database.db);
    const issued = await issue({ ...defaults, "gov.quorum": 0.3 }, "2026-06-02T00:00:00Z", ["prop_1"]);
    expect(configVersionResponseSchema.parse(issued)).toEqual(issued);
    expect(issued.version).toBe(genesis.version + 1);
    const envelope = envelopeOf(issued);
    expect(envelope).toMatchObject({
      version: 2,
      prevSha256: genesis.sha256,
      issuedAt: "2026-06-02T00:00:00.000Z",
      activateAt: "2026-06-02T01:00:00.000Z",
      proposals: ["prop_1"],
    });
    expect(envelope.params["gov.quorum"]).toBe(0.3);
    expect(issued.sha256).toBe(
      createHash("sha256").update(Buffer.from(issued.envelope, "base64url")).digest("hex"),
    );
    const row = await database.db.configVersion.findUniqueOrThrow({ where: { version: 2 } });
    expect(row).toMatchObject({ prevSha256: genesis.sha256, activatedAt: null, sha256: issued.sha256 });
  });

  it("increments by exactly 1 each time", async () => {
    const first = await issue(defaults, "2026-06-03T00:00:00Z");
    const second = await issue({ ...defaults, "gov.quorum": 0.25 }, "2026-06-04T00:00:00Z");
    expect(second.version).toBe(first.version + 1);
    expect(envelopeOf(second).prevSha256).toBe(first.sha256);
  });

  it("refuses invalid params with every violation and stores nothing", async () => {
    const before = await database.db.configVersion.count();
    const params = {
      ...defaults,
      "gov.quorum": 5,
      "gov.voiceCreditsPerNode": 1.5,
      "selection.weightSpeed": 0.9,
    };
    const error = await issue(params, "2026-06-05T00:00:00Z").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe("UNPROCESSABLE");
    const violations = domainError.details?.violations as { keys: string[]; code: string; message: string }[];
    expect(violations.map((violation) => violation.keys[0])).toEqual(
      expect.arrayContaining(["gov.quorum", "gov.voiceCreditsPerNode", "selection.weightSpeed"]),
    );
    expect(violations.length).toBeGreaterThanOrEqual(3);
    for (const violation of violations) expect(domainError.message).toContain(violation.message);
    expect(await database.db.configVersion.count()).toBe(before);
  });

  it("joins the caller's transaction: a rollback stores nothing", async () => {
    const before = await getLatestConfigVersion(database.db);
    const rollback = new Error("roll back");
    await expect(
      database.db.$transaction(async (tx) => {
        const issued = await issueConfigVersion(tx, {
          params: defaults,
          activateAt: genesisTime,
          proposals: [],
          now: new Date("2026-06-06T00:00:00Z"),
        });
        expect(issued.version).toBe(before.version + 1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await getLatestConfigVersion(database.db)).version).toBe(before.version);
  });

  it("never gives two concurrent issues the same version", async () => {
    const before = (await getLatestConfigVersion(database.db)).version;
    const outcomes = await Promise.allSettled(
      [0.3, 0.31, 0.32, 0.33].map((quorum, index) =>
        issue({ ...defaults, "gov.quorum": quorum }, `2026-06-07T00:00:0${index}Z`),
      ),
    );
    const issued = outcomes.flatMap((outcome) =>
      outcome.status === "fulfilled" ? [outcome.value.version] : [],
    );
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect(new Set(issued).size).toBe(issued.length);
    const versions = await database.db.configVersion.findMany({
      select: { version: true },
      orderBy: { version: "asc" },
    });
    expect(versions.map((row) => row.version)).toEqual(
      Array.from({ length: before + issued.length }, (_, index) => index + 1),
    );
    // The chain stays unbroken whoever won.
    const rows = await database.db.configVersion.findMany({ orderBy: { version: "asc" } });
    for (let index = 1; index < rows.length; index++) {
      expect(rows[index]!.prevSha256).toBe(rows[index - 1]!.sha256);
    }
  });
});
