/**
 * ballot-ingest: ballots signed by nodes through the full HTTP stack — the production build served by
 * scripts/web-server.ts with NODE_ENV=production on loopback, POST /api/v1/ballots with 32 in flight for
 * a fixed time after a warm-up — against bare better-sqlite3 inserts of the same Ballot rows (every
 * column, one autocommit insert each) into an empty copy of the Ballot table, in the same run. The
 * product runs synchronous = FULL (each commit synced); the variant `synchronousNormal` measures the same
 * load at NORMAL, so `variants.synchronousNormal.ratio` is what durable ballots cost.
 */
import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { performance } from "node:perf_hooks";
import { recomputeRollups } from "../../lib/domain/metrics/telemetry-rollup";
import type { BallotAllocation } from "../../lib/domain/voting/ballot";
import { differingTallies } from "../../lib/domain/voting/quadratic-tally";
import { exportEd25519PublicKey } from "../../lib/server/platform/ed25519";
import type { Db } from "../../lib/server/platform/db";
import { insertPresence } from "../../lib/server/testing/presence-fixtures";
import { signNodeRequest } from "../../lib/server/testing/sign-node-request";
import { RATE_LIMITS } from "../../lib/server/platform/rate-limit-policies";
import { recountRound } from "../../lib/server/voting/recount-round";
import { insertRollups } from "../../lib/server/telemetry/rollup-commands";
import { buildWebAppIfNeeded } from "../web-build";
import { baselineInserts } from "./bare-ballot-inserts";
import { createBenchDatabase } from "./bench-database";
import { openBenchRound } from "./bench-round";
import { median, percentile, round, type BenchFields } from "./report";
import { startWebServer, stopWebServer } from "./web-server-process";

const OPERATORS = Number(process.env.PLENUM_BENCH_BALLOT_OPERATORS ?? 2_000);
const PROPOSALS = 10;
const VOTES_PER_BALLOT = 4;
const CONCURRENCY = 32;
const WARM_UP_MS = 3_000;
const MEASURE_MS = Number(process.env.PLENUM_BENCH_BALLOT_SECONDS ?? 10) * 1000;
// The product allows RATE_LIMITS.ballot ballots per operator per 10 minutes and has no switch to lift
// it, so operators take turns: ballot i comes from operator i mod OPERATORS, and no operator reaches it.
const MAX_BALLOTS = OPERATORS * (RATE_LIMITS.ballot.limit - 1);
const BASELINE_REPETITIONS = 5;
/** Runs of the product and of its synchronous = NORMAL variant, alternating. */
const PAIRS = Number(process.env.PLENUM_BENCH_BALLOT_PAIRS ?? 3);
const BALLOT_PATH = "/api/v1/ballots";
const DAY_MS = 86_400_000;

interface Voter {
  operatorId: string;
  nodeId: string;
  privateKey: KeyObject;
}

/** 2,000 operators with one node each, eligible under the default rules (proved key, 10 days of reports, present every hour). */
async function insertVoters(db: Db, now: Date): Promise<Voter[]> {
  const voters = Array.from({ length: OPERATORS }, (_, index) => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const suffix = String(index).padStart(5, "0");
    return {
      operatorId: `bench-operator-${suffix}`,
      nodeId: `bench-node-${suffix}`,
      privateKey,
      publicKey: exportEd25519PublicKey(publicKey),
    };
  });
  await db.operator.createMany({
    data: voters.map(({ operatorId }) => ({
      id: operatorId,
      displayName: operatorId,
      email: `${operatorId}@bench.example`,
    })),
  });
  await db.node.createMany({
    data: voters.map(({ operatorId, nodeId, publicKey }) => ({
      id: nodeId,
      operatorId,
      name: nodeId,
      nameSearch: nodeId,
      publicKey,
      region: "bench",
      verifiedAt: new Date(now.getTime() - 40 * DAY_MS),
      firstReportedAt: new Date(now.getTime() - 10 * DAY_MS),
      // Each node casts its operator's ballot, which its operator must allow.
      mayVote: true,
    })),
  });
  const samples = voters.map(({ nodeId }) => ({
    nodeId,
    at: new Date(now.getTime() - 3_600_000),
    windowSeconds: 3 * 86_400,
    uptimeSeconds: 3 * 86_400,
    bytesUp: 0n,
    bytesDown: 0n,
    peers: 0,
    medianLatencyMs: 0,
  }));
  await db.telemetrySample.createMany({ data: samples.map((sample) => ({ ...sample, agent: "bench" })) });
  // The rollups and presence, as the telemetry endpoint would have made them: clusters read the one,
  // eligibility the other (the 3-day window's 72 hours).
  await insertRollups(db, recomputeRollups(samples), { isPostgres: false });
  await insertPresence(db, {
    nodeIds: voters.map((voter) => voter.nodeId),
    hourStarts: Array.from({ length: 72 }, (_, back) => new Date(now.getTime() - (back + 1) * 3_600_000)),
  });
  return voters.map(({ operatorId, nodeId, privateKey }) => ({ operatorId, nodeId, privateKey }));
}

/**
 * Ballot i: operator i mod OPERATORS votes −4…4 on four of the proposals (at most 64 of its 100
 * credits); a later turn of the same operator changes its votes, so every body is new.
 */
function ballotAllocations(index: number, proposalIds: readonly string[]): BallotAllocation[] {
  const operator = index % OPERATORS;
  const turn = Math.floor(index / OPERATORS);
  return Array.from({ length: VOTES_PER_BALLOT }, (_, slot) => ({
    proposalId: proposalIds[(operator + slot * 3) % proposalIds.length]!,
    votes: ((operator + turn + slot) % 9) - 4,
  }));
}

const votesIn = (allocations: readonly { votes: number }[]) =>
  allocations.reduce((sum, allocation) => sum + Math.abs(allocation.votes), 0);

interface Drive {
  ballots: number;
  votes: number;
  ms: number;
  latenciesMs: number[];
}

/** Sends ballots first, first + 1, … with CONCURRENCY in flight until `forMs` has passed; every one must be stored. */
async function driveBallots(
  send: (index: number) => Promise<{ status: number; text: string; votes: number }>,
  { first, forMs }: { first: number; forMs: number },
): Promise<Drive> {
  const started = performance.now();
  const latenciesMs: number[] = [];
  let next = first;
  let votes = 0;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() - started < forMs && next < MAX_BALLOTS) {
      const index = next++;
      const sentAt = performance.now();
      const reply = await send(index);
      latenciesMs.push(performance.now() - sentAt);
      if (reply.status !== 200) {
        throw new Error(`ballot ${index} was refused with ${reply.status}: ${reply.text.slice(0, 500)}`);
      }
      votes += reply.votes;
    }
  });
  await Promise.all(workers);
  return { ballots: next - first, votes, ms: performance.now() - started, latenciesMs };
}

/** One measured run of the product: a fresh database, the web server, a warm-up, then MEASURE_MS of ballots. */
interface ProductRun {
  database: Awaited<ReturnType<typeof createBenchDatabase>>;
  roundId: string;
  warmUp: Drive;
  product: Drive;
}

/**
 * Measures the product on a fresh database: `preloads` go to the web server (the synchronous=NORMAL
 * variant's). Checks that every accepted ballot is stored and the running tallies match a recount.
 * The caller drops the database.
 */
async function measureProduct({ preloads = [] }: { preloads?: readonly string[] } = {}): Promise<ProductRun> {
  const database = await createBenchDatabase();
  let server: ChildProcess | null = null;
  try {
    const { db } = database;
    const now = new Date();
    const voters = await insertVoters(db, now);
    const opened = await openBenchRound(db, { now, proposals: PROPOSALS });
    if (opened.voters !== OPERATORS) {
      throw new Error(`round ${opened.number} opened with ${opened.voters} voters, expected ${OPERATORS}`);
    }
    console.log(
      `  round ${opened.number}: ${opened.voters} operators × 1 eligible node, ${PROPOSALS} proposals`,
    );

    const started = await startWebServer(database.url, { preloads });
    server = started.child;
    const send = async (index: number) => {
      const voter = voters[index % OPERATORS]!;
      const allocations = ballotAllocations(index, opened.proposalIds);
      const body = JSON.stringify({ roundId: opened.roundId, allocations });
      const headers = signNodeRequest({
        privateKey: voter.privateKey,
        nodeId: voter.nodeId,
        method: "POST",
        path: BALLOT_PATH,
        body,
        timestamp: Math.floor(Date.now() / 1000),
      });
      const response = await fetch(`${started.baseUrl}${BALLOT_PATH}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body,
      });
      return { status: response.status, text: await response.text(), votes: votesIn(allocations) };
    };

    console.log(`  warm-up: ${WARM_UP_MS / 1000} s of ballots, ${CONCURRENCY} in flight`);
    const warmUp = await driveBallots(send, { first: 0, forMs: WARM_UP_MS });
    console.log(`  measuring: ${MEASURE_MS / 1000} s`);
    const product = await driveBallots(send, { first: warmUp.ballots, forMs: MEASURE_MS });
    await stopWebServer(server);
    server = null;

    const sent = warmUp.ballots + product.ballots;
    const stored = await db.ballot.count({ where: { roundId: opened.roundId } });
    if (stored !== sent) throw new Error(`${sent} ballots were accepted but ${stored} are stored`);
    const tallies = await recountRound(db, opened.roundId);
    const differing = differingTallies(tallies.running, tallies.recount);
    if (differing.length > 0)
      throw new Error(`running tallies differ from the recount for ${differing.join(", ")}`);
    return { database, roundId: opened.roundId, warmUp, product };
  } catch (error) {
    if (server) await stopWebServer(server);
    await database.drop();
    throw error;
  }
}

/** What one measured run of the product gives, for medians across runs. */
function figures(drive: Drive) {
  const seconds = drive.ms / 1000;
  return {
    ballots: drive.ballots,
    perSecond: drive.ballots / seconds,
    votesPerSecond: drive.votes / seconds,
    p50Ms: percentile(drive.latenciesMs, 0.5),
    p99Ms: percentile(drive.latenciesMs, 0.99),
  };
}

type Figures = ReturnType<typeof figures>;
const medianOf = (runs: readonly Figures[], key: keyof Figures) => median(runs.map((run) => run[key]));

const NORMAL_PRELOAD = "./scripts/bench/synchronous-normal-preload.ts";

export default async function ballotIngest(): Promise<BenchFields> {
  await buildWebAppIfNeeded(process.env, (message) => console.log(`  ${message}`));
  // The product as shipped (synchronous = FULL) and the variant with the web server's connection at
  // NORMAL, the setting before ballots were made durable: their difference is what FULL's sync per
  // commit costs. Measured in alternating order, PAIRS times each, on fresh databases.
  const full: Figures[] = [];
  const normal: Figures[] = [];
  let kept: ProductRun | null = null;
  try {
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const order = pair % 2 === 0 ? (["full", "normal"] as const) : (["normal", "full"] as const);
      for (const variant of order) {
        console.log(
          `  run ${pair + 1}/${PAIRS}, ${variant === "full" ? "product (synchronous = FULL, as shipped)" : "variant synchronousNormal"}:`,
        );
        const run = await measureProduct(variant === "normal" ? { preloads: [NORMAL_PRELOAD] } : {});
        (variant === "full" ? full : normal).push(figures(run.product));
        if (variant === "full") {
          // The last FULL run's database gives the baseline its rows.
          const previous = kept;
          kept = run;
          await previous?.database.drop();
        } else {
          await run.database.drop();
        }
      }
    }
    const { product, warmUp } = kept!;
    const baseline = baselineInserts(kept!.database.filePath, {
      roundId: kept!.roundId,
      afterSeq: warmUp.ballots,
      repetitions: BASELINE_REPETITIONS,
    });
    if (baseline.rows !== product.ballots) {
      throw new Error(`the baseline read ${baseline.rows} rows for ${product.ballots} measured ballots`);
    }
    const baselineMs = median(baseline.runs.map((run) => run.ms));
    const perSecond = medianOf(full, "perSecond");
    const normalPerSecond = medianOf(normal, "perSecond");
    const baselinePerSecond = baseline.rows / (baselineMs / 1000);
    return {
      name: "ballot-ingest",
      database: "sqlite",
      params: {
        operators: OPERATORS,
        nodesPerOperator: 1,
        proposals: PROPOSALS,
        allocationsPerBallot: VOTES_PER_BALLOT,
        concurrency: CONCURRENCY,
        synchronous: "FULL",
        runsPerVariant: PAIRS,
        secondsPerRun: MEASURE_MS / 1000,
        baselineBallots: product.ballots,
        baselineRepetitions: BASELINE_REPETITIONS,
      },
      metrics: {
        perSecond: round(perSecond),
        votesPerSecond: round(medianOf(full, "votesPerSecond")),
        p50Ms: round(medianOf(full, "p50Ms"), 2),
        p99Ms: round(medianOf(full, "p99Ms"), 2),
      },
      baseline: {
        what: "bare better-sqlite3 inserts of the same Ballot rows (every column, one autocommit INSERT each, WAL, synchronous=FULL as the product) into an empty copy of the Ballot table and its indexes",
        perSecond: round(baselinePerSecond),
        votesPerSecond: round(product.votes / (baselineMs / 1000)),
        p50Ms: round(median(baseline.runs.map((run) => percentile(run.latenciesMs, 0.5))), 4),
        p99Ms: round(median(baseline.runs.map((run) => percentile(run.latenciesMs, 0.99))), 4),
      },
      ratio: round(perSecond / baselinePerSecond, 5),
      variants: {
        synchronousNormal: {
          what: "the same build, load and fresh database with the web server's connection at synchronous = NORMAL (no sync per commit)",
          perSecond: round(normalPerSecond),
          votesPerSecond: round(medianOf(normal, "votesPerSecond")),
          p50Ms: round(medianOf(normal, "p50Ms"), 2),
          p99Ms: round(medianOf(normal, "p99Ms"), 2),
          ratio: round(perSecond / normalPerSecond, 3),
        },
      },
      runs: [
        ...full.map((run, index) => ({
          run: index + 1,
          fullPerSecond: round(run.perSecond),
          normalPerSecond: round(normal[index]!.perSecond),
        })),
        ...baseline.runs.map((run) => ({ baselineMs: round(run.ms, 2) })),
      ],
    };
  } finally {
    await kept?.database.drop();
  }
}
