import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger } from "@/lib/server/platform/logger";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { queueProposalsJob } from "./queue-proposals";
import { JOBS } from "./registry";

const NOW = new Date("2026-11-25T12:00:00.000Z");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: NOW });
});
afterAll(() => database.drop());

function runAt(at: Date) {
  const lines: string[] = [];
  const result = queueProposalsJob.run({
    db: database.db,
    now: () => at,
    env: loadEnv({}),
    logger: createLogger({ write: (_level, line) => void lines.push(line) }),
    signal: new AbortController().signal,
  });
  return { result, lines };
}

describe("queue-proposals job", () => {
  it("is registered, runs every 30 s and queues a proposal once its discussion time is over", async () => {
    expect(JOBS).toContain(queueProposalsJob);
    expect(queueProposalsJob.intervalMs).toBe(30_000);

    const { id } = await database.db.operator.create({
      data: { displayName: "Quinn", email: "quinn@example.test" },
      select: { id: true },
    });
    const writer = { id, role: "operator" as const };
    const { proposalId } = await createProposalDraft(database.db, {
      writer,
      now: NOW,
      input: {
        title: "Longer discussions",
        summary: "Give people three days instead of two to discuss each proposal.",
        rationale: "Many operators only check in on weekends and miss the discussion.",
        changes: [{ key: "gov.discussionPeriodHours", toValue: 72 }],
      },
    });
    const { discussionEndsAt } = await publishProposal(database.db, { writer, now: NOW, proposalId });

    const early = runAt(new Date(discussionEndsAt.getTime() - 1_000));
    expect(await early.result).toEqual({ queued: 0, waitingForConfirmation: 0 });
    expect(early.lines).toEqual([]);

    const due = runAt(discussionEndsAt);
    expect(await due.result).toEqual({ queued: 1, waitingForConfirmation: 0 });
    expect(due.lines.join("\n")).toContain("proposals queued for voting");
    const row = await database.db.proposal.findUniqueOrThrow({
      where: { id: proposalId },
      select: { state: true, queuedAt: true },
    });
    expect(row).toEqual({ state: "Queued", queuedAt: discussionEndsAt });
  });
});
