import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/platform/db";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getExclusivePairs } from "./exclusive-pair-queries";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
/** UTC midnight `age` days before today (0 = today). */
const dayAt = (age: number) => new Date(Date.parse("2026-11-25T00:00:00.000Z") - age * DAY_MS);

let database: TestDatabase;
let db: Db;
const ids: Record<string, string> = {};

async function insertOperator(displayName: string, nodeNames: string[]) {
  const { id } = await db.operator.create({
    data: { displayName, email: `${displayName.toLowerCase()}.pairs@example.test` },
    select: { id: true },
  });
  for (const name of nodeNames) {
    const node = await db.node.create({
      data: {
        operatorId: id,
        name,
        nameSearch: name,
        publicKey: `pairs-${name}-${process.pid}`,
        region: "eu",
      },
      select: { id: true },
    });
    ids[name] = node.id;
  }
}

/** What `node` reported sending to and receiving from `peer` on the day `age` days ago. */
async function report(node: string, peer: string, age: number, upGb: bigint, downGb = upGb) {
  await db.nodePeerDayTraffic.create({
    data: {
      nodeId: ids[node]!,
      peerNodeId: ids[peer]!,
      day: dayAt(age),
      bytesUp: upGb * GB,
      bytesDown: downGb * GB,
    },
  });
}

/** Both sides of an exchange, as two agreeing nodes report it. */
async function exchange(a: string, b: string, age: number, gb: bigint) {
  await report(a, b, age, gb);
  await report(b, a, age, gb);
}

/** `hours` hourly rollups of `node` from `prefix`, ending an hour before NOW. */
async function reportFrom(node: string, prefix: string, hours: number, hoursAgo = 1) {
  await db.nodeHourlyRollup.createMany({
    data: Array.from({ length: hours }, (_, index) => ({
      nodeId: ids[node]!,
      hourStart: new Date(NOW.getTime() - (hoursAgo + index) * 3_600_000),
      samples: 60,
      windowSeconds: 3600,
      uptimeSeconds: 3600,
      bytesUp: 0n,
      bytesDown: 0n,
      latencyMsSeconds: 0n,
      peerSeconds: 0n,
      clusterPrefix: prefix,
    })),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await insertOperator("Ada", ["ada-1", "ada-2"]);
  await insertOperator("Bob", ["bob-1", "bob-2"]);
  await insertOperator("Cy", ["cy-1", "cy-2", "cy-3"]);
  await insertOperator("Dee", ["dee-1", "dee-2"]);

  // ada-1 and bob-1 trade only with each other, from different networks, on 3 days of the week; a big
  // exchange with cy-3 ten days ago is older than the window.
  for (const age of [0, 2, 6]) await exchange("ada-1", "bob-1", age, 40n);
  await exchange("ada-1", "cy-3", 10, 500n);
  await reportFrom("ada-1", "198.51.100.0/24", 5);
  await reportFrom("bob-1", "203.0.113.0/24", 3);
  await reportFrom("bob-1", "198.51.100.0/24", 2, 30);

  // cy-1 and cy-2 sit in one network: 96 of cy-1's 98 GB are with cy-2 (the rest with dee-1, who does not report it).
  await exchange("cy-1", "cy-2", 1, 48n);
  await report("cy-1", "dee-1", 1, 1n);
  await reportFrom("cy-1", "192.0.2.0/24", 4);
  await reportFrom("cy-2", "192.0.2.0/24", 4);

  // dee-1 and dee-2: only each other, but dee-2's network was never recorded.
  await exchange("dee-1", "dee-2", 3, 1n);
  await report("dee-1", "dee-2", 4, 1n, 0n);
  await reportFrom("dee-1", "192.0.2.0/24", 1);

  // ada-2 trades mostly with bob-2, but 10 % with cy-3: no sign. bob-2 only reports ada-2.
  await report("ada-2", "bob-2", 1, 9n);
  await report("ada-2", "cy-3", 1, 1n);
  await report("bob-2", "ada-2", 1, 9n);
});

afterAll(async () => {
  await database.drop();
});

describe("getExclusivePairs", () => {
  it("lists the pairs that only trade with each other over the last 7 days, most data first", async () => {
    const signs = await getExclusivePairs(db, { now: NOW });
    expect(signs).toMatchObject({
      days: 7,
      since: dayAt(6),
      sharePercent: 95,
      // Every node that reported per-peer traffic in the window: all but cy-3 (only 10 days ago).
      nodesChecked: 8,
      isNodeCheckCapped: false,
      pairCount: 3,
    });
    const [first, second, third] = signs.pairs;
    const [ada, bob] = [ids["ada-1"]!, ids["bob-1"]!].sort();
    expect(first).toEqual({
      nodes: [ada, bob].map((id) => ({
        id,
        name: id === ids["ada-1"] ? "ada-1" : "bob-1",
        operatorName: id === ids["ada-1"] ? "Ada" : "Bob",
        bytesWithOther: 240n * GB,
        bytesWithAll: 240n * GB,
      })),
      network: "different",
      days: 3,
    });
    expect(second).toMatchObject({ network: "same", days: 1 });
    expect(second!.nodes.map((node) => [node.name, node.bytesWithOther, node.bytesWithAll])).toEqual(
      expect.arrayContaining([
        ["cy-1", 96n * GB, 98n * GB],
        ["cy-2", 96n * GB, 96n * GB],
      ]),
    );
    expect(third).toMatchObject({ network: "unknown", days: 2 });
    expect(third!.nodes.map((node) => node.name).sort()).toEqual(["dee-1", "dee-2"]);
  });

  it("forgets a pair once its exchanges are older than the window", async () => {
    const later = new Date(NOW.getTime() + 6 * DAY_MS);
    const signs = await getExclusivePairs(db, { now: later });
    expect(signs.pairs.map((pair) => pair.nodes.map((node) => node.name).sort())).toEqual([
      ["ada-1", "bob-1"],
    ]);
    expect(signs.pairs[0]).toMatchObject({ days: 1 });
  });

  it("is empty on a network without per-peer reports", async () => {
    const signs = await getExclusivePairs(db, { now: new Date("2027-06-01T00:00:00.000Z") });
    expect(signs).toMatchObject({ nodesChecked: 0, pairCount: 0, pairs: [] });
  });
});
