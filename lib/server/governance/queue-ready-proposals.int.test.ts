import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal, withdrawProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { queueReadyProposals } from "@/lib/server/governance/queue-ready-proposals";
import {
  insertProposalWriter,
  proposalDraft as draft,
  storedProposalLifecycle,
} from "@/lib/server/governance/testing/proposal-fixtures";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR_MS = 3_600_000;
let database: TestDatabase;

const writer = (name: string) => insertProposalWriter(database.db, name);

const proposalState = (id: string) => storedProposalLifecycle(database.db, id);

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: NOW });
  // Three of another operator's proposals are in discussion since NOW as well.
  const racer = await writer("Racer");
  for (let index = 0; index < 3; index += 1) {
    const { proposalId } = await createProposalDraft(database.db, {
      writer: racer,
      now: NOW,
      input: draft(`Race ${index}`),
    });
    await publishProposal(database.db, { writer: racer, now: NOW, proposalId });
  }
});
afterAll(() => database.drop());

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
    // Racer's three proposals (beforeAll) are in discussion since NOW as well.
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
