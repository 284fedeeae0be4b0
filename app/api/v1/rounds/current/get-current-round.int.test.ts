import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/schemas/node-protocol";
import { currentRoundSchema } from "@/lib/schemas/voting";
import { getDb } from "@/lib/server/platform/db";
import { openRound } from "@/lib/server/voting/open-round";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getCurrentRoundResponse } from "./get-current-round";
import { GET } from "./route";

const now = new Date();

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
});
afterAll(async () => {
  await (await getDb()).$disconnect();
  await database.drop();
});

describe("GET /api/v1/rounds/current", () => {
  it("answers 404 with an error body saying how rounds open when none is open", async () => {
    const response = await getCurrentRoundResponse(database.db, now);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = errorBodySchema.strict().parse(await response.json());
    expect(body.error).toEqual({
      code: "NOT_FOUND",
      message: expect.stringContaining("No voting round is open. No round has opened yet."),
    });
  });

  it("answers 200 with the open round in the protocol's shape, cached briefly, from the route with the server clock", async () => {
    const { proposalIds } = await prepareVotingRound(database.db, {
      now,
      nodesPerOperator: [1],
      proposals: [{ title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } }],
    });
    const round = await openRound(database.db, { now });
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d{1,2}$/);
    const body: unknown = await response.json();
    expect(currentRoundSchema.parse(body)).toEqual(body);
    expect(body).toEqual({
      roundId: round.roundId,
      opensAt: now.toISOString(),
      closesAt: round.closesAt.toISOString(),
      proposals: [
        {
          id: proposalIds[0],
          title: "Raise the upload reward",
          summary: "Raise the upload reward.",
          changes: [{ key: "reward.perGbUploaded", from: 1, to: 1.5 }],
        },
      ],
    });
  });
});
