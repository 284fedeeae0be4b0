/**
 * tally-recount: the close-time recount (recountRound from recount-round.ts) of an open round holding
 * 100,000 counted ballots × 10 proposals = 1,000,000 allocations, bulk-inserted directly, against one
 * bare better-sqlite3 pass over the same rows summing with a plain loop.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { canonicalJson } from "../../lib/domain/governance/audit-event";
import { ballotCost, type BallotAllocation } from "../../lib/domain/voting/ballot";
import { ballotReceiptInput } from "../../lib/domain/voting/ballot-receipt";
import { differingTallies, tallyBallots, type ProposalTally } from "../../lib/domain/voting/quadratic-tally";
import type { Db } from "../../lib/server/platform/db";
import { recountRound } from "../../lib/server/voting/recount-round";
import { openBareSqlite } from "./bare-sqlite";
import { createBenchDatabase } from "./bench-database";
import { openBenchRound } from "./bench-round";
import { median, round, type BenchFields } from "./report";

const BALLOTS = Number(process.env.PLENUM_BENCH_RECOUNT_BALLOTS ?? 100_000);
const PROPOSALS = 10;
const REPETITIONS = Number(process.env.PLENUM_BENCH_REPETITIONS ?? 5);
const CREDITS_PER_NODE = 100;

/** Ballot i votes on every proposal, 1–3 votes for or against each (at most 90 of its 100 credits). */
function allocationsOf(index: number, proposalIds: readonly string[]): BallotAllocation[] {
  return proposalIds.map((proposalId, slot) => ({
    proposalId,
    votes: (1 + ((index + slot) % 3)) * ((index * 7 + slot) % 2 === 0 ? 1 : -1),
  }));
}

/** DateTime as the Prisma SQLite adapter stores it; insertCountedBallots reads one back through Prisma to prove it. */
const sqliteDateTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/**
 * One counted ballot per operator, each operator with one eligible node: operators, their ballots
 * (receipt-chained like the product's) and voter rows in one bare SQL transaction, then through Prisma the
 * running tallies and round counters the ballot transactions would have left.
 */
async function insertCountedBallots(
  db: Db,
  filePath: string,
  { roundId, proposalIds, now }: { roundId: string; proposalIds: string[]; now: Date },
): Promise<void> {
  const bare = openBareSqlite(filePath);
  let headReceipt = "";
  try {
    const at = sqliteDateTime(now);
    const insertOperator = bare.prepare(
      'INSERT INTO "Operator" ("id", "displayName", "email", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)',
    );
    const insertBallot = bare.prepare(
      'INSERT INTO "Ballot" ("id", "roundId", "seq", "operatorId", "submittedAt", "allocations", "cost", "prevReceipt", "receipt", "source") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertVoter = bare.prepare(
      'INSERT INTO "RoundVoter" ("roundId", "operatorId", "eligibleNodes", "budget", "countedBallotId") VALUES (?, ?, 1, ?, ?)',
    );
    bare.exec("BEGIN");
    for (let index = 0; index < BALLOTS; index += 1) {
      const suffix = String(index).padStart(6, "0");
      const operatorId = `recount-operator-${suffix}`;
      const ballotId = `recount-ballot-${suffix}`;
      const allocations = allocationsOf(index, proposalIds);
      const submittedAt = new Date(now.getTime() + index);
      const prevReceipt = headReceipt;
      headReceipt = createHash("sha256")
        .update(
          ballotReceiptInput(prevReceipt, {
            roundId,
            operatorId,
            submittedAt: submittedAt.toISOString(),
            allocations,
          }),
        )
        .digest("hex");
      insertOperator.run(operatorId, operatorId, `${operatorId}@bench.example`, at, at);
      insertBallot.run(
        ...[ballotId, roundId, index + 1, operatorId, sqliteDateTime(submittedAt)],
        ...[canonicalJson(allocations), ballotCost(allocations), prevReceipt, headReceipt, "node"],
      );
      insertVoter.run(roundId, operatorId, CREDITS_PER_NODE, ballotId);
    }
    bare.exec("COMMIT");
  } finally {
    bare.close();
  }
  const sample = await db.ballot.findUniqueOrThrow({ where: { roundId_seq: { roundId, seq: BALLOTS } } });
  if (sample.submittedAt.getTime() !== now.getTime() + BALLOTS - 1) {
    throw new Error(
      `bulk-inserted times read back wrong through Prisma: ${sample.submittedAt.toISOString()}`,
    );
  }

  const running = tallyBallots(
    proposalIds,
    Array.from({ length: BALLOTS }, (_, index) => ({
      eligibleNodes: 1,
      allocations: allocationsOf(index, proposalIds),
    })),
  );
  await db.$transaction([
    ...running.map(({ proposalId, net, support, opposition, participatingNodes }) =>
      db.roundProposal.update({
        where: { roundId_proposalId: { roundId, proposalId } },
        data: { net, support, opposition, participatingNodes },
      }),
    ),
    db.round.update({
      where: { id: roundId },
      data: { eligibleNodes: BALLOTS, ballotCount: BALLOTS, headReceipt },
    }),
  ]);
}

/** The baseline: the counted ballots read in one bare query and summed in a plain loop. */
function bareRecount(filePath: string, roundId: string, proposalIds: readonly string[]) {
  const database = openBareSqlite(filePath);
  try {
    const totals = new Map(
      proposalIds.map((proposalId) => [
        proposalId,
        { proposalId, net: 0, support: 0, opposition: 0, participatingNodes: 0 },
      ]),
    );
    const rows = database
      .prepare(
        "SELECT v.eligibleNodes, b.allocations FROM Ballot b JOIN RoundVoter v ON v.countedBallotId = b.id WHERE b.roundId = ?",
      )
      .raw()
      .iterate(roundId) as IterableIterator<[number, string]>;
    let allocations = 0;
    for (const [eligibleNodes, text] of rows) {
      for (const { proposalId, votes } of JSON.parse(text) as BallotAllocation[]) {
        const tally = totals.get(proposalId)!;
        tally.net += votes;
        if (votes > 0) tally.support += votes;
        else tally.opposition -= votes;
        if (votes !== 0) tally.participatingNodes += eligibleNodes;
        allocations += 1;
      }
    }
    return { tallies: [...totals.values()] as ProposalTally[], allocations };
  } finally {
    database.close();
  }
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export default async function tallyRecount(): Promise<BenchFields> {
  const database = await createBenchDatabase();
  try {
    const { db } = database;
    const now = new Date();
    const opened = await openBenchRound(db, { now, proposals: PROPOSALS });
    const proposalIds = [...opened.proposalIds].sort();
    const inserted = await timed(() =>
      insertCountedBallots(db, database.filePath, { roundId: opened.roundId, proposalIds, now }),
    );
    const allocations = BALLOTS * PROPOSALS;
    console.log(
      `  inserted ${BALLOTS} counted ballots (${allocations} allocations) in ${Math.round(inserted.ms)} ms`,
    );

    const runs: { productMs: number; baselineMs: number }[] = [];
    // Run 0 warms up both sides (page cache, JIT) and is not counted.
    for (let repetition = 0; repetition <= REPETITIONS; repetition += 1) {
      const product = await timed(() => recountRound(db, opened.roundId));
      const baseline = await timed(() => bareRecount(database.filePath, opened.roundId, proposalIds));
      const differing = [
        ...differingTallies(product.result.running, product.result.recount),
        ...differingTallies(product.result.recount, baseline.result.tallies),
      ];
      if (differing.length > 0)
        throw new Error(`recounts disagree for ${[...new Set(differing)].join(", ")}`);
      if (baseline.result.allocations !== allocations) {
        throw new Error(
          `the baseline read ${baseline.result.allocations} allocations, expected ${allocations}`,
        );
      }
      if (repetition === 0) continue;
      runs.push({ productMs: product.ms, baselineMs: baseline.ms });
      console.log(
        `  run ${repetition}/${REPETITIONS}: recountRound ${Math.round(product.ms)} ms, bare ${Math.round(baseline.ms)} ms`,
      );
    }

    const productMs = median(runs.map((run) => run.productMs));
    const baselineMs = median(runs.map((run) => run.baselineMs));
    return {
      name: "tally-recount",
      database: "sqlite",
      params: { ballots: BALLOTS, proposals: PROPOSALS, allocations, repetitions: REPETITIONS },
      metrics: { perSecond: round(allocations / (productMs / 1000)), ms: round(productMs) },
      baseline: {
        what: "one bare better-sqlite3 query over the same counted ballots (Ballot joined to RoundVoter), JSON.parse and a plain summing loop",
        perSecond: round(allocations / (baselineMs / 1000)),
        ms: round(baselineMs),
      },
      ratio: round(baselineMs / productMs, 3),
      runs: runs.map((run) => ({ productMs: round(run.productMs), baselineMs: round(run.baselineMs) })),
    };
  } finally {
    await database.drop();
  }
}
