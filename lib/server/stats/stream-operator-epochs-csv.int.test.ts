import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEDGER_CSV_HEADER } from "@/lib/domain/rewards/ledger-csv";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import type { TestDatabase } from "@/lib/server/testing/test-database";
import { operatorEpochRows, streamOperatorEpochsCsv } from "./stream-operator-epochs-csv";
import { createOperatorLedger, insertOperatorWithManyNodes, NOW } from "./testing/operator-ledger";

let database: TestDatabase;
let adaId: string;
let bobId: string;
let nodeIds: Record<string, string>;

beforeAll(async () => {
  ({ database, adaId, bobId, nodeIds } = await createOperatorLedger());
});

afterAll(async () => {
  await database.drop();
});

describe("operatorEpochRows", () => {
  it("pages every ledger entry of the operator's nodes, newest epoch first, by node id within a day", async () => {
    const rows = await operatorEpochRows(database.db, { operatorId: adaId });
    const byId = (a: string, b: string) => (nodeIds[a]! < nodeIds[b]! ? [a, b] : [b, a]);
    expect(rows.map((row) => [row.day.toISOString().slice(0, 10), row.nodeName])).toEqual([
      ...byId("-edge", "relay-a").map((name) => ["2026-11-24", name]),
      ["2026-11-20", "relay-a"],
      ...byId("old-a", "relay-a").map((name) => ["2026-11-10", name]),
      ["2026-10-01", "relay-a"],
    ]);
    const relayLatest = rows.find((row) => row.nodeName === "relay-a");
    expect(relayLatest).toMatchObject({
      rewardMicro: 4_000_000n,
      unscaledMicro: 8_000_000n,
      configVersion: 2,
    });
    const firstPage = await operatorEpochRows(database.db, { operatorId: adaId, take: 4 });
    const { day, nodeId } = firstPage.at(-1)!;
    const rest = await operatorEpochRows(database.db, { operatorId: adaId, after: { day, nodeId } });
    expect([...firstPage, ...rest]).toEqual(rows);
  });
});

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; lines: string[] }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, lines: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).split("\r\n") };
}

describe("streamOperatorEpochsCsv", () => {
  it("writes the operator's epochs only, after a UTF-8 BOM, with formula-like names made inert", async () => {
    const { bytes, lines } = await readCsv(
      await streamOperatorEpochsCsv(database.db, { operatorId: adaId, now: NOW }),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe(`\uFEFF${LEDGER_CSV_HEADER.join(",")}`);
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(lines).toContain(
      `2026-11-24,${nodeIds["-edge"]},'-edge,FreeRider,100,2,1,1.5,1,1,0.5,0.2,0.25,0.65,2`,
    );
    expect(lines.join("\n")).not.toContain(nodeIds["relay-b"]!);
  });

  it(`refuses more than ${RATE_LIMITS.epochsCsv.limit} exports a minute per operator`, async () => {
    const later = new Date(NOW.getTime() + 10 * 60_000);
    for (let call = 0; call < RATE_LIMITS.epochsCsv.limit; call += 1) {
      await (await streamOperatorEpochsCsv(database.db, { operatorId: adaId, now: later })).cancel();
    }
    await expect(
      streamOperatorEpochsCsv(database.db, { operatorId: adaId, now: later }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const bob = await readCsv(await streamOperatorEpochsCsv(database.db, { operatorId: bobId, now: later }));
    expect(bob.lines.join("\n")).toContain("relay-b");
  });
});

describe("an operator with more than a thousand nodes", () => {
  const NODES = 1_100;
  let manyId: string;

  beforeAll(async () => {
    manyId = await insertOperatorWithManyNodes(database.db, NODES);
  });

  it("streams all their epochs across more than one page", async () => {
    const { lines } = await readCsv(
      await streamOperatorEpochsCsv(database.db, { operatorId: manyId, now: NOW }),
    );
    expect(lines).toHaveLength(1 + 2 * NODES + 1);
    expect(new Set(lines.slice(1, -1)).size).toBe(2 * NODES);
  });
});
