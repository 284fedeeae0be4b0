/**
 * `npm run admin -- backup|restore` on SQLite. A backup taken while ballots keep arriving restores into a
 * fresh place where the governance chain, the closed round's exports (checked by `npm run verify`'s own
 * code) and the open round's receipt chain verify, holding exactly the ballots committed up to one point
 * — all those committed before the backup started, none torn. Restore refuses what is not a Plenum
 * backup, or a database in use, and then leaves the database as it was.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParameterKey } from "@/lib/domain/parameters/catalogue";
import { ballotReceiptInput } from "@/lib/domain/voting/ballot-receipt";
import { differingTallies } from "@/lib/domain/voting/quadratic-tally";
import { getConfigVersion } from "@/lib/server/governance/config-version-queries";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import { parseDatabaseUrl } from "@/lib/server/platform/database-url";
import { createDb, type Db } from "@/lib/server/platform/db";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { insertPresence, spreadHours } from "@/lib/server/testing/presence-fixtures";
import { insertTelemetry } from "@/lib/server/testing/telemetry-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound } from "@/lib/server/voting/open-round";
import { recountRound } from "@/lib/server/voting/recount-round";
import { exportAudit, exportRoundBallots } from "@/lib/server/voting/round-export-queries";
import { interpretExport } from "../verify/load-exports";
import { verifyExports } from "../verify/verify-exports";
import { backupSqliteDatabase } from "./sqlite-backup";
import { knownMigrations } from "./sqlite-file";
import { restoreSqliteDatabase } from "./sqlite-restore";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const OPENS = new Date("2026-12-01T12:00:00.000Z");
const at = (minutes: number) => new Date(OPENS.getTime() + minutes * 60_000);
const NO_RATE_LIMIT = { limit: 1_000_000, windowMs: 60_000 };
const isSqlite = process.env.PLENUM_TEST_POSTGRES_URL === undefined;

let database: TestDatabase;
let directory: string;
let operators: TestNode[][];
let firstRoundId: string;
let secondRoundId: string;
let secondProposalId: string;

/**
 * Round 1: three proposals drafted, published and queued through the services, four ballots, closed
 * (its events in the governance chain, config version 2 issued). Round 2: open, for ballots during the
 * backup. Plus enough telemetry that the backup takes a while.
 */
async function governanceActivity(db: Db): Promise<void> {
  ({ operators } = await prepareVotingRound(db, {
    now: OPENS,
    nodesPerOperator: [2, 1, 1, 1],
    proposals: [],
  }));
  const published = at(-3 * 24 * 60);
  const proposals: [string, ParameterKey, number][] = [
    ["Raise the upload reward", "reward.perGbUploaded", 1.5],
    ["Lower the upload reward", "reward.perGbUploaded", 0.5],
    ["Raise the quorum", "gov.quorum", 0.25],
  ];
  const proposalIds: string[] = [];
  for (const [index, [title, key, toValue]] of proposals.entries()) {
    const writer = { id: operators[index]![0]!.operatorId, role: "operator" as const };
    const input = {
      title,
      summary: `${title}: one parameter.`,
      rationale: "The backup test needs changes that the audit chain records.",
      changes: [{ key, toValue }],
    };
    const { proposalId } = await createProposalDraft(db, { writer, now: published, input });
    await publishProposal(db, { writer, now: published, proposalId });
    proposalIds.push(proposalId);
  }
  await queueReadyProposals(db, at(-60));
  const first = await openRound(db, { now: OPENS });
  firstRoundId = first.roundId;
  const ballots: [voter: number, proposal: number, votes: number][] = [
    [0, 0, 10],
    [1, 2, 3],
    [0, 1, -5],
    [2, 1, 6],
  ];
  for (const [index, [voter, proposal, votes]] of ballots.entries()) {
    await castBallot(db, {
      operatorId: operators[voter]![0]!.operatorId,
      roundId: firstRoundId,
      allocations: [{ proposalId: proposalIds[proposal]!, votes }],
      source: "web",
      now: at(10 * (index + 1)),
    });
  }
  await closeRound(db, { now: first.closesAt, roundId: firstRoundId });

  const secondOpens = new Date(first.closesAt.getTime() + 60_000);
  // A week more of full service by every node, so each stays eligible for round 2.
  await insertTelemetry(
    db,
    operators.flat().flatMap(({ nodeId }) =>
      Array.from({ length: 7 }, (_, day) => ({
        nodeId,
        at: new Date(secondOpens.getTime() - day * 86_400_000 - 60_000),
        windowSeconds: 86_400,
        uptimeSeconds: 86_400,
        bytesUp: 0n,
        bytesDown: 0n,
        peers: 8,
        medianLatencyMs: 40,
      })),
    ),
  );
  await insertPresence(db, {
    nodeIds: operators.flat().map(({ nodeId }) => nodeId),
    hourStarts: spreadHours({ end: secondOpens, count: 7 * 24, share: 1 }),
  });
  secondProposalId = await insertQueuedProposal(db, {
    authorId: operators[3]![0]!.operatorId,
    now: secondOpens,
    title: "Lower the quorum",
    changes: [{ key: "gov.quorum", toValue: 0.15 }],
  });
  secondRoundId = (await openRound(db, { now: secondOpens })).roundId;

  // Raw samples only (no rollups): bulk for the backup to copy.
  const nodeId = operators[3]![0]!.nodeId;
  await db.telemetrySample.createMany({
    data: Array.from({ length: 40_000 }, (_, index) => ({
      nodeId,
      at: new Date(OPENS.getTime() - 60 * 86_400_000 + index * 60_000),
      windowSeconds: 60,
      uptimeSeconds: 60,
      bytesUp: BigInt(index),
      bytesDown: BigInt(index),
      peers: 8,
      medianLatencyMs: 40,
      agent: "padding",
    })),
  });
}

/** Ballot `index` of round 2 (operators take turns, each one replacing its previous ballot). */
async function castSecondRoundBallot(db: Db, index: number): Promise<void> {
  const { opensAt } = await db.round.findUniqueOrThrow({
    where: { id: secondRoundId },
    select: { opensAt: true },
  });
  await castBallot(db, {
    operatorId: operators[index % operators.length]![0]!.operatorId,
    roundId: secondRoundId,
    allocations: [{ proposalId: secondProposalId, votes: (index % 7) - 3 || 1 }],
    source: "web",
    now: new Date(opensAt.getTime() + (index + 1) * 1_000),
    rateLimit: NO_RATE_LIMIT,
  });
}

/** Casts round-2 ballots one after another until `until` settles; `committed.count` counts them. */
async function castUntil(db: Db, until: Promise<unknown>, committed: { count: number }): Promise<void> {
  let isDone = false;
  const settle = () => {
    isDone = true;
  };
  until.then(settle, settle);
  while (!isDone) {
    await castSecondRoundBallot(db, committed.count);
    committed.count += 1;
    // better-sqlite3 answers synchronously, so without this the loop never lets the backup thread's
    // messages in (a web server yields on every request anyway).
    await new Promise(setImmediate);
  }
}

/** The ballots of round 2 in seq order, with everything the receipt chain covers. */
function roundBallots(db: Db, roundId: string) {
  return db.ballot.findMany({
    where: { roundId },
    orderBy: { seq: "asc" },
    select: {
      seq: true,
      operatorId: true,
      submittedAt: true,
      allocations: true,
      prevReceipt: true,
      receipt: true,
    },
  });
}

async function expectIntactReceiptChain(db: Db, roundId: string): Promise<number> {
  const ballots = await roundBallots(db, roundId);
  let head = "";
  for (const [index, ballot] of ballots.entries()) {
    expect(ballot.seq).toBe(index + 1);
    expect(ballot.prevReceipt).toBe(head);
    const input = ballotReceiptInput(head, {
      roundId,
      operatorId: ballot.operatorId,
      submittedAt: ballot.submittedAt.toISOString(),
      allocations: JSON.parse(ballot.allocations),
    });
    expect(ballot.receipt).toBe(sha256Hex(input));
    head = ballot.receipt;
  }
  const round = await db.round.findUniqueOrThrow({
    where: { id: roundId },
    select: { ballotCount: true, headReceipt: true },
  });
  expect(round).toEqual({ ballotCount: ballots.length, headReceipt: head });
  const tallies = await recountRound(db, roundId);
  expect(differingTallies(tallies.running, tallies.recount)).toEqual([]);
  return ballots.length;
}

/** The closed round checked from its public exports by the independent verifier's code. */
async function verifyClosedRound(db: Db, roundId: string) {
  const counted = await exportRoundBallots(db, { roundId, all: false });
  const version = counted.configVersion!;
  const bundle = JSON.parse(
    JSON.stringify({
      audit: await exportAudit(db, { after: 0, limit: 1000 }),
      rounds: [
        {
          counted,
          all: await exportRoundBallots(db, { roundId, all: true }),
          configs: {
            base: await getConfigVersion(db, version - 1),
            created: await getConfigVersion(db, version),
          },
        },
      ],
    }),
  ) as unknown;
  const loaded = interpretExport(bundle, "bundle");
  if (!("input" in loaded)) throw new Error(`The export is malformed: ${JSON.stringify(loaded.format)}`);
  return verifyExports(loaded.input);
}

function admin(...args: string[]) {
  return adminOn(database.target.url, ...args);
}

function adminOn(databaseUrl: string, ...args: string[]) {
  const result = spawnSync(TSX, ["scripts/admin.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PLENUM_AUTH_SECRET: "x".repeat(32) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fileHash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const databaseFile = () => (database.target.kind === "sqlite" ? database.target.filePath : "");

beforeAll(async () => {
  database = await createTestDatabase();
  directory = mkdtempSync(path.join(os.tmpdir(), "plenum-backup-"));
  if (isSqlite) await governanceActivity(database.db);
}, 120_000);
afterAll(async () => {
  await database.drop();
  const file = databaseFile();
  if (file) {
    for (const name of readdirSync(path.dirname(file))) {
      if (name.startsWith(`${path.basename(file)}.before-restore-`))
        rmSync(path.join(path.dirname(file), name));
    }
  }
  rmSync(directory, { recursive: true, force: true });
});

describe.runIf(isSqlite)("backup and restore (SQLite)", () => {
  const backupFile = () => path.join(directory, "online.sqlite");

  it("backs up while ballots are cast; the restored copy verifies and holds a prefix of the ballots", async () => {
    const { db } = database;
    const committed = { count: 0 };
    // Ballots before the backup starts…
    for (; committed.count < 20; committed.count += 1) await castSecondRoundBallot(db, committed.count);
    const beforeBackup = committed.count;
    const progress: string[] = [];
    const backup = backupSqliteDatabase({
      databasePath: databaseFile(),
      to: backupFile(),
      say: (line) => progress.push(line),
    });
    // …and while it runs, on another connection.
    await castUntil(db, backup, committed);
    const summary = await backup;
    const afterBackup = committed.count;
    expect(afterBackup).toBeGreaterThan(beforeBackup);
    expect(summary).toMatchObject({ integrity: "ok", pendingMigrations: [], migrations: knownMigrations() });
    expect(progress[0]).toContain(`to ${backupFile()}`);

    const restoredPath = path.join(directory, "fresh", "plenum.db");
    const result = await restoreSqliteDatabase({
      from: backupFile(),
      databasePath: restoredPath,
      deployMigrations: () => {
        throw new Error("the backup is as new as this build: nothing to migrate");
      },
    });
    expect(result).toMatchObject({ keptAs: null, appliedMigrations: [] });
    const restored = createDb(parseDatabaseUrl(`file:${restoredPath}`));
    try {
      expect(await verifyGovernanceChain(restored)).toEqual(await verifyGovernanceChain(db));
      expect((await verifyGovernanceChain(restored)).brokenAt).toBeNull();
      const report = await verifyClosedRound(restored, firstRoundId);
      expect(report.ok, JSON.stringify(report.groups.filter((group) => group.differences.length > 0))).toBe(
        true,
      );

      // Every ballot committed before the backup started, then a prefix of the rest: never a gap, a
      // ballot without its tallies, or a round head that points past its ballots.
      const kept = await expectIntactReceiptChain(restored, secondRoundId);
      expect(kept).toBeGreaterThanOrEqual(beforeBackup);
      expect(kept).toBeLessThanOrEqual(afterBackup);
      expect(await roundBallots(restored, secondRoundId)).toEqual(
        (await roundBallots(db, secondRoundId)).slice(0, kept),
      );
      expect(await restored.telemetrySample.count()).toBe(await db.telemetrySample.count());

      // The restored database carries on: the next ballot chains to its head.
      await castSecondRoundBallot(restored, kept);
      expect(await expectIntactReceiptChain(restored, secondRoundId)).toBe(kept + 1);
    } finally {
      await restored.$disconnect();
    }
  }, 120_000);

  it("applies the migrations an older backup lacks, and refuses one from a newer Plenum", async () => {
    const [newest] = knownMigrations().slice(-1);
    const older = path.join(directory, "older.sqlite");
    const newer = path.join(directory, "newer.sqlite");
    for (const [file, change] of [
      [older, `DELETE FROM "_prisma_migrations" WHERE migration_name = '${newest}'`],
      [
        newer,
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('future', 'x', 1, '29991231000000_future', 1, 1)`,
      ],
    ] as const) {
      writeFileSync(file, readFileSync(backupFile()));
      const bare = new Database(file);
      bare.exec(change);
      bare.close();
    }
    const deployed: string[] = [];
    const restoredPath = path.join(directory, "older", "plenum.db");
    const result = await restoreSqliteDatabase({
      from: older,
      databasePath: restoredPath,
      deployMigrations: () => deployed.push("deploy"),
    });
    expect(result.appliedMigrations).toEqual([newest]);
    expect(deployed).toEqual(["deploy"]);

    await expect(
      restoreSqliteDatabase({ from: newer, databasePath: restoredPath, deployMigrations: () => {} }),
    ).rejects.toThrow(
      /comes from a newer Plenum: this build does not know its migration\(s\) 29991231000000_future/,
    );
  });

  it("npm run admin -- backup writes a checked copy and refuses to overwrite one unless --force", async () => {
    const file = path.join(directory, "cli.sqlite");
    const written = admin("backup", file);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain("integrity:  ok");
    expect(written.stdout).toMatch(/contents: +\d+ tables, \d+ rows/);
    const again = admin("backup", file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists. Choose another file, or pass --force to replace it.");
    expect(admin("backup", file, "--force").code).toBe(0);
    const missing = admin("backup");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing <file>.");

    // On a new machine: the database's folder does not exist yet.
    const fresh = path.join(directory, "new-machine", "data", "plenum.db");
    const restored = adminOn(`file:${fresh}`, "restore", file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored into ${fresh} (there was no database there before).`);
    const copy = new Database(fresh, { readonly: true });
    const ballots = (copy.prepare(`SELECT count(*) AS n FROM "Ballot"`).get() as { n: number }).n;
    copy.close();
    expect(ballots).toBe(await database.db.ballot.count());
  }, 120_000);

  it("npm run admin -- restore refuses a file that is not a Plenum backup and leaves the database as it was", async () => {
    const text = path.join(directory, "notes.txt");
    writeFileSync(text, "not a database\n");
    const plain = path.join(directory, "plain.sqlite");
    const otherApp = path.join(directory, "other-app.sqlite");
    const bare = new Database(plain);
    bare.exec(`CREATE TABLE "recipes" ("id" INTEGER PRIMARY KEY, "name" TEXT)`);
    bare.close();
    const other = new Database(otherApp);
    other.exec(`CREATE TABLE "_prisma_migrations" (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, finished_at DATETIME, migration_name TEXT NOT NULL, logs TEXT, rolled_back_at DATETIME, started_at DATETIME NOT NULL DEFAULT current_timestamp, applied_steps_count INTEGER NOT NULL DEFAULT 0);
      INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name) VALUES ('1', 'x', 1, '20240101000000_init');
      CREATE TABLE "User" ("id" TEXT PRIMARY KEY);`);
    other.close();

    const ballots = await database.db.ballot.count();
    await database.db.$disconnect();
    const hash = fileHash(databaseFile());
    const refusals = [
      [text, "is not an SQLite database"],
      [
        plain,
        "is an SQLite database but not a Plenum one: it has no _prisma_migrations table (its tables: recipes)",
      ],
      [
        otherApp,
        "is not a Plenum database: it was migrated by another application (its migrations: 20240101000000_init",
      ],
      [path.join(directory, "missing.sqlite"), "does not exist"],
    ] as const;
    for (const [file, message] of refusals) {
      const refused = admin("restore", file);
      expect(refused.code, refused.stdout).toBe(1);
      expect(refused.stderr).toContain(message);
      expect(refused.stderr).toContain("Nothing was changed.");
    }
    expect(fileHash(databaseFile())).toBe(hash);
    expect(existsSync(`${databaseFile()}-wal`)).toBe(false);
    expect(readdirSync(path.dirname(databaseFile())).filter((name) => name.includes(".restore-"))).toEqual(
      [],
    );
    expect(await database.db.ballot.count()).toBe(ballots);
  }, 120_000);

  it("npm run admin -- restore refuses while the database is open elsewhere, then replaces it keeping the old one", async () => {
    const { db } = database;
    // One more ballot, surely after the backup; and this process holds a connection: the database is in use.
    await castSecondRoundBallot(db, await db.ballot.count({ where: { roundId: secondRoundId } }));
    const ballotsNow = await db.ballot.count();
    const busy = admin("restore", backupFile());
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain("is in use: another process still has it open");
    expect(await db.ballot.count()).toBe(ballotsNow);

    await db.$disconnect();
    const restored = admin("restore", backupFile());
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(
      `the database it replaced is kept as ${databaseFile()}.before-restore-`,
    );
    expect(restored.stdout).toContain("integrity:  ok");
    const kept = readdirSync(path.dirname(databaseFile())).filter((name) =>
      name.startsWith(`${path.basename(databaseFile())}.before-restore-`),
    );
    expect(kept).toHaveLength(1);
    const fromBackup = new Database(backupFile(), { readonly: true });
    const backedUp = (fromBackup.prepare(`SELECT count(*) AS n FROM "Ballot"`).get() as { n: number }).n;
    fromBackup.close();
    expect(await db.ballot.count()).toBe(backedUp);
    expect(backedUp).toBeLessThan(ballotsNow);
    const old = createDb(parseDatabaseUrl(`file:${path.join(path.dirname(databaseFile()), kept[0]!)}`));
    try {
      expect(await old.ballot.count()).toBe(ballotsNow);
    } finally {
      await old.$disconnect();
    }
  }, 120_000);
});
