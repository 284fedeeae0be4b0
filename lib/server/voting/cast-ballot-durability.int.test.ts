/**
 * A receipt promises the ballot is stored: the transaction that stored it must have committed with
 * synchronous = FULL (in WAL mode the WAL is synced on every commit), or a power loss could drop a ballot
 * whose receipt was already handed out. Checked on the connection the web app and the worker use
 * (getDb()): a TEMP trigger lives on one connection only, so a row it records proves the write ran on that
 * connection, and it records `PRAGMA synchronous` inside the writing transaction (where the setting cannot
 * change, so it is the one the commit runs with).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, SQLITE_SYNCHRONOUS_FULL, databaseKind, type Db } from "@/lib/server/platform/db";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { castNodeBallot, castWebBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const MINUTE_MS = 60_000;
const BALLOT_PATH = "/api/v1/ballots";

let database: TestDatabase;
let db: Db;
let round: OpenedRound;
let operators: TestNode[][];
let proposalIds: string[];

/** Rows written to `table` on this connection, each with the synchronous level its transaction ran at. */
async function watchCommits(table: "Ballot" | "ConfigVersion" | "GovernanceEvent"): Promise<void> {
  await db.$executeRawUnsafe(
    `CREATE TEMP TABLE IF NOT EXISTS "commit_sync" ("tableName" TEXT NOT NULL, "level" INTEGER NOT NULL)`,
  );
  await db.$executeRawUnsafe(
    `CREATE TEMP TRIGGER IF NOT EXISTS "commit_sync_${table}" AFTER INSERT ON main."${table}" BEGIN
       INSERT INTO "commit_sync" SELECT '${table}', "synchronous" FROM pragma_synchronous();
     END`,
  );
}

async function recordedLevels(): Promise<Record<string, number[]>> {
  const rows = await db.$queryRawUnsafe<{ tableName: string; level: bigint | number }[]>(
    `SELECT "tableName", "level" FROM "commit_sync" ORDER BY rowid`,
  );
  const levels: Record<string, number[]> = {};
  for (const { tableName, level } of rows) (levels[tableName] ??= []).push(Number(level));
  await db.$executeRawUnsafe(`DELETE FROM "commit_sync"`);
  return levels;
}

function signedBallot(node: TestNode, body: unknown, at: Date) {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const headers = signNodeRequest({
    privateKey: node.privateKey,
    nodeId: node.nodeId,
    method: "POST",
    path: BALLOT_PATH,
    body: bytes,
    timestamp: Math.floor(at.getTime() / 1000),
  });
  return {
    headers: new Headers(headers),
    method: "POST",
    path: BALLOT_PATH,
    bodyBytes: bytes,
    now: at,
    publicUrl: "http://plenum.test",
    sourceAddress: "192.0.2.10",
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
  db = await getDb();
  ({ operators, proposalIds } = await prepareVotingRound(db, {
    now: NOW,
    nodesPerOperator: [1, 1, 1],
    proposals: [{ title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } }],
  }));
  // Nodes start without the permission to cast their operator's ballot.
  await db.node.updateMany({ data: { mayVote: true } });
  round = await openRound(db, { now: NOW });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe.runIf(process.env.PLENUM_TEST_POSTGRES_URL === undefined)("ballot durability (SQLite)", () => {
  it("runs the process-wide connection with synchronous = FULL", async () => {
    expect(databaseKind(db)).toBe("sqlite");
    const [row] = await db.$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
    expect(Number(row?.synchronous)).toBe(SQLITE_SYNCHRONOUS_FULL);
  });

  it("commits a web ballot and a node ballot with synchronous = FULL before their receipts are returned", async () => {
    await watchCommits("Ballot");
    const web = await castWebBallot(db, {
      operatorId: operators[0]![0]!.operatorId,
      roundId: round.roundId,
      allocations: [{ proposalId: proposalIds[0]!, votes: 5 }],
      now: new Date(NOW.getTime() + MINUTE_MS),
    });
    const node = await castNodeBallot(
      db,
      signedBallot(
        operators[1]![0]!,
        { roundId: round.roundId, allocations: [{ proposalId: proposalIds[0]!, votes: -3 }] },
        new Date(NOW.getTime() + 2 * MINUTE_MS),
      ),
    );
    expect(web.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(node.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(await recordedLevels()).toEqual({ Ballot: [SQLITE_SYNCHRONOUS_FULL, SQLITE_SYNCHRONOUS_FULL] });
  });

  it("keeps FULL on the connection Prisma opens again after a disconnect", async () => {
    await db.$disconnect();
    await watchCommits("Ballot");
    await castWebBallot(db, {
      operatorId: operators[2]![0]!.operatorId,
      roundId: round.roundId,
      allocations: [{ proposalId: proposalIds[0]!, votes: 2 }],
      now: new Date(NOW.getTime() + 3 * MINUTE_MS),
    });
    expect(await recordedLevels()).toEqual({ Ballot: [SQLITE_SYNCHRONOUS_FULL] });
  });

  it("closes the round and issues the next config version with synchronous = FULL", async () => {
    await watchCommits("ConfigVersion");
    await watchCommits("GovernanceEvent");
    await closeRound(db, { now: round.closesAt, roundId: round.roundId });
    const levels = await recordedLevels();
    expect(levels.ConfigVersion).toEqual([SQLITE_SYNCHRONOUS_FULL]);
    expect(levels.GovernanceEvent?.length).toBeGreaterThan(0);
    expect(new Set(levels.GovernanceEvent)).toEqual(new Set([SQLITE_SYNCHRONOUS_FULL]));
  });
});
