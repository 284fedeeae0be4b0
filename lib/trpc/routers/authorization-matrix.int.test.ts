/**
 * Who may call which tRPC procedure. Every procedure of appRouter must have a row: a new procedure
 * without one fails this test, so access rules are decided on purpose, never by default.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEnrolmentToken } from "@/lib/server/services/enrolment-tokens";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { bootstrapTestPlatform, insertOperator, TEST_NOW } from "./router-test-setup";

/** Outcome for a caller: allowed (auth passed), denied (UNAUTHORIZED/FORBIDDEN), or someone else's resource. */
type Outcome = "allowed" | "denied" | "not-yours";
const CALLERS = ["anonymous", "operatorB", "steward", "admin", "operatorA"] as const;
type Caller = (typeof CALLERS)[number];

interface Fixtures {
  tokenIdOfA: string;
  nodeIdsOfA: { rename: string; changeEndpoint: string; retire: string; public: string };
}

interface MatrixRow {
  input?: (fixtures: Fixtures) => unknown;
  expected: Record<Caller, Outcome>;
}

const EVERYONE: Record<Caller, Outcome> = {
  anonymous: "allowed",
  operatorA: "allowed",
  operatorB: "allowed",
  steward: "allowed",
  admin: "allowed",
};
const SIGNED_IN: Record<Caller, Outcome> = { ...EVERYONE, anonymous: "denied" };
/** The resource (a token, a node) belongs to operator A: nobody else may touch it, not even an admin. */
const OWNER_ONLY: Record<Caller, Outcome> = {
  anonymous: "denied",
  operatorA: "allowed",
  operatorB: "not-yours",
  steward: "not-yours",
  admin: "not-yours",
};

const MATRIX: Record<string, MatrixRow> = {
  "account.me": { expected: EVERYONE },
  "network.overview": { expected: EVERYONE },
  "parameters.catalogue": { expected: EVERYONE },
  "config.history": { input: () => ({}), expected: EVERYONE },
  "nodes.list": { input: () => ({}), expected: EVERYONE },
  "nodes.byId": { input: (f) => ({ nodeId: f.nodeIdsOfA.public }), expected: EVERYONE },
  "enrolmentTokens.list": { expected: SIGNED_IN },
  "enrolmentTokens.create": {
    input: () => ({ label: "matrix", maxUses: 1, expiresInHours: 1 }),
    expected: SIGNED_IN,
  },
  "enrolmentTokens.revoke": { input: (f) => ({ tokenId: f.tokenIdOfA }), expected: OWNER_ONLY },
  "myNodes.list": { expected: SIGNED_IN },
  "myNodes.rename": {
    input: (f) => ({ nodeId: f.nodeIdsOfA.rename, name: "renamed-by-matrix" }),
    expected: OWNER_ONLY,
  },
  "myNodes.changeEndpoint": {
    input: (f) => ({ nodeId: f.nodeIdsOfA.changeEndpoint, endpointUrl: "https://8.8.8.8/plenum" }),
    expected: OWNER_ONLY,
  },
  "myNodes.retire": { input: (f) => ({ nodeId: f.nodeIdsOfA.retire }), expected: OWNER_ONLY },
};

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

let database: TestDatabase;
let fixtures: Fixtures;
const operators = {} as Record<Exclude<Caller, "anonymous">, SessionOperator>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await bootstrapTestPlatform(db);
  const people = [
    ["operatorA", "Operator A", "operator"],
    ["operatorB", "Operator B", "operator"],
    ["steward", "Steward S", "steward"],
    ["admin", "Admin Z", "admin"],
  ] as const;
  for (const [caller, displayName, role] of people) {
    const nodes =
      caller === "operatorA"
        ? [{ name: "a-rename" }, { name: "a-endpoint" }, { name: "a-retire" }, { name: "a-public" }]
        : [{ name: `${caller}-node` }];
    const id = await insertOperator(db, { displayName, region: "eu-west" }, nodes);
    await db.operator.update({ where: { id }, data: { role } });
    const { email } = await db.operator.findUniqueOrThrow({ where: { id }, select: { email: true } });
    operators[caller] = { id, displayName, email, role };
  }
  const nodeId = async (name: string) =>
    (await db.node.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
  const token = await createEnrolmentToken(db, {
    operatorId: operators.operatorA.id,
    label: "A's token",
    maxUses: 1,
    expiresInHours: 24,
    now: TEST_NOW,
  });
  fixtures = {
    tokenIdOfA: token.id,
    nodeIdsOfA: {
      rename: await nodeId("a-rename"),
      changeEndpoint: await nodeId("a-endpoint"),
      retire: await nodeId("a-retire"),
      public: await nodeId("a-public"),
    },
  };
});

afterAll(async () => {
  await database.drop();
});

async function callAs(caller: Caller, path: string, input: unknown): Promise<TRPCError | null> {
  const trpc = createCallerFactory(appRouter)({
    db: database.db,
    now: () => TEST_NOW,
    operator: caller === "anonymous" ? null : operators[caller],
    clientIp: "203.0.113.5",
  });
  const procedure = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], trpc) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await procedure(input);
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

describe("authorization matrix", () => {
  it("has a row for every procedure of appRouter, and no row for a procedure that is gone", () => {
    const missing = procedurePaths.filter((path) => !(path in MATRIX));
    expect(missing, `add these procedures to MATRIX in ${import.meta.filename}`).toEqual([]);
    expect(Object.keys(MATRIX).filter((path) => !procedurePaths.includes(path))).toEqual([]);
  });

  describe.each(procedurePaths)("%s", (path) => {
    it.each(CALLERS)("as %s", async (caller) => {
      const row = MATRIX[path];
      if (!row) throw new Error(`${path} has no row in MATRIX: decide who may call it`);
      const error = await callAs(caller, path, row.input?.(fixtures));
      const code = error?.code ?? "OK";
      const expected = row.expected[caller];
      if (expected === "allowed") {
        expect(["UNAUTHORIZED", "FORBIDDEN"], `${path} as ${caller}: ${error?.message}`).not.toContain(code);
        expect(code, `${path} as ${caller} failed unexpectedly: ${error?.message}`).not.toBe(
          "INTERNAL_SERVER_ERROR",
        );
      } else if (expected === "denied") {
        expect(["UNAUTHORIZED", "FORBIDDEN"], `${path} as ${caller}`).toContain(code);
      } else {
        expect(["NOT_FOUND", "FORBIDDEN"], `${path} as ${caller}: ${error?.message}`).toContain(code);
      }
    });
  });

  it("left operator A's resources untouched by everyone else", async () => {
    const token = await database.db.enrolmentToken.findUniqueOrThrow({
      where: { id: fixtures.tokenIdOfA },
      select: { operatorId: true },
    });
    expect(token.operatorId).toBe(operators.operatorA.id);
    const node = await database.db.node.findUniqueOrThrow({
      where: { id: fixtures.nodeIdsOfA.rename },
      select: { name: true, operatorId: true },
    });
    expect(node).toEqual({ name: "renamed-by-matrix", operatorId: operators.operatorA.id });
  });
});
