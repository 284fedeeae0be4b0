/**
 * The verifier against forecasts frozen through the services: the honest exports pass every check, and a
 * stored forecast changed afterwards (even with its stored hash rewritten) or deleted is named.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getAuditResponse } from "@/app/api/v1/audit/get-audit";
import { getConfigVersionResponse } from "@/app/api/v1/config/[version]/get-config-version";
import { getFrozenForecastResponse } from "@/app/api/v1/proposals/[proposalId]/frozen-forecast/get-frozen-forecast";
import { getRoundBallotsResponse } from "@/app/api/v1/rounds/[roundId]/ballots/get-round-ballots";
import { getConfigVersion } from "@/lib/server/governance/config-version-queries";
import { freezeDueForecasts } from "@/lib/server/network-model/freeze-forecasts";
import { exportFrozenForecast } from "@/lib/server/network-model/frozen-forecast-queries";
import {
  RATIFIED_AT,
  ratifiedHistory,
  type RatifiedHistory,
} from "@/lib/server/network-model/testing/ratified-history";
import type { Db } from "@/lib/server/platform/db";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { exportAudit, exportRoundBallots } from "@/lib/server/voting/round-export-queries";
import { interpretExport } from "./load-exports";
import { sha256Hex } from "./hashing";
import { verifyExports } from "./verify-exports";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function frozenHistory(): Promise<RatifiedHistory> {
  database = await createTestDatabase();
  const history = await ratifiedHistory(database.db);
  const { frozen } = await freezeDueForecasts(history.db, { now: new Date(RATIFIED_AT.getTime() + 60_000) });
  expect(frozen).toHaveLength(2);
  return history;
}

/** Every export as a client receives it (JSON): the audit chain, the round and both frozen forecasts. */
async function bundle({ db, guardProposalId, quorumProposalId }: RatifiedHistory) {
  const round = await db.round.findFirstOrThrow({ select: { id: true } });
  const counted = await exportRoundBallots(db, { roundId: round.id, all: false });
  const version = counted.configVersion!;
  return JSON.parse(
    JSON.stringify({
      audit: await exportAudit(db, { after: 0, limit: 1000 }),
      rounds: [
        {
          counted,
          all: await exportRoundBallots(db, { roundId: round.id, all: true }),
          configs: {
            base: await getConfigVersion(db, version - 1),
            created: await getConfigVersion(db, version),
          },
        },
      ],
      forecasts: [
        await exportFrozenForecast(db, { proposalId: guardProposalId }),
        await exportFrozenForecast(db, { proposalId: quorumProposalId }),
      ],
    }),
  ) as unknown;
}

async function verify(history: RatifiedHistory) {
  const loaded = interpretExport(await bundle(history), "bundle");
  if (!("input" in loaded)) throw new Error(`The export is malformed: ${JSON.stringify(loaded.format)}`);
  const report = verifyExports(loaded.input);
  return { report, failed: report.groups.filter((group) => group.differences.length > 0) };
}

async function frozenSeq(db: Db, proposalId: string): Promise<number> {
  const event = await db.governanceEvent.findFirstOrThrow({
    where: { type: "proposal.forecast-frozen", subject: `proposal:${proposalId}` },
    select: { seq: true },
  });
  return event.seq;
}

/** Changes one figure of the stored guard forecast, as someone editing the database would. */
async function tamperGuardForecast(
  db: Db,
  proposalId: string,
  { rehash }: { rehash: boolean },
): Promise<void> {
  const row = await db.frozenForecast.findUniqueOrThrow({ where: { proposalId }, select: { payload: true } });
  const payload = row.payload.replace(
    /"median":([0-9.e+-]+)/,
    (_match, value: string) => `"median":${Number(value) + 1}`,
  );
  expect(payload).not.toBe(row.payload);
  await db.frozenForecast.update({
    where: { proposalId },
    data: { payload, ...(rehash && { sha256: sha256Hex(payload) }) },
    select: { proposalId: true },
  });
}

describe("npm run verify on forecasts frozen through the services", () => {
  it("passes the honest exports: the chain, the round and both frozen forecasts", async () => {
    const history = await frozenHistory();
    const { report, failed } = await verify(history);
    expect(failed).toEqual([]);
    expect(report.groups.map((group) => group.check)).toEqual(
      expect.arrayContaining([
        "audit chain",
        "rounds covered",
        "ratification",
        "audit cross-check",
        "frozen forecasts",
      ]),
    );
    expect(report.groups.find((group) => group.check === "frozen forecasts")?.summary).toBe(
      "2 frozen forecasts, each against its audit event",
    );
  });

  it.each([
    ["its stored hash left as it was", false, ["proposal", "seq"]],
    ["its stored hash rewritten to match", true, ["seq"]],
  ] as const)("names a frozen forecast changed afterwards, %s", async (_label, rehash, places) => {
    const history = await frozenHistory();
    await tamperGuardForecast(history.db, history.guardProposalId, { rehash });
    const { failed } = await verify(history);
    // Only the forecast check fails: the audit chain itself is intact, it is the stored forecast that moved.
    expect(failed.map((group) => group.check)).toEqual(["frozen forecasts"]);
    const seq = await frozenSeq(history.db, history.guardProposalId);
    const where = {
      proposal: `proposal ${history.guardProposalId}`,
      seq: `seq ${seq} (proposal.forecast-frozen), proposal ${history.guardProposalId}`,
    };
    expect(failed[0]!.differences.map((difference) => difference.where)).toEqual(
      places.map((place) => where[place]),
    );
    expect(failed[0]!.differences.at(-1)).toMatchObject({
      what: "the frozen forecast's recomputed sha256 differs from the hash the audit chain recorded when it was frozen",
      expected: (
        await history.db.governanceEvent.findUniqueOrThrow({ where: { seq }, select: { data: true } })
      ).data.match(/"sha256":"([0-9a-f]{64})"/)![1],
    });
  });

  it("the CLI on the server's base URL: exit 0 honest; 1 naming the proposal once its forecast is changed or deleted", async () => {
    const history = await frozenHistory();
    const server = await serveExports(history.db);
    try {
      const honest = await runCli(server.base);
      expect(honest.code, honest.stderr).toBe(0);
      expect(honest.stdout).toContain("and 2 frozen forecasts");
      expect(honest.stdout).toContain("✓ frozen forecasts: 2 frozen forecasts, each against its audit event");

      await tamperGuardForecast(history.db, history.guardProposalId, { rehash: true });
      const seq = await frozenSeq(history.db, history.guardProposalId);
      const tampered = await runCli(server.base);
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(
        "✗ frozen forecasts: 2 frozen forecasts, each against its audit event, 1 difference",
      );
      expect(tampered.stdout).toContain(
        `    seq ${seq} (proposal.forecast-frozen), proposal ${history.guardProposalId}: the frozen forecast's recomputed sha256 differs`,
      );

      await history.db.frozenForecast.delete({
        where: { proposalId: history.guardProposalId },
        select: { proposalId: true },
      });
      const deleted = await runCli(server.base);
      expect(deleted.code).toBe(1);
      expect(deleted.stdout).toContain(
        `    proposal ${history.guardProposalId}: frozen in the audit chain (seq ${seq}) but its forecast export is missing`,
      );
    } finally {
      await server.close();
    }
  }, 120_000);
});

/** The public export and config routes over plain node:http, so the CLI can be given a base URL. */
async function serveExports(db: Db): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    const request = new Request(new URL(incoming.url!, "http://verify.test"));
    const { pathname } = new URL(request.url);
    const ballots = /^\/api\/v1\/rounds\/([^/]+)\/ballots$/.exec(pathname);
    const config = /^\/api\/v1\/config\/(\d+)$/.exec(pathname);
    const forecast = /^\/api\/v1\/proposals\/([^/]+)\/frozen-forecast$/.exec(pathname);
    const answer = ballots
      ? getRoundBallotsResponse(db, request, Promise.resolve({ roundId: ballots[1]! }))
      : config
        ? getConfigVersionResponse(db, request, Promise.resolve({ version: config[1]! }))
        : forecast
          ? getFrozenForecastResponse(
              db,
              request,
              Promise.resolve({ proposalId: decodeURIComponent(forecast[1]!) }),
            )
          : getAuditResponse(db, request);
    void answer.then(async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The CLI as its own process; asynchronous so this process can keep answering its requests. */
function runCli(target: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/verify.ts", target], { cwd: ROOT, timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
