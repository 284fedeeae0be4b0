import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import type { TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory } from "../init";
import { appRouter } from "../routers/_app";

type TestDb = TestDatabase["db"];

/** What a production server without the demo fleet runs with. */
export const TEST_REQUEST_SETTINGS = { allowPrivateEndpoints: false } as const;

export const TEST_NOW = new Date("2026-11-25T12:00:00.000Z");

export function minutesBefore(minutes: number, now = TEST_NOW): Date {
  return new Date(now.getTime() - minutes * 60_000);
}

export function createTestCaller(db: TestDb, now: Date = TEST_NOW) {
  return createCallerFactory(appRouter)({
    db,
    now: () => now,
    operator: null,
    clientIp: null,
    settings: TEST_REQUEST_SETTINGS,
  });
}

export function bootstrapTestPlatform(db: TestDb, now: Date = TEST_NOW) {
  return ensurePlatform(db, { networkName: "Test swarm", now });
}

export type TestNode = {
  name: string;
  status?: "Active" | "Gone";
  region?: string;
  lastSeenAt?: Date | null;
  reportedConfigVersion?: number | null;
};

let keyCounter = 0;

/** Inserts an operator with its nodes (node region defaults to the operator's). */
export async function insertOperator(
  db: TestDb,
  operator: { displayName: string; region: string },
  nodes: TestNode[],
): Promise<string> {
  const email = `${operator.displayName.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.test`;
  const { id } = await db.operator.create({ data: { ...operator, email }, select: { id: true } });
  for (const node of nodes) {
    keyCounter += 1;
    await db.node.create({
      data: {
        operatorId: id,
        name: node.name,
        nameSearch: node.name.toLowerCase(),
        publicKey: `test-key-${process.pid}-${keyCounter}`,
        region: node.region ?? operator.region,
        status: node.status ?? "Active",
        lastSeenAt: node.lastSeenAt ?? null,
        reportedConfigVersion: node.reportedConfigVersion ?? null,
      },
    });
  }
  return id;
}
