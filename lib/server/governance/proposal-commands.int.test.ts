import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ProposalDraftInput } from "@/lib/schemas/proposals";
import type * as GovernanceEvents from "@/lib/server/governance/governance-chain";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { lockGovernanceChain, verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import {
  createProposalDraft,
  publishProposal,
  queueReadyProposals,
  updateProposalDraft,
  withdrawProposal,
  type ProposalWriter,
} from "@/lib/server/governance/proposal-commands";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const appendFailure = vi.hoisted(() => ({ isOn: false }));

vi.mock("@/lib/server/governance/governance-chain", async (importOriginal) => {
  const original = await importOriginal<typeof GovernanceEvents>();
  return {
    ...original,
    appendGovernanceEvent: async (...args: Parameters<typeof original.appendGovernanceEvent>) => {
      if (appendFailure.isOn) throw new Error("simulated failure while appending the event");
      return original.appendGovernanceEvent(...args);
    },
  };
});

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR_MS = 3_600_000;
let database: TestDatabase;

async function writer(name: string): Promise<ProposalWriter> {
  const { id } = await database.db.operator.create({
    data: { displayName: name, email: `${name.toLowerCase()}@example.test` },
    select: { id: true },
  });
  return { id, role: "operator" };
}

function draft(title: string): ProposalDraftInput {
  return {
    title,
    summary: "Nodes that serve data to others earn more per gigabyte.",
    rationale: "Serving data is what keeps the network useful to everyone.",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  };
}

async function proposalState(id: string) {
  return database.db.proposal.findUniqueOrThrow({
    where: { id },
    select: { state: true, publishedAt: true, discussionEndsAt: true },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: NOW });
});
afterAll(() => database.drop());

describe("publishProposal", () => {
  it("lets only 3 of 6 concurrent publications by one operator through", async () => {
    const author = await writer("Racer");
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      ids.push(
        (await createProposalDraft(database.db, { writer: author, now: NOW, input: draft(`Race ${index}`) }))
          .proposalId,
      );
    }
    const results = await Promise.allSettled(
      ids.map((proposalId) => publishProposal(database.db, { writer: author, now: NOW, proposalId })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toMatchObject({
          code: "CONFLICT",
          message: expect.stringContaining("3 proposals in discussion"),
        });
      }
    }
    expect(await database.db.proposal.count({ where: { authorId: author.id, state: "Discussion" } })).toBe(3);
    const published = await database.db.governanceEvent.count({ where: { type: "proposal.published" } });
    expect(published).toBe(3);
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();
  });

  it("leaves the draft unchanged when the event cannot be appended", async () => {
    const author = await writer("Unlucky");
    const { proposalId } = await createProposalDraft(database.db, {
      writer: author,
      now: NOW,
      input: draft("Unlucky one"),
    });
    const eventsBefore = await database.db.governanceEvent.count();
    appendFailure.isOn = true;
    try {
      await expect(publishProposal(database.db, { writer: author, now: NOW, proposalId })).rejects.toThrow(
        "simulated failure",
      );
      await expect(
        createProposalDraft(database.db, { writer: author, now: NOW, input: draft("Never stored") }),
      ).rejects.toThrow("simulated failure");
    } finally {
      appendFailure.isOn = false;
    }
    expect(await proposalState(proposalId)).toEqual({
      state: "Draft",
      publishedAt: null,
      discussionEndsAt: null,
    });
    expect(await database.db.proposal.count({ where: { title: "Never stored" } })).toBe(0);
    expect(await database.db.governanceEvent.count()).toBe(eventsBefore);
  });
});

describe("updateProposalDraft", () => {
  it("does not rewrite a draft while a publication holding the chain lock goes through", async () => {
    const author = await writer("Rewriter");
    const { proposalId } = await createProposalDraft(database.db, {
      writer: author,
      now: NOW,
      input: draft("Published as written"),
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let signalLocked!: () => void;
    const locked = new Promise<void>((resolve) => (signalLocked = resolve));
    const publication = database.db.$transaction(
      async (tx) => {
        await lockGovernanceChain(tx);
        signalLocked();
        await released;
        await tx.proposal.update({
          where: { id: proposalId },
          data: { state: "Discussion", publishedAt: NOW },
          select: { id: true },
        });
      },
      { timeout: 20_000 },
    );
    await locked;
    const update = updateProposalDraft(database.db, {
      writer: author,
      now: NOW,
      input: { proposalId, ...draft("Rewritten during publication") },
    }).then(
      () => "updated",
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await publication;
    expect(await update).toMatchObject({ code: "CONFLICT" });
    const stored = await database.db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect(stored.title).toBe("Published as written");
  });
});

describe("queueReadyProposals", () => {
  it("queues proposals whose discussion time is over, once, with one event each", async () => {
    const author = await writer("Patient");
    const early = await createProposalDraft(database.db, {
      writer: author,
      now: NOW,
      input: draft("Ends first"),
    });
    await publishProposal(database.db, { writer: author, now: NOW, proposalId: early.proposalId });
    const laterStart = new Date(NOW.getTime() + 10 * HOUR_MS);
    const late = await createProposalDraft(database.db, {
      writer: author,
      now: laterStart,
      input: draft("Ends later"),
    });
    await publishProposal(database.db, { writer: author, now: laterStart, proposalId: late.proposalId });
    const gone = await createProposalDraft(database.db, {
      writer: author,
      now: NOW,
      input: draft("Withdrawn first"),
    });
    await publishProposal(database.db, { writer: author, now: NOW, proposalId: gone.proposalId });
    await withdrawProposal(database.db, { writer: author, now: NOW, proposalId: gone.proposalId });
    // The race test above left three of Racer's proposals in discussion since NOW as well.
    const before = new Date(NOW.getTime() + 48 * HOUR_MS - 1);
    expect(await queueReadyProposals(database.db, before)).toEqual({ queued: 0, waitingForConfirmation: 0 });

    const at = new Date(NOW.getTime() + 48 * HOUR_MS);
    expect(await queueReadyProposals(database.db, at)).toEqual({ queued: 4, waitingForConfirmation: 0 });
    expect(
      (await database.db.proposal.findUniqueOrThrow({ where: { id: early.proposalId } })).queuedAt,
    ).toEqual(at);
    expect((await proposalState(late.proposalId)).state).toBe("Discussion");
    expect((await proposalState(gone.proposalId)).state).toBe("Withdrawn");
    expect(await queueReadyProposals(database.db, at)).toEqual({ queued: 0, waitingForConfirmation: 0 });

    expect(await queueReadyProposals(database.db, new Date(laterStart.getTime() + 48 * HOUR_MS))).toEqual({
      queued: 1,
      waitingForConfirmation: 0,
    });
    expect(await database.db.governanceEvent.count({ where: { type: "proposal.queued" } })).toBe(5);
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();
  });
});
