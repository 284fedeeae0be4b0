import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as GovernanceEvents from "@/lib/server/governance/governance-chain";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import {
  insertProposalWriter,
  proposalDraft as draft,
  storedProposalLifecycle,
} from "@/lib/server/governance/testing/proposal-fixtures";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
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
let database: TestDatabase;

const writer = (name: string) => insertProposalWriter(database.db, name);

const proposalState = (id: string) => storedProposalLifecycle(database.db, id);

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
