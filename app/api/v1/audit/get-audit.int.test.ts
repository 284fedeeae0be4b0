import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/schemas/node-protocol";
import { auditExportSchema, type AuditExport } from "@/lib/schemas/voting";
import { getDb } from "@/lib/server/platform/db";
import { openRound } from "@/lib/server/voting/open-round";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getAuditResponse } from "./get-audit";
import { GET } from "./route";

const now = new Date("2026-12-01T12:00:00.000Z");
const request = (query: string) => new Request(`http://localhost/api/v1/audit${query}`);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
  await prepareVotingRound(database.db, {
    now,
    nodesPerOperator: [1],
    proposals: [
      { title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } },
      { title: "Raise the quorum", changes: { "gov.quorum": 0.25 } },
    ],
  });
  // round.opened and one proposal.voting per proposal: 3 events.
  await openRound(database.db, { now });
});
afterAll(async () => {
  await (await getDb()).$disconnect();
  await database.drop();
});

async function audit(query: string): Promise<AuditExport> {
  const response = await getAuditResponse(database.db, request(query));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body: unknown = await response.json();
  expect(auditExportSchema.parse(body)).toEqual(body);
  return body as AuditExport;
}

describe("GET /api/v1/audit", () => {
  it("answers every event from the start by default, with the head", async () => {
    const whole = await audit("");
    expect(whole.events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(whole.events[0]).toMatchObject({ type: "round.opened", at: now.toISOString(), prevHash: "" });
    expect(whole.head).toEqual({ seq: 3, hash: whole.events[2]!.hash });
  });

  it("pages with after and limit", async () => {
    const whole = await audit("");
    expect(await audit("?after=1&limit=1")).toEqual({ events: [whole.events[1]], head: whole.head });
    expect(await audit("?after=3")).toEqual({ events: [], head: whole.head });
  });

  it.each([
    ["?limit=0", /^limit: /],
    ["?limit=1001", /^limit: .*at most 1000/],
    ["?after=-1", /^after: /],
    ["?after=abc", /^after: .*whole number/],
  ])("answers 400 naming the parameter for %s", async (query, message) => {
    const response = await getAuditResponse(database.db, request(query));
    expect(response.status).toBe(400);
    const body = errorBodySchema.strict().parse(await response.json());
    expect(body.error.code).toBe("BAD_INPUT");
    expect(body.error.message).toMatch(message);
  });

  it("is served by the route from the configured database", async () => {
    const response = await GET(request("?limit=2"));
    expect(response.status).toBe(200);
    expect(((await response.json()) as AuditExport).events.map((event) => event.seq)).toEqual([1, 2]);
  });
});
