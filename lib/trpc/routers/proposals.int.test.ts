import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalDraftInput } from "@/lib/schemas/proposals";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { bootstrapTestPlatform, TEST_NOW } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

const HOUR_MS = 3_600_000;
let database: TestDatabase;
let alice: SessionOperator;
let bob: SessionOperator;
let steward: SessionOperator;

function callerFor(operator: SessionOperator | null, now = TEST_NOW) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => now,
    operator,
    clientIp: "203.0.113.5",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function operator(name: string, role: SessionOperator["role"] = "operator"): Promise<SessionOperator> {
  const email = `${name.toLowerCase()}@example.test`;
  const { id } = await database.db.operator.create({
    data: { displayName: name, email, role },
    select: { id: true },
  });
  return { id, displayName: name, email, role };
}

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function draft(overrides: Partial<ProposalDraftInput> = {}): ProposalDraftInput {
  return {
    title: "Pay more for serving data",
    summary: "Nodes that serve data to others earn 20 % more per gigabyte.",
    rationale: "Serving data is what keeps the network useful; it should pay better than idling.",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.2 }],
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  alice = await operator("Alice");
  bob = await operator("Bob");
  steward = await operator("Stella", "steward");
});
afterAll(() => database.drop());

describe("drafts", () => {
  let draftId: string;

  it("anonymous callers may not create drafts", async () => {
    expect((await failure(callerFor(null).proposals.createDraft(draft()))).code).toBe("UNAUTHORIZED");
  });

  it("createDraft stores a private draft against the active version", async () => {
    ({ proposalId: draftId } = await callerFor(alice).proposals.createDraft(
      draft({ title: "  Pay more for serving data " }),
    ));
    const detail = await callerFor(alice).proposals.byId({ proposalId: draftId });
    expect(detail).toMatchObject({
      title: "Pay more for serving data",
      state: "Draft",
      baseVersion: 1,
      currentVersion: 1,
      needsBaseConfirmation: false,
      categories: ["reward"],
      publishedAt: null,
      author: { id: alice.id, displayName: "Alice" },
      viewer: { canEdit: true, canPublish: true, canWithdraw: true, canCancel: false, canConfirmBase: false },
    });
    expect(detail.changes).toEqual([
      {
        key: "reward.perGbUploaded",
        label: "Pay per GB served",
        category: "reward",
        unit: "credits/GB",
        fromValue: 1,
        currentValue: 1,
        toValue: 1.2,
        changeText: "+20 %",
        sentence: expect.stringMatching(
          /^Raise the pay per GB served from 1\.0 credits\/GB to 1\.2 credits\/GB \(\+20 %\)\./,
        ),
        changedSinceBase: false,
      },
    ]);
    expect(detail.timeline).toEqual([
      { at: TEST_NOW, type: "proposal.created", label: "Draft started", actorName: "Alice" },
    ]);
  });

  it("hides the draft from everyone but its author", async () => {
    for (const viewer of [null, bob, steward]) {
      expect((await failure(callerFor(viewer).proposals.byId({ proposalId: draftId }))).code).toBe(
        "NOT_FOUND",
      );
    }
    expect((await callerFor(null).proposals.list({})).rows.map((item) => item.id)).not.toContain(draftId);
    expect((await callerFor(alice).proposals.list({})).rows.map((item) => item.id)).not.toContain(draftId);
    expect((await callerFor(alice).proposals.mine()).items.map((item) => item.id)).toContain(draftId);
    expect((await callerFor(bob).proposals.mine()).items).toEqual([]);
  });

  it("keeps a draft private after its author withdraws it without publishing", async () => {
    const { proposalId } = await callerFor(alice).proposals.createDraft(
      draft({ title: "Private second thoughts" }),
    );
    await callerFor(alice).proposals.withdraw({ proposalId });
    for (const viewer of [null, bob, steward]) {
      expect((await failure(callerFor(viewer).proposals.byId({ proposalId }))).code).toBe("NOT_FOUND");
      const thread = callerFor(viewer).comments.list({ threadKey: `proposal:${proposalId}` });
      expect((await failure(thread)).code).toBe("NOT_FOUND");
    }
    const cancel = callerFor(steward).proposals.cancel({ proposalId, reason: "Looks like spam to me" });
    expect((await failure(cancel)).code).toBe("NOT_FOUND");
    expect(await callerFor(alice).proposals.byId({ proposalId })).toMatchObject({ state: "Withdrawn" });
  });

  it("only the author edits a draft; others do not even find it", async () => {
    const edit = { proposalId: draftId, ...draft({ title: "Hijacked title" }) };
    expect((await failure(callerFor(bob).proposals.updateDraft(edit))).code).toBe("NOT_FOUND");
    expect((await failure(callerFor(null).proposals.updateDraft(edit))).code).toBe("UNAUTHORIZED");
    await callerFor(alice).proposals.updateDraft({
      proposalId: draftId,
      ...draft({
        title: "Pay a bit more for serving data",
        changes: [{ key: "reward.perGbUploaded", toValue: 1.1 }],
      }),
    });
    const detail = await callerFor(alice).proposals.byId({ proposalId: draftId });
    expect(detail.title).toBe("Pay a bit more for serving data");
    expect(detail.changes.map((change) => change.toValue)).toEqual([1.1]);
  });

  it("rejects out-of-range values with the field path and the parameter's label", async () => {
    const error = await failure(
      callerFor(alice).proposals.createDraft(
        draft({
          changes: [
            { key: "gov.quorum", toValue: 0.3 },
            { key: "reward.perGbUploaded", toValue: 500 },
          ],
        }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Pay per GB served must be at most 100 credits/GB");
    expect(
      (error.cause as unknown as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path),
    ).toEqual([["changes", 1, "toValue"]]);
  });

  it("rejects a value equal to the current one and broken constraints, naming each parameter", async () => {
    const error = await failure(
      callerFor(alice).proposals.createDraft(
        draft({
          changes: [
            { key: "gov.quorum", toValue: 0.2 },
            { key: "selection.weightSpeed", toValue: 0.6 },
          ],
        }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Quorum (gov.quorum) is already 20 %");
    expect(error.message).toContain("The selection weights must add up to 100 %");
    const details = (error.cause as { details?: { violations?: { field: string | null }[] } }).details;
    expect(details?.violations?.map((violation) => violation.field)).toEqual([
      "changes.0.toValue",
      "changes.1.toValue",
    ]);
  });

  it("an invalid update leaves the old draft intact", async () => {
    const before = await callerFor(alice).proposals.byId({ proposalId: draftId });
    await failure(
      callerFor(alice).proposals.updateDraft({
        proposalId: draftId,
        ...draft({ title: "Broken edit", changes: [{ key: "selection.weightSpeed", toValue: 0.9 }] }),
      }),
    );
    const after = await callerFor(alice).proposals.byId({ proposalId: draftId });
    expect(after).toEqual(before);
  });

  it("validates text fields with messages naming the field", async () => {
    const error = await failure(
      callerFor(alice).proposals.createDraft(draft({ title: " Hi ", summary: "Too short" })),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Title needs at least 5 characters");
    expect(error.message).toContain("Summary needs at least 20 characters");
  });
});

describe("publishing and the lifecycle", () => {
  it("publish opens the discussion for gov.discussionPeriodHours and shows the proposal to everyone", async () => {
    const { proposalId } = await callerFor(alice).proposals.createDraft(
      draft({ title: "Lower the quorum", changes: [{ key: "gov.quorum", toValue: 0.15 }] }),
    );
    expect((await failure(callerFor(bob).proposals.publish({ proposalId }))).code).toBe("NOT_FOUND");
    const published = await callerFor(alice).proposals.publish({ proposalId });
    expect(published).toEqual({ proposalId, discussionEndsAt: new Date(TEST_NOW.getTime() + 48 * HOUR_MS) });
    const seen = await callerFor(null).proposals.byId({ proposalId });
    expect(seen).toMatchObject({
      state: "Discussion",
      publishedAt: TEST_NOW,
      viewer: {
        canEdit: false,
        canPublish: false,
        canWithdraw: false,
        canCancel: false,
        canConfirmBase: false,
      },
    });
    expect(seen.changes[0]).toMatchObject({ changeText: "−5 percentage points" });
    expect(seen.timeline.map((entry) => entry.label)).toEqual(["Draft started", "Published for discussion"]);
    const list = await callerFor(null).proposals.list({ state: "open" });
    expect(list.rows.map((item) => item.id)).toContain(proposalId);
    expect((await failure(callerFor(alice).proposals.publish({ proposalId }))).code).toBe("CONFLICT");
  });

  it("a published proposal can no longer be edited; others get FORBIDDEN", async () => {
    const { proposalId } = await callerFor(alice).proposals.createDraft(
      draft({ title: "Edit after publish" }),
    );
    await callerFor(alice).proposals.publish({ proposalId });
    const edit = { proposalId, ...draft({ title: "Changed later" }) };
    expect((await failure(callerFor(alice).proposals.updateDraft(edit))).code).toBe("CONFLICT");
    expect((await failure(callerFor(bob).proposals.updateDraft(edit))).code).toBe("FORBIDDEN");
  });

  it("only the author withdraws, and only before voting", async () => {
    const { proposalId } = await callerFor(bob).proposals.createDraft(draft({ title: "Bob withdraws this" }));
    await callerFor(bob).proposals.publish({ proposalId });
    const foreign = await failure(callerFor(alice).proposals.withdraw({ proposalId }));
    expect(foreign).toMatchObject({ code: "FORBIDDEN", message: "Only the author can withdraw a proposal." });
    expect((await failure(callerFor(null).proposals.withdraw({ proposalId }))).code).toBe("UNAUTHORIZED");
    await callerFor(bob).proposals.withdraw({ proposalId });
    const detail = await callerFor(null).proposals.byId({ proposalId });
    expect(detail.state).toBe("Withdrawn");
    expect(detail.timeline.at(-1)).toMatchObject({ label: "Withdrawn by the author", actorName: "Bob" });
    expect((await failure(callerFor(bob).proposals.withdraw({ proposalId }))).code).toBe("CONFLICT");

    const voting = await callerFor(bob).proposals.createDraft(draft({ title: "Bob's voting proposal" }));
    await callerFor(bob).proposals.publish(voting);
    await database.db.proposal.update({ where: { id: voting.proposalId }, data: { state: "Voting" } });
    const late = await failure(callerFor(bob).proposals.withdraw(voting));
    expect(late).toMatchObject({
      code: "CONFLICT",
      message: "This proposal is already in the voting round, so it can no longer be withdrawn.",
    });
  });

  it("only stewards and admins cancel, with a public reason", async () => {
    const { proposalId } = await callerFor(bob).proposals.createDraft(
      draft({ title: "Buy cheap watches here" }),
    );
    await callerFor(bob).proposals.publish({ proposalId });
    const input = { proposalId, reason: "Advertising, not a rule change." };
    expect((await failure(callerFor(null).proposals.cancel(input))).code).toBe("UNAUTHORIZED");
    expect((await failure(callerFor(bob).proposals.cancel(input))).code).toBe("FORBIDDEN");
    expect((await failure(callerFor(alice).proposals.cancel(input))).code).toBe("FORBIDDEN");
    expect((await failure(callerFor(steward).proposals.cancel({ proposalId, reason: "spam" }))).code).toBe(
      "BAD_REQUEST",
    );
    await callerFor(steward).proposals.cancel(input);
    const detail = await callerFor(null).proposals.byId({ proposalId });
    expect(detail).toMatchObject({ state: "Cancelled", closeReason: "Advertising, not a rule change." });
    expect(detail.timeline.at(-1)).toMatchObject({
      type: "proposal.cancelled",
      label: "Cancelled by a steward: Advertising, not a rule change.",
      actorName: "Stella",
    });
    expect((await failure(callerFor(steward).proposals.cancel(input))).code).toBe("CONFLICT");
  });

  it("allows at most 3 proposals in discussion per operator", async () => {
    const carol = await operator("Carol");
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      ids.push(
        (await callerFor(carol).proposals.createDraft(draft({ title: `Carol's proposal ${index}` })))
          .proposalId,
      );
    }
    for (const proposalId of ids.slice(0, 3)) await callerFor(carol).proposals.publish({ proposalId });
    const error = await failure(callerFor(carol).proposals.publish({ proposalId: ids[3]! }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("You already have 3 proposals in discussion");
    expect((await callerFor(carol).proposals.byId({ proposalId: ids[3]! })).state).toBe("Draft");
    await callerFor(carol).proposals.withdraw({ proposalId: ids[0]! });
    await callerFor(carol).proposals.publish({ proposalId: ids[3]! });
  });

  it("keeps at most 20 drafts per operator", async () => {
    const gina = await operator("Gina");
    for (let index = 0; index < 20; index += 1) {
      await callerFor(gina).proposals.createDraft(draft({ title: `Gina's draft ${index}` }));
    }
    const error = await failure(callerFor(gina).proposals.createDraft(draft({ title: "Gina's draft 21" })));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("You already have 20 drafts"),
    });
    expect((await callerFor(gina).proposals.mine()).items).toHaveLength(20);
  });

  it("limits proposal writes per operator", async () => {
    const dave = await operator("Dave");
    const { proposalId } = await callerFor(dave).proposals.createDraft(draft({ title: "Dave edits a lot" }));
    for (let index = 1; index < 30; index += 1) {
      await callerFor(dave).proposals.updateDraft({ proposalId, ...draft({ title: `Dave edit ${index}` }) });
    }
    const error = await failure(
      callerFor(dave).proposals.updateDraft({ proposalId, ...draft({ title: "One too many" }) }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/Try again in 10 minutes\.$/);
    const nearReset = new Date(TEST_NOW.getTime() + 9.5 * 60_000);
    const almost = await failure(
      callerFor(dave, nearReset).proposals.updateDraft({ proposalId, ...draft({ title: "Still too soon" }) }),
    );
    expect(almost.message).toMatch(/Try again in 30 seconds\.$/);
    expect((await callerFor(dave).proposals.byId({ proposalId })).title).toBe("Dave edit 29");
  });
});

describe("base version", () => {
  let proposalId: string;
  const later = new Date(TEST_NOW.getTime() + 49 * HOUR_MS);

  async function activate(params: Record<string, number>, at: Date) {
    const active = await getActiveConfigVersion(database.db);
    await issueConfigVersion(database.db, {
      params: { ...active.params, ...params },
      activateAt: at,
      proposals: [],
      now: at,
    });
    await activateDueConfigVersions(database.db, { now: at });
  }

  it("asks the author to confirm when a newer version changes a touched parameter", async () => {
    const erin = await operator("Erin");
    ({ proposalId } = await callerFor(erin).proposals.createDraft(
      draft({ title: "Longer grace period", changes: [{ key: "freeRider.graceDays", toValue: 14 }] }),
    ));
    await callerFor(erin).proposals.publish({ proposalId });
    await activate({ "reward.uptimeBonusPerDay": 3 }, new Date(TEST_NOW.getTime() + HOUR_MS));
    expect((await callerFor(null).proposals.byId({ proposalId })).needsBaseConfirmation).toBe(false);

    await activate({ "freeRider.graceDays": 10 }, new Date(TEST_NOW.getTime() + 2 * HOUR_MS));
    const stale = await callerFor(erin, later).proposals.byId({ proposalId });
    expect(stale).toMatchObject({ baseVersion: 1, currentVersion: 3, needsBaseConfirmation: true });
    expect(stale.viewer.canConfirmBase).toBe(true);
    expect(stale.changes[0]).toMatchObject({
      fromValue: 7,
      currentValue: 10,
      toValue: 14,
      changedSinceBase: true,
      changeText: "+40 %",
    });
    expect(await queueReadyProposals(database.db, later)).toMatchObject({ waitingForConfirmation: 1 });
    expect((await callerFor(null).proposals.byId({ proposalId })).state).toBe("Discussion");

    expect((await failure(callerFor(bob, later).proposals.confirmBase({ proposalId }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await callerFor(erin, later).proposals.confirmBase({ proposalId })).toEqual({
      proposalId,
      baseVersion: 3,
    });
    const confirmed = await callerFor(null).proposals.byId({ proposalId });
    expect(confirmed).toMatchObject({ baseVersion: 3, needsBaseConfirmation: false });
    expect(confirmed.changes[0]).toMatchObject({ fromValue: 10, currentValue: 10, changedSinceBase: false });
    expect(confirmed.timeline.at(-1)?.label).toContain(
      "confirmed the changes against the current values (config version 3)",
    );
    expect((await failure(callerFor(erin, later).proposals.confirmBase({ proposalId }))).code).toBe(
      "CONFLICT",
    );

    expect(await queueReadyProposals(database.db, later)).toMatchObject({ queued: expect.any(Number) });
    const queued = await callerFor(null).proposals.byId({ proposalId });
    expect(queued.state).toBe("Queued");
    expect(queued.timeline.at(-1)?.type).toBe("proposal.queued");
  });

  it("refuses to confirm when the new current value equals the proposed one", async () => {
    const frank = await operator("Frank");
    const { proposalId: id } = await callerFor(frank, later).proposals.createDraft(
      draft({ title: "Shorter grace period", changes: [{ key: "freeRider.graceDays", toValue: 5 }] }),
    );
    await activate({ "freeRider.graceDays": 5 }, new Date(later.getTime() + HOUR_MS));
    const error = await failure(callerFor(frank, later).proposals.confirmBase({ proposalId: id }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toContain("Grace period for new nodes (freeRider.graceDays) is already 5 days");
    expect((await failure(callerFor(frank, later).proposals.publish({ proposalId: id }))).code).toBe(
      "CONFLICT",
    );
  });

  it("tells the author of a published proposal that cannot be confirmed to withdraw it", async () => {
    const hana = await operator("Hana");
    const writtenAt = new Date(later.getTime() + 1.5 * HOUR_MS);
    const { proposalId: id } = await callerFor(hana, writtenAt).proposals.createDraft(
      draft({ title: "Week-long grace period", changes: [{ key: "freeRider.graceDays", toValue: 7 }] }),
    );
    await callerFor(hana, writtenAt).proposals.publish({ proposalId: id });
    const activatedAt = new Date(later.getTime() + 2 * HOUR_MS);
    await activate({ "freeRider.graceDays": 7 }, activatedAt);
    const error = await failure(callerFor(hana, activatedAt).proposals.confirmBase({ proposalId: id }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toContain("is already 7 days");
    expect(error.message).toMatch(/A published proposal cannot be changed: withdraw it.*\.$/);
  });

  it("records the changes of a confirmed published proposal in the audit chain, never a draft's", async () => {
    const ines = await operator("Ines");
    const writtenAt = new Date(later.getTime() + 3 * HOUR_MS);
    const { proposalId: draftId } = await callerFor(ines, writtenAt).proposals.createDraft(
      draft({ title: "Private idea", changes: [{ key: "freeRider.graceDays", toValue: 30 }] }),
    );
    const activatedAt = new Date(later.getTime() + 4 * HOUR_MS);
    await activate({ "freeRider.graceDays": 12 }, activatedAt);
    await callerFor(ines, activatedAt).proposals.confirmBase({ proposalId: draftId });
    const draftEvent = await database.db.governanceEvent.findFirstOrThrow({
      where: { subject: `proposal:${draftId}`, type: "proposal.base-confirmed" },
      select: { data: true },
    });
    // Only who and which versions: no changes and no values (a bare "30" search also matched random ids).
    expect(Object.keys(JSON.parse(draftEvent.data) as object).sort()).toEqual([
      "authorId",
      "baseVersion",
      "previousBaseVersion",
      "proposalId",
    ]);

    const published = await database.db.governanceEvent.findFirstOrThrow({
      where: { subject: `proposal:${proposalId}`, type: "proposal.base-confirmed" },
      select: { data: true },
    });
    expect(JSON.parse(published.data).changes).toEqual([
      { key: "freeRider.graceDays", fromValue: 10, previousFromValue: 7, toValue: 14 },
    ]);
  });
});

describe("reading", () => {
  it("preview reports problems instead of throwing", async () => {
    const preview = await callerFor(null).proposals.preview({
      changes: [
        { key: "reward.perGbUploaded", toValue: 150 },
        { key: "nope", toValue: 1 },
        { key: "selection.explorationRate", toValue: 0.15 },
      ],
    });
    expect(preview.activeVersion).toBeGreaterThanOrEqual(1);
    expect(preview.changes.map((change) => change.key)).toEqual([
      "reward.perGbUploaded",
      "selection.explorationRate",
    ]);
    expect(preview.changes[1]).toMatchObject({
      fromValue: 0.1,
      toValue: 0.15,
      changeText: "+5 percentage points",
    });
    expect(preview.violations.map((violation) => violation.keys)).toEqual([
      ["reward.perGbUploaded"],
      ["nope"],
    ]);
    expect(preview.violations[0]!.message).toContain("Pay per GB served");
  });

  it("list filters by state, category and title, sorts and pages", async () => {
    const everything = await callerFor(null).proposals.list({ pageSize: 50 });
    expect(everything.rows.every((item) => item.state !== "Draft" && item.publishedAt !== null)).toBe(true);
    expect(everything.total).toBe(everything.rows.length);

    const gov = await callerFor(null).proposals.list({ category: "gov" });
    expect(gov.rows.map((item) => item.title)).toEqual(["Lower the quorum"]);
    const search = await callerFor(null).proposals.list({ query: "QUORUM" });
    expect(search.rows.map((item) => item.title)).toEqual(["Lower the quorum"]);
    const cancelled = await callerFor(null).proposals.list({ state: "Cancelled" });
    expect(cancelled.rows.map((item) => item.title)).toEqual(["Buy cheap watches here"]);
    const open = await callerFor(null).proposals.list({ state: "open", pageSize: 50 });
    expect(open.rows.every((item) => ["Discussion", "Queued", "Voting"].includes(item.state))).toBe(true);

    const byTitle = await callerFor(null).proposals.list({ sort: "title", pageSize: 50 });
    const titles = byTitle.rows.map((item) => item.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    const byEnd = await callerFor(null).proposals.list({ sort: "discussion-ends", pageSize: 50 });
    const ends = byEnd.rows.map((item) => item.discussionEndsAt!.getTime());
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    const newest = await callerFor(null).proposals.list({ pageSize: 50 });
    const published = newest.rows.map((item) => item.publishedAt!.getTime());
    expect(published).toEqual([...published].sort((a, b) => b - a));
    const page2 = await callerFor(null).proposals.list({ sort: "title", pageSize: 10, page: 2 });
    expect(page2.rows.map((item) => item.id)).toEqual(byTitle.rows.slice(10, 20).map((item) => item.id));
    expect(page2).toMatchObject({ page: 2, pageSize: 10, total: byTitle.total });
  });

  it("counts visible comments on each proposal", async () => {
    const [first] = (await callerFor(null).proposals.list({ category: "gov" })).rows;
    const threadKey = `proposal:${first!.id}`;
    await database.db.comment.createMany({
      data: [
        { threadKey, authorId: bob.id, body: "Makes sense" },
        { threadKey, authorId: bob.id, body: "Spam", hiddenAt: TEST_NOW, hiddenReason: "spam" },
      ],
    });
    expect((await callerFor(null).proposals.list({ category: "gov" })).rows[0]!.commentCount).toBe(1);
    expect((await callerFor(null).proposals.byId({ proposalId: first!.id })).commentCount).toBe(1);
  });

  it("leaves the governance event chain valid after all of the above", async () => {
    const chain = await verifyGovernanceChain(database.db);
    expect(chain.brokenAt).toBeNull();
    expect(chain.head).toBeGreaterThan(20);
  });
});
