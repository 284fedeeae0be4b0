/** `npm run admin` as a real process against a test database, started through the tsx binary. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { hashEnrolmentToken } from "@/lib/server/nodes/enrolment-token-commands";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { readStoredRollups } from "@/lib/server/testing/stored-rollups";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

function admin(...args: string[]) {
  const result = spawnSync(TSX, ["scripts/admin.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.target.url, PLENUM_AUTH_SECRET: "x".repeat(32) },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function roleOf(email: string): Promise<string | undefined> {
  const operator = await database.db.operator.findUnique({ where: { email }, select: { role: true } });
  return operator?.role;
}

describe("npm run admin", () => {
  it("lists the commands and exits 2 without one; --help of a command exits 0", () => {
    const bare = admin();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain("create-admin");
    const help = admin("create-token", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--expires-hours");
  });

  it("exits 2 naming what is wrong with the usage", () => {
    const unknown = admin("make-coffee");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "make-coffee"');
    const missing = admin("grant-steward");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --email");
    const badOption = admin("grant-steward", "--email", "a@example.test", "--colour", "red");
    expect(badOption.code).toBe(2);
  }, 60_000);

  it("creates an admin who can sign in, and refuses the same email again unless --promote", async () => {
    const created = admin(
      "create-admin",
      "--email",
      "Root@Example.test",
      "--name",
      "Root",
      "--password",
      "first admin pw",
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Created admin root@example.test");
    const account = await database.db.account.findFirstOrThrow({
      where: { operator: { email: "root@example.test" } },
      select: { providerId: true, password: true, operator: { select: { role: true } } },
    });
    expect(account.providerId).toBe("credential");
    expect(account.operator.role).toBe("admin");
    expect(await verifyPassword({ hash: account.password!, password: "first admin pw" })).toBe(true);

    const again = admin(
      "create-admin",
      "--email",
      "root@example.test",
      "--name",
      "Root",
      "--password",
      "first admin pw",
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(again.stderr).toContain("--promote");

    const short = admin(
      "create-admin",
      "--email",
      "new@example.test",
      "--name",
      "New",
      "--password",
      "short",
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("10 to 128 characters");
  }, 60_000);

  it("refuses a display name that claims a role, and an email whose local part is over 64 characters", async () => {
    const claim = admin(
      "create-admin",
      "--email",
      "claim@example.test",
      "--name",
      "Petra Novakova (steward)",
      "--password",
      "first admin pw",
    );
    expect(claim.code).toBe(1);
    expect(claim.stderr).toContain('Display name must not claim a role such as "(steward)"');
    const long = admin(
      "create-admin",
      "--email",
      `${"x".repeat(65)}@example.test`,
      "--name",
      "Long Local",
      "--password",
      "first admin pw",
    );
    expect(long.code).toBe(1);
    expect(long.stderr).toContain("Email: the part before the @ is at most 64 characters (this one has 65)");
    const named = admin(
      "create-admin",
      "--email",
      "zoe@example.test",
      "--name",
      " Zoe\u0308  Martin ",
      "--password",
      "first admin pw",
    );
    expect(named.code, named.stderr).toBe(0);
    const stored = await database.db.operator.findMany({
      where: { email: { in: ["claim@example.test", "zoe@example.test"] } },
      select: { email: true, displayName: true },
    });
    expect(stored).toEqual([{ email: "zoe@example.test", displayName: "Zo\u00eb Martin" }]);
  }, 60_000);

  it("promotes, grants and revokes roles by email", async () => {
    await database.db.operator.create({ data: { displayName: "Sam", email: "sam@example.test" } });
    expect(admin("grant-steward", "--email", "sam@example.test").code).toBe(0);
    expect(await roleOf("sam@example.test")).toBe("steward");
    expect(admin("revoke-steward", "--email", "sam@example.test").code).toBe(0);
    expect(await roleOf("sam@example.test")).toBe("operator");

    const demote = admin("grant-steward", "--email", "root@example.test");
    expect(demote.code).toBe(1);
    expect(demote.stderr).toContain("is an admin; nothing changed");
    expect(await roleOf("root@example.test")).toBe("admin");

    const promoted = admin("create-admin", "--email", "sam@example.test", "--promote");
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(await roleOf("sam@example.test")).toBe("admin");

    const unknown = admin("grant-steward", "--email", "nobody@example.test");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No operator account uses the email nobody@example.test");
  }, 60_000);

  it("creates an enrolment token, prints it once and stores only its hash", async () => {
    const result = admin(
      "create-token",
      "--email",
      "root@example.test",
      "--label",
      "rack 4",
      "--uses",
      "3",
      "--expires-hours",
      "48",
    );
    expect(result.code, result.stderr).toBe(0);
    const token = result.stdout.trim().split("\n").at(-1)!;
    const stored = await database.db.enrolmentToken.findFirstOrThrow({
      where: { label: "rack 4" },
      select: {
        tokenHash: true,
        maxUses: true,
        allowsPrivateEndpoint: true,
        operator: { select: { email: true } },
      },
    });
    expect(stored.maxUses).toBe(3);
    // Only the demo fleet's own tokens let nodes use loopback endpoints.
    expect(stored.allowsPrivateEndpoint).toBe(false);
    expect(stored.operator.email).toBe("root@example.test");
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toBe(hashEnrolmentToken(token));

    const badUses = admin("create-token", "--email", "root@example.test", "--label", "x", "--uses", "many");
    expect(badUses.code).toBe(2);
  }, 60_000);
});

describe("npm run admin -- round", () => {
  it("opens a round with the queued proposals and closes it with each outcome and the new config version", async () => {
    const now = new Date();
    await ensurePlatform(database.db, {
      networkName: "Test swarm",
      now: new Date(now.getTime() - 60 * 86_400_000),
    });
    expect(admin("--help").stdout).toContain("round open");

    const nothing = admin("round", "close");
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain("No voting round is open");
    const empty = admin("round", "open", "--cut-discussion");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("nothing to vote on");

    const voter = await insertVotingOperator(database.db, { now, name: "Voter", nodes: [{}, {}] });
    const proposalId = await insertQueuedProposal(database.db, {
      authorId: voter.operatorId,
      now,
      title: "Pay uploads more",
      changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
    });
    const opened = admin("round", "open");
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/^Opened voting round 1 with 1 proposal\(s\); it closes at \S+Z\.$/m);
    expect(opened.stdout).toContain(`${proposalId}  “Pay uploads more”`);
    expect(opened.stdout).toContain("1 operator(s) may vote, with 2 eligible node(s) between them.");
    const again = admin("round", "open");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Round 1 is already open");

    const round = await database.db.round.findFirstOrThrow({ select: { id: true } });
    await castBallot(database.db, {
      operatorId: voter.operatorId,
      roundId: round.id,
      allocations: [{ proposalId, votes: 3 }],
      source: "web",
      now: new Date(),
    });
    const closed = admin("round", "close");
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain("Closed voting round 1 at");
    expect(closed.stdout).toMatch(new RegExp(`passed +“[^”]+” \\(${proposalId}\\): net 3, turnout 100 %\\.`));
    expect(closed.stdout).toMatch(/^Config version 2 was created; it activates at \S+Z\.$/m);
    expect(await database.db.configVersion.count()).toBe(2);
  }, 60_000);
});

describe("npm run admin -- epochs run", () => {
  it("computes the finished days not yet in the reward ledger, then reports nothing due", async () => {
    const now = new Date();
    await ensurePlatform(database.db, {
      networkName: "Test swarm",
      now: new Date(now.getTime() - 60 * 86_400_000),
    });
    // A week of daily reports, so the rollups hold at least five complete days.
    const { nodes } = await insertVotingOperator(database.db, { now, name: "Earner" });

    const ran = admin("epochs", "run");
    expect(ran.code, ran.stderr).toBe(0);
    const epochs = await database.db.epoch.findMany({
      orderBy: { day: "asc" },
      select: { day: true, paidMicro: true, emissionCapMicro: true },
    });
    expect(epochs.length).toBeGreaterThanOrEqual(5);
    const lastDay = epochs.at(-1)!.day.toISOString().slice(0, 10);
    expect(ran.stdout).toContain(`Computed ${epochs.length} epoch(s), up to ${lastDay}.`);
    for (const epoch of epochs) expect(epoch.paidMicro <= epoch.emissionCapMicro).toBe(true);
    const earned = await database.db.rewardLedgerEntry.count({
      where: { nodeId: nodes[0]!.nodeId, rewardMicro: { gt: 0n } },
    });
    expect(earned).toBeGreaterThanOrEqual(5);

    const again = admin("epochs", "run");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("No epoch was due");
    expect(await database.db.epoch.count()).toBe(epochs.length);
  }, 60_000);
});

describe("npm run admin -- rollups rebuild", () => {
  it("does nothing while rollups exist, and builds them from the raw samples once they are gone", async () => {
    const now = new Date();
    await insertVotingOperator(database.db, { now, name: "Reporter" });
    const kept = admin("rollups", "rebuild");
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain("Nothing to do: rollups already exist.");

    const expected = await readStoredRollups(database.db);
    await database.db.nodeHourlyRollup.deleteMany();
    await database.db.nodeDailyRollup.deleteMany();
    await database.db.networkHourlyRollup.deleteMany();
    await database.db.networkDailyRollup.deleteMany();
    const samples = await database.db.telemetrySample.count();
    const nodes = (await database.db.telemetrySample.groupBy({ by: ["nodeId"] })).length;

    const rebuilt = admin("rollups", "rebuild");
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain(
      `Built the rollups from ${samples} raw sample(s) of ${nodes} node(s): ${expected.networkHourly.length} hour(s), ${expected.networkDaily.length} day(s).`,
    );
    expect(await readStoredRollups(database.db)).toEqual(expected);
  }, 60_000);
});
