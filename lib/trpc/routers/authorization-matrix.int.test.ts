/**
 * Who may call which tRPC procedure. Every procedure of appRouter must have a row: a new procedure
 * without one fails this test, so access rules are decided on purpose, never by default.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postComment } from "@/lib/server/governance/comment-commands";
import { createEnrolmentToken } from "@/lib/server/nodes/enrolment-token-commands";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { bootstrapTestPlatform, insertOperator, TEST_NOW } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

/** Outcome for a caller: allowed (auth passed), denied (UNAUTHORIZED/FORBIDDEN), or someone else's resource. */
type Outcome = "allowed" | "denied" | "not-yours";
const CALLERS = ["anonymous", "operatorB", "steward", "admin", "operatorA"] as const;
type Caller = (typeof CALLERS)[number];

interface Fixtures {
  tokenIdOfA: string;
  nodeIdsOfA: { rename: string; changeEndpoint: string; retire: string; public: string };
  commentIdsOfA: { edit: string; hide: string };
  proposalIdsOfA: {
    draft: string;
    toPublish: string;
    published: string;
    toWithdraw: string;
    toCancel: string;
  };
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

/** Stewards and admins only (their tools, like the sybil warning signs); every operator is refused. */
const STEWARDS_ONLY: Record<Caller, Outcome> = {
  anonymous: "denied",
  operatorA: "denied",
  operatorB: "denied",
  steward: "allowed",
  admin: "allowed",
};

const MATRIX_THREAD = "parameter:reward.perGbUploaded";

const MATRIX_PROPOSAL = {
  title: "Matrix proposal",
  summary: "A proposal the authorization matrix acts on.",
  rationale: "Every procedure needs a row and a resource to act on.",
  changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
};

const MATRIX: Record<string, MatrixRow> = {
  "account.me": { expected: EVERYONE },
  "account.twoFactor": { expected: SIGNED_IN },
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
  "myNodes.byId": { input: (f) => ({ nodeId: f.nodeIdsOfA.public }), expected: OWNER_ONLY },
  "myNodes.eligibility": { input: (f) => ({ nodeId: f.nodeIdsOfA.public }), expected: OWNER_ONLY },
  "myNodes.setMayVote": {
    input: (f) => ({ nodeId: f.nodeIdsOfA.public, mayVote: true }),
    expected: OWNER_ONLY,
  },
  // Always the caller's own nodes: the operator comes from the session, so there is nothing of A's to ask for.
  "myStats.overview": { input: () => ({ range: "30d" }), expected: SIGNED_IN },
  "myStats.traffic": { expected: SIGNED_IN },
  "myStats.nodeTraffic": { input: (f) => ({ nodeId: f.nodeIdsOfA.public }), expected: OWNER_ONLY },

  // Discussion: anyone reads, operators post, only the author edits, stewards and admins hide.
  "comments.list": { input: () => ({ threadKey: MATRIX_THREAD }), expected: EVERYONE },
  "comments.post": {
    input: () => ({ threadKey: MATRIX_THREAD, body: "matrix comment" }),
    expected: SIGNED_IN,
  },
  "comments.edit": {
    input: (f) => ({ commentId: f.commentIdsOfA.edit, body: "edited by matrix" }),
    expected: OWNER_ONLY,
  },
  "comments.hide": {
    input: (f) => ({ commentId: f.commentIdsOfA.hide, reason: "hidden by matrix" }),
    expected: {
      anonymous: "denied",
      operatorA: "denied",
      operatorB: "denied",
      steward: "allowed",
      admin: "allowed",
    },
  },

  // Proposals: anyone reads published ones; operators write their own; stewards and admins cancel.
  "proposals.list": { input: () => ({}), expected: EVERYONE },
  "proposals.byId": { input: (f) => ({ proposalId: f.proposalIdsOfA.published }), expected: EVERYONE },
  "proposals.preview": {
    input: () => ({ changes: [{ key: "gov.quorum", toValue: 0.3 }] }),
    expected: EVERYONE,
  },
  "proposals.impact": { input: () => ({ changes: MATRIX_PROPOSAL.changes }), expected: EVERYONE },
  // Forecasts: anyone reads a published proposal's; a draft's changes only for the signed-in (rate-limited).
  "forecasts.forProposal": { input: (f) => ({ proposalId: f.proposalIdsOfA.published }), expected: EVERYONE },
  "forecasts.forChanges": { input: () => ({ changes: MATRIX_PROPOSAL.changes }), expected: SIGNED_IN },
  "proposals.mine": { expected: SIGNED_IN },
  "proposals.createDraft": { input: () => MATRIX_PROPOSAL, expected: SIGNED_IN },
  "proposals.updateDraft": {
    input: (f) => ({ proposalId: f.proposalIdsOfA.draft, ...MATRIX_PROPOSAL, title: "Edited by matrix" }),
    expected: OWNER_ONLY,
  },
  "proposals.publish": { input: (f) => ({ proposalId: f.proposalIdsOfA.toPublish }), expected: OWNER_ONLY },
  "proposals.withdraw": { input: (f) => ({ proposalId: f.proposalIdsOfA.toWithdraw }), expected: OWNER_ONLY },
  "proposals.confirmBase": {
    input: (f) => ({ proposalId: f.proposalIdsOfA.published }),
    expected: OWNER_ONLY,
  },
  "proposals.cancel": {
    input: (f) => ({ proposalId: f.proposalIdsOfA.toCancel, reason: "Cancelled by the matrix." }),
    expected: {
      anonymous: "denied",
      operatorA: "denied",
      operatorB: "denied",
      steward: "allowed",
      admin: "allowed",
    },
  },

  // Voting rounds: anyone reads rounds and results; operators see and cast only their own ballot.
  "rounds.list": { input: () => ({}), expected: EVERYONE },
  "rounds.overview": { input: () => ({ roundNumber: 1 }), expected: EVERYONE },
  "rounds.results": { input: () => ({ roundNumber: 1 }), expected: EVERYONE },
  "rounds.ofProposal": { input: (f) => ({ proposalId: f.proposalIdsOfA.published }), expected: EVERYONE },
  "rounds.myBallot": { input: () => ({}), expected: SIGNED_IN },
  "rounds.castBallot": { input: () => ({ roundId: "no-open-round", allocations: [] }), expected: SIGNED_IN },
  "rounds.receipt": { input: () => ({ roundNumber: 1 }), expected: SIGNED_IN },

  // Config sync: anyone reads; the node's operator, stewards and admins ask for a new delivery.
  "sync.overview": { input: () => ({}), expected: EVERYONE },
  "sync.nodes": { input: () => ({}), expected: EVERYONE },
  "sync.attempts": { input: (f) => ({ nodeId: f.nodeIdsOfA.public }), expected: EVERYONE },
  "sync.retryNow": {
    input: (f) => ({ nodeId: f.nodeIdsOfA.public }),
    expected: { ...SIGNED_IN, operatorB: "denied" },
  },

  // "Did it work?": public, like the passed proposals and the network figures it compares.
  "forecastOutcomes.ofProposal": {
    input: (f) => ({ proposalId: f.proposalIdsOfA.published }),
    expected: EVERYONE,
  },
  "forecastOutcomes.recent": { expected: EVERYONE },

  // Explore: anyone may start a search (bounded by reuse, a global cap and a per-address limit) and read one.
  "explore.start": { input: () => ({ goal: "less-concentration" }), expected: EVERYONE },
  "explore.run": { input: () => ({ id: "no-such-run" }), expected: EVERYONE },

  // Network dashboard: public.
  "stats.dashboard": { input: () => ({ range: "7d" }), expected: EVERYONE },
  "stats.headline": { expected: EVERYONE },

  // Sybil warning signs show network clusters: stewards and admins only.
  "warningSigns.recent": { input: () => ({}), expected: STEWARDS_ONLY },
  "warningSigns.exclusivePairs": { expected: STEWARDS_ONLY },
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
  const commentOfA = async (body: string) =>
    (
      await postComment(db, {
        threadKey: MATRIX_THREAD,
        body,
        authorId: operators.operatorA.id,
        now: TEST_NOW,
      })
    ).commentId;
  const writerA = { id: operators.operatorA.id, role: operators.operatorA.role };
  const proposalOfA = async (title: string, isPublished: boolean) => {
    const input = { ...MATRIX_PROPOSAL, title };
    const { proposalId } = await createProposalDraft(db, { writer: writerA, now: TEST_NOW, input });
    if (isPublished) await publishProposal(db, { writer: writerA, now: TEST_NOW, proposalId });
    return proposalId;
  };
  fixtures = {
    proposalIdsOfA: {
      draft: await proposalOfA("A's draft to edit", false),
      toPublish: await proposalOfA("A's draft to publish", false),
      published: await proposalOfA("A's published proposal", true),
      toWithdraw: await proposalOfA("A's proposal to withdraw", true),
      toCancel: await proposalOfA("A's proposal to cancel", true),
    },
    commentIdsOfA: { edit: await commentOfA("to edit"), hide: await commentOfA("to hide") },
    tokenIdOfA: token.id,
    nodeIdsOfA: {
      rename: await nodeId("a-rename"),
      changeEndpoint: await nodeId("a-endpoint"),
      retire: await nodeId("a-retire"),
      public: await nodeId("a-public"),
    },
  };
});

// Config sync: operator A's public node gets an endpoint and a Degraded delivery state, so retry now can succeed.
beforeAll(async () => {
  const nodeId = fixtures.nodeIdsOfA.public;
  await database.db.node.update({ where: { id: nodeId }, data: { endpointUrl: "https://8.8.8.8/plenum" } });
  const sync = { status: "Degraded", desiredVersion: 1, nextAttemptAt: TEST_NOW };
  await database.db.nodeSync.upsert({ where: { nodeId }, create: { nodeId, ...sync }, update: sync });
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
    settings: TEST_REQUEST_SETTINGS,
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

  it("let only operator A change A's proposals, and only the steward cancel one", async () => {
    const { proposalIdsOfA: ids } = fixtures;
    const rows = await database.db.proposal.findMany({
      where: { id: { in: Object.values(ids) } },
      select: { id: true, title: true, state: true, closedById: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids.draft)).toMatchObject({ title: "Edited by matrix", state: "Draft" });
    expect(byId.get(ids.toPublish)?.state).toBe("Discussion");
    expect(byId.get(ids.published)?.state).toBe("Discussion");
    expect(byId.get(ids.toWithdraw)).toMatchObject({
      state: "Withdrawn",
      closedById: operators.operatorA.id,
    });
    expect(byId.get(ids.toCancel)).toMatchObject({ state: "Cancelled", closedById: operators.steward.id });
  });

  it("let only operator A edit A's comment, and only the steward hide the other", async () => {
    const comments = await database.db.comment.findMany({
      where: { id: { in: [fixtures.commentIdsOfA.edit, fixtures.commentIdsOfA.hide] } },
      orderBy: { body: "asc" },
      select: { body: true, authorId: true, hiddenById: true, hiddenReason: true },
    });
    expect(comments).toEqual([
      { body: "edited by matrix", authorId: operators.operatorA.id, hiddenById: null, hiddenReason: null },
      {
        body: "to hide",
        authorId: operators.operatorA.id,
        hiddenById: operators.steward.id,
        hiddenReason: "hidden by matrix",
      },
    ]);
  });
});
