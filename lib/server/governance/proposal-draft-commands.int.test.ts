import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockGovernanceChain } from "@/lib/server/governance/governance-chain";
import { createProposalDraft, updateProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import {
  insertProposalWriter,
  proposalDraft as draft,
} from "@/lib/server/governance/testing/proposal-fixtures";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const NOW = new Date("2026-11-25T12:00:00.000Z");
let database: TestDatabase;

const writer = (name: string) => insertProposalWriter(database.db, name);

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: NOW });
});
afterAll(() => database.drop());

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
