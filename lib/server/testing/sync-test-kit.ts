/** A platform database, simulated nodes on loopback and a clock the test moves: the bench for sync tests. */
import {
  startLoopbackNodes,
  type LoopbackNodes,
  type NodeFault,
} from "@/agent/config-endpoint/loopback-nodes";
import { createWebhookSecret } from "@/agent/testing/push-test-kit";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { createRandom } from "@/lib/domain/random";
import { createLogger, type Logger } from "@/lib/server/platform/logger";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { ensurePlatform, getNetworkInfo } from "@/lib/server/platform/ensure-platform";
import { startNodeSync } from "@/lib/server/config-sync/node-sync-commands";
import { runSyncPass, type SyncPassOptions, type SyncPassResult } from "@/lib/server/config-sync/sync-engine";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(at: Date): void;
}

/** A clock that stands still until the test moves it. */
export function createTestClock(start: Date): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

export interface SyncBench {
  database: TestDatabase;
  nodes: LoopbackNodes;
  nodeIds: string[];
  clock: TestClock;
  logs: string[];
  logger: Logger;
  pass(options?: Partial<SyncPassOptions>): Promise<SyncPassResult>;
  issueVersion(activateInMs: number): Promise<number>;
  attempts(nodeId: string): Promise<
    {
      kind: string;
      startedAt: Date;
      durationMs: number;
      outcome: string;
      httpStatus: number | null;
      error: string | null;
      version: number | null;
      replyExcerpt: string | null;
    }[]
  >;
  sync(nodeId: string): Promise<{
    status: string;
    acknowledgedVersion: number | null;
    failureCount: number;
    nextAttemptAt: Date;
    nextReadBackAt: Date | null;
    nackedVersion: number | null;
    lastError: string | null;
    leaseOwner: string | null;
  }>;
  close(): Promise<void>;
}

export async function startSyncBench(options: {
  nodeCount: number;
  faults?: (nodeIds: string[]) => Record<string, NodeFault>;
  hosts?: string[];
  /** Default: a clock the test moves, starting now. */
  clock?: TestClock;
  seed?: number;
}): Promise<SyncBench> {
  const database = await createTestDatabase();
  const { db } = database;
  const clock = options.clock ?? createTestClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  await ensurePlatform(db, { networkName: "Sync bench", now: clock.now() });
  const network = await getNetworkInfo(db);
  const operator = await db.operator.create({
    data: { displayName: "Bench operator", email: `bench-${process.pid}-${Date.now()}@example.test` },
    select: { id: true },
  });
  const identities: { nodeId: string; webhookSecret: string }[] = [];
  for (let index = 0; index < options.nodeCount; index++) {
    const webhookSecret = createWebhookSecret();
    const node = await db.node.create({
      data: {
        operatorId: operator.id,
        name: `bench-node-${index}`,
        nameSearch: `bench-node-${index}`,
        publicKey: `bench-key-${process.pid}-${Date.now()}-${index}`,
        region: "eu-west",
        webhookSecret,
        createdAt: clock.now(),
      },
      select: { id: true },
    });
    identities.push({ nodeId: node.id, webhookSecret });
  }
  const nodeIds = identities.map((identity) => identity.nodeId);
  const nodes = await startLoopbackNodes({
    trust: {
      networkId: network.networkId,
      keys: [{ keyId: network.keyId, publicKey: network.platformPublicKey }],
    },
    nodes: identities,
    now: clock.now,
    hosts: options.hosts,
    faults: options.faults?.(nodeIds),
  });
  for (const nodeId of nodeIds) {
    await db.node.update({ where: { id: nodeId }, data: { endpointUrl: nodes.urlFor(nodeId) } });
    await startNodeSync(db, { nodeId, now: clock.now() });
  }
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (_level, line) => logs.push(line) });
  const random = createRandom(options.seed ?? 42);

  return {
    database,
    nodes,
    nodeIds,
    clock,
    logs,
    logger,
    pass: (overrides = {}) =>
      runSyncPass({
        db,
        workerId: "bench-worker",
        now: clock.now,
        random: random.nextFloat,
        logger,
        signal: new AbortController().signal,
        allowPrivateEndpoints: true,
        maxInFlight: 32,
        ...overrides,
      }),
    async issueVersion(activateInMs) {
      const issued = await issueConfigVersion(db, {
        params: defaultParameterValues(),
        activateAt: new Date(clock.now().getTime() + activateInMs),
        proposals: [],
        now: clock.now(),
      });
      return issued.version;
    },
    attempts: (nodeId) =>
      db.syncAttempt.findMany({
        where: { nodeId },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        select: {
          kind: true,
          startedAt: true,
          durationMs: true,
          outcome: true,
          httpStatus: true,
          error: true,
          version: true,
          replyExcerpt: true,
        },
      }),
    sync: (nodeId) =>
      db.nodeSync.findUniqueOrThrow({
        where: { nodeId },
        select: {
          status: true,
          acknowledgedVersion: true,
          failureCount: true,
          nextAttemptAt: true,
          nextReadBackAt: true,
          nackedVersion: true,
          lastError: true,
          leaseOwner: true,
        },
      }),
    async close() {
      await nodes.close();
      await database.drop();
    },
  };
}
