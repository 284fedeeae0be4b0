import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/schemas/node-protocol";
import { roundBallotsExportSchema, type RoundBallotsExport } from "@/lib/schemas/voting";
import { getDb } from "@/lib/server/platform/db";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getRoundBallotsResponse } from "./get-round-ballots";
import { GET } from "./route";

const now = new Date("2026-12-01T12:00:00.000Z");

let database: TestDatabase;
let round: OpenedRound;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
  const { operators, proposalIds } = await prepareVotingRound(database.db, {
    now,
    nodesPerOperator: [1],
    proposals: [{ title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } }],
  });
  round = await openRound(database.db, { now });
  for (const [minutes, votes] of [
    [1, 3],
    [2, 9],
  ] as const) {
    await castBallot(database.db, {
      operatorId: operators[0]![0]!.operatorId,
      roundId: round.roundId,
      allocations: [{ proposalId: proposalIds[0]!, votes }],
      source: "web",
      now: new Date(now.getTime() + minutes * 60_000),
    });
  }
});
afterAll(async () => {
  await (await getDb()).$disconnect();
  await database.drop();
});

function get(roundId: string, query = "", headers: Record<string, string> = {}): Promise<Response> {
  return getRoundBallotsResponse(
    database.db,
    new Request(`http://localhost/api/v1/rounds/${roundId}/ballots${query}`, { headers }),
    Promise.resolve({ roundId }),
  );
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = errorBodySchema.strict().parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

async function exported(response: Response): Promise<RoundBallotsExport> {
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  expect(roundBallotsExportSchema.parse(body)).toEqual(body);
  return body as RoundBallotsExport;
}

describe("GET /api/v1/rounds/{roundId}/ballots", () => {
  it("answers 409 while the round is open", async () => {
    const message = await expectError(await get(round.roundId), 409, "CONFLICT");
    expect(message).toContain("still open");
  });

  it("answers 404 for an unknown round and 400 for a malformed id or all", async () => {
    await expectError(await get("no_such_round"), 404, "NOT_FOUND");
    expect(await expectError(await get("bad id!"), 400, "BAD_INPUT")).toMatch(/^roundId: /);
    expect(await expectError(await get(round.roundId, "?all=yes"), 400, "BAD_INPUT")).toMatch(/^all: /);
  });

  describe("after the round closed", () => {
    beforeAll(async () => {
      await closeRound(database.db, { now: new Date(now.getTime() + 3_600_000), roundId: round.roundId });
    });

    it("answers the counted ballots, immutable and cacheable, and 304 to its ETag", async () => {
      const response = await get(round.roundId);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const etag = response.headers.get("etag");
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const body = await exported(response);
      expect(body.ballots.map((ballot) => ballot.cost)).toEqual([81]);
      const again = await get(round.roundId, "", { "if-none-match": etag! });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    });

    it("with ?all=1 answers every stored ballot in storage order, under another ETag", async () => {
      const counted = await get(round.roundId, "?all=0");
      const every = await get(round.roundId, "?all=1");
      expect(every.headers.get("etag")).not.toBe(counted.headers.get("etag"));
      const body = await exported(every);
      expect(body.ballots.map((ballot) => ballot.cost)).toEqual([9, 81]);
      expect(body.ballots[1]!.prevReceipt).toBe(body.ballots[0]!.receipt);
    });

    it("is served by the route from the configured database", async () => {
      const response = await GET(
        new Request(`http://plenum.example/api/v1/rounds/${round.roundId}/ballots?all=1`),
        {
          params: Promise.resolve({ roundId: round.roundId }),
        },
      );
      expect((await exported(response)).ballots).toHaveLength(2);
    });
  });
});
