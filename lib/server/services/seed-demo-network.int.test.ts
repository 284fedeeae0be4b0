import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "better-auth/crypto";
import {
  DEMO_ADMIN_EMAIL,
  DEMO_OPERATOR_EMAIL,
  DEMO_PASSWORD,
  DEMO_STEWARD_EMAIL,
} from "@/lib/domain/demo/demo-accounts";
import { generateDemoNetwork } from "@/lib/domain/demo/demo-network";
import { DEMO_PROPOSALS } from "@/lib/domain/demo/demo-proposals";
import { createAuth } from "@/lib/server/auth";
import { getActiveConfigVersion, listConfigHistory } from "@/lib/server/services/config-versions";
import { verifyGovernanceChain } from "@/lib/server/services/governance-events";
import { ensurePlatform } from "@/lib/server/services/platform-bootstrap";
import { seedDemoNetwork } from "@/lib/server/services/seed-demo-network";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
const SEED = 20261125;

async function counts(database: TestDatabase) {
  const { db } = database;
  const [networks, operators, nodes, versions] = await Promise.all([
    db.network.count(),
    db.operator.count(),
    db.node.count(),
    db.configVersion.count(),
  ]);
  return { networks, operators, nodes, versions };
}

describe("seedDemoNetwork on an empty database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("creates Demo Swarm with its operators, 300 nodes and three activated config versions", async () => {
    const expected = generateDemoNetwork({ seed: SEED, now: NOW });
    expect(await seedDemoNetwork(database.db, { seed: SEED, now: NOW })).toEqual({
      seeded: true,
      summary: {
        operators: expected.operators.length,
        nodes: 300,
        configVersions: 3,
        proposals: DEMO_PROPOSALS.length,
        comments: 10,
      },
    });
    expect(await counts(database)).toEqual({
      networks: 1,
      operators: expected.operators.length,
      nodes: 300,
      versions: 3,
    });

    const network = await database.db.network.findUniqueOrThrow({
      where: { singleton: true },
      select: { name: true, createdAt: true },
    });
    expect(network).toEqual({ name: "Demo Swarm", createdAt: new Date(NOW.getTime() - 30 * DAY_MS) });

    const active = await getActiveConfigVersion(database.db);
    expect(active.version).toBe(3);
    expect(active.params["reward.perGbUploaded"]).toBe(1.2);
    expect(active.params["selection.weightSpeed"]).toBe(0.35);

    const { entries } = await listConfigHistory(database.db);
    expect(entries.map((entry) => entry.version)).toEqual([3, 2, 1]);
    for (const entry of entries) {
      expect(entry.activatedAt).toEqual(entry.activateAt);
      expect(entry.activateAt.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(entries[1]?.changes.map((change) => change.key).sort()).toEqual([
      "reward.perGbUploaded",
      "selection.explorationRate",
    ]);
    expect(entries[0]?.changes.length).toBeGreaterThan(0);
  });

  it("plays the demo proposals through the real services: every state, a valid audit chain in time order", async () => {
    const proposals = await database.db.proposal.findMany({
      select: { title: true, state: true, closeReason: true },
    });
    const stateOf = (title: string) => proposals.find((proposal) => proposal.title === title)?.state;
    expect(proposals).toHaveLength(DEMO_PROPOSALS.length);
    for (const demo of DEMO_PROPOSALS) expect(stateOf(demo.title)).toBe(demo.outcome.state);
    expect(await database.db.comment.count()).toBe(10);
    expect(proposals.find((proposal) => proposal.state === "Cancelled")?.closeReason).toMatch(/Advertising/);

    expect(await verifyGovernanceChain(database.db)).toEqual({ head: expect.any(Number), brokenAt: null });
    const events = await database.db.governanceEvent.findMany({
      orderBy: { seq: "asc" },
      select: { at: true, type: true },
    });
    const times = events.map((event) => event.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((time) => time <= NOW.getTime())).toBe(true);
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set([
        "proposal.created",
        "proposal.published",
        "proposal.queued",
        "proposal.withdrawn",
        "proposal.cancelled",
      ]),
    );
  });

  it("stores the generated rows as generated", async () => {
    const expected = generateDemoNetwork({ seed: SEED, now: NOW });
    const largeCorp = expected.operators.find((operator) => operator.displayName === "LargeCorp Hosting");
    const stored = await database.db.operator.findUniqueOrThrow({
      where: { id: largeCorp!.id },
      select: { displayName: true, _count: { select: { nodes: true } } },
    });
    expect(stored).toEqual({ displayName: "LargeCorp Hosting", _count: { nodes: 60 } });
    const sample = expected.nodes[123]!;
    expect(
      await database.db.node.findUniqueOrThrow({
        where: { id: sample.id },
        select: {
          operatorId: true,
          name: true,
          nameSearch: true,
          publicKey: true,
          region: true,
          status: true,
          createdAt: true,
          lastSeenAt: true,
        },
      }),
    ).toEqual({ ...sample, id: undefined });
    expect(await database.db.node.count({ where: { status: "Gone" } })).toBe(
      expected.nodes.filter((node) => node.status === "Gone").length,
    );
  });

  it("gives every demo operator a password account, one steward and one admin", async () => {
    const operators = await database.db.operator.findMany({
      select: { email: true, role: true, accounts: { select: { providerId: true, password: true } } },
    });
    expect(operators.every((operator) => operator.accounts.length === 1)).toBe(true);
    expect(operators.every((operator) => operator.accounts[0]!.providerId === "credential")).toBe(true);
    const hashes = new Set(operators.map((operator) => operator.accounts[0]!.password));
    expect(hashes.size).toBe(1);
    expect(await verifyPassword({ hash: [...hashes][0]!, password: DEMO_PASSWORD })).toBe(true);

    const roleOf = (email: string) => operators.find((operator) => operator.email === email)?.role;
    expect(roleOf(DEMO_OPERATOR_EMAIL)).toBe("operator");
    expect(roleOf(DEMO_STEWARD_EMAIL)).toBe("steward");
    expect(roleOf(DEMO_ADMIN_EMAIL)).toBe("admin");
    expect(operators.filter((operator) => operator.role !== "operator")).toHaveLength(2);

    const auth = createAuth(database.db, {
      publicUrl: "http://localhost:3000",
      secret: "test-secret-test-secret-test-secret-0123",
      isSecureCookies: false,
    });
    const signIn = await auth.api.signInEmail({
      body: { email: DEMO_OPERATOR_EMAIL, password: DEMO_PASSWORD },
    });
    expect(signIn.user.email).toBe(DEMO_OPERATOR_EMAIL);
  });

  it("does nothing when run again", async () => {
    const before = await counts(database);
    const result = await seedDemoNetwork(database.db, { seed: SEED + 1, now: NOW });
    expect(result.seeded).toBe(false);
    expect(result.reason).toContain("Demo Swarm");
    expect(await counts(database)).toEqual(before);
  });
});

describe("seedDemoNetwork on a database that is not empty", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("leaves a database with operators but no network alone", async () => {
    await database.db.operator.create({
      data: { displayName: "Early bird", email: "early@example.test", region: "eu-west" },
    });
    const result = await seedDemoNetwork(database.db, { seed: SEED, now: NOW });
    expect(result).toMatchObject({ seeded: false, reason: expect.stringContaining("1 operator") });
    expect(await counts(database)).toEqual({ networks: 0, operators: 1, nodes: 0, versions: 0 });
    await database.db.operator.deleteMany();
  });

  it("leaves a database that already has a network alone", async () => {
    await ensurePlatform(database.db, { networkName: "Our swarm", now: NOW });
    const result = await seedDemoNetwork(database.db, { seed: SEED, now: NOW });
    expect(result).toMatchObject({ seeded: false, reason: expect.stringContaining("Our swarm") });
    expect(await counts(database)).toEqual({ networks: 1, operators: 0, nodes: 0, versions: 1 });
  });
});
