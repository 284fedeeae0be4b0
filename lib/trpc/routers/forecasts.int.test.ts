import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import {
  consecutiveDays,
  insertHistoryDays,
  insertHistoryNetwork,
  type ModelHistory,
} from "@/lib/server/network-model/testing/model-history";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { bootstrapTestPlatform, TEST_NOW, TEST_REQUEST_SETTINGS } from "../testing/router-test-setup";
import { appRouter } from "./_app";

const DAY_MS = 86_400_000;
const CHANGES = [{ key: "reward.perGbUploaded", toValue: 1.5 }];

let database: TestDatabase;
let history: ModelHistory;
let ada: SessionOperator;
let bob: SessionOperator;
let publishedId: string;
let draftId: string;

function callerFor(operator: SessionOperator | null) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => TEST_NOW,
    operator,
    clientIp: "203.0.113.9",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function failure(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.catch((caught: unknown) => caught);
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await bootstrapTestPlatform(db, new Date(TEST_NOW.getTime() - 60 * DAY_MS));
  history = await insertHistoryNetwork(db, { firstReportedAt: new Date("2026-10-01T00:00:00.000Z") });
  await insertHistoryDays(db, history, {
    days: consecutiveDays(new Date("2026-11-16T00:00:00.000Z"), 8),
    configVersion: 1,
  });
  const session = async (operatorId: string): Promise<SessionOperator> => {
    const row = await db.operator.findUniqueOrThrow({
      where: { id: operatorId },
      select: { id: true, displayName: true, email: true },
    });
    return { ...row, role: "operator" };
  };
  ada = await session(history.operatorIds.ada);
  bob = await session(history.operatorIds.bob);
  const writer = { id: ada.id, role: ada.role };
  const input = {
    title: "Pay more per GB",
    summary: "Pay 1.5 credits for every GB a node serves.",
    rationale: "Serving data is what the network needs most.",
    changes: CHANGES,
  };
  draftId = (await createProposalDraft(db, { writer, now: TEST_NOW, input })).proposalId;
  publishedId = (await createProposalDraft(db, { writer, now: TEST_NOW, input })).proposalId;
  await publishProposal(db, { writer, now: TEST_NOW, proposalId: publishedId });
});
afterAll(() => database.drop());

describe("forecasts.forProposal", () => {
  it("gives anyone a published proposal's forecast, validated by the output schema", async () => {
    const view = await callerFor(null).forecasts.forProposal({ proposalId: publishedId });
    expect(view).toMatchObject({ status: "forecast", configVersion: 1, nodes: 10 });
    if (view.status !== "forecast") return;
    expect(view.startDay).toBeInstanceOf(Date);
    expect(view.groups.some((group) => group.group === "yourNodes")).toBe(false);
    const asAda = await callerFor(ada).forecasts.forProposal({ proposalId: publishedId });
    expect(asAda.status === "forecast" && asAda.groups.at(-1)).toMatchObject({
      group: "yourNodes",
      label: "Your 2 nodes",
    });
  });

  it("keeps a draft's forecast for its author", async () => {
    expect((await callerFor(ada).forecasts.forProposal({ proposalId: draftId })).status).toBe("forecast");
    expect((await failure(callerFor(bob).forecasts.forProposal({ proposalId: draftId }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(callerFor(null).forecasts.forProposal({ proposalId: draftId }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("forecasts.forChanges", () => {
  it("needs a signed-in operator and checks the changes like a draft's", async () => {
    expect((await failure(callerFor(null).forecasts.forChanges({ changes: CHANGES }))).code).toBe(
      "UNAUTHORIZED",
    );
    const outOfBounds = await failure(
      callerFor(bob).forecasts.forChanges({ changes: [{ key: "reward.perGbUploaded", toValue: 1_000 }] }),
    );
    expect(outOfBounds.code).toBe("BAD_REQUEST");
    expect(outOfBounds.message).toContain("Pay per GB served must be at most 100");
  });

  it("answers an operator's forecasts up to the limit, then asks them to wait", async () => {
    const caller = callerFor(bob);
    const { limit } = RATE_LIMITS.forecast;
    // The out-of-bounds call above never reached the service, so none of Bob's count yet.
    for (let call = 0; call < limit; call += 1) {
      const view = await caller.forecasts.forChanges({ changes: CHANGES });
      expect(view.status).toBe("forecast");
    }
    const refused = await failure(caller.forecasts.forChanges({ changes: CHANGES }));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toContain(`You asked for ${limit} forecasts in the last 10 minutes`);
    // Another operator has a count of their own; a proposal's forecast is not counted.
    expect((await callerFor(ada).forecasts.forChanges({ changes: CHANGES })).status).toBe("forecast");
    expect((await callerFor(bob).forecasts.forProposal({ proposalId: publishedId })).status).toBe("forecast");
  });
});
