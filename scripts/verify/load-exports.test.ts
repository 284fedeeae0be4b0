/** fetchExports against a stand-in server: every audit page up to the head, both ballot exports of each closed round, and errors that say what to do. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchExports, InputError } from "./load-exports";

const EVENTS = Array.from({ length: 1205 }, (_, index) => ({
  seq: index + 1,
  at: new Date(Date.UTC(2030, 0, 1, 0, 0, index)).toISOString(),
  type: index === 1203 ? "round.closed" : index === 1204 ? "config.version-created" : "proposal.published",
  subject: index === 1203 ? "round:r1" : index === 1204 ? "config:7" : `proposal:p${index}`,
  data: index === 1204 ? { version: 7 } : {},
  prevHash: "",
  hash: `h${index + 1}`,
}));

function roundExport(ballots: number) {
  return {
    roundId: "r1",
    opensAt: "2030-01-01T00:00:00.000Z",
    closesAt: "2030-01-04T00:00:00.000Z",
    creditsPerNode: 100,
    quorum: 0.2,
    metaSupermajority: 0.66,
    eligible: [],
    ballots: Array.from({ length: ballots }, (_, index) => ({
      operatorId: `op${index}`,
      submittedAt: "2030-01-02T00:00:00.000Z",
      allocations: [],
      cost: 0,
      prevReceipt: "",
      receipt: `r${index}`,
    })),
    tallies: [],
    configVersion: null,
  };
}

const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url!, "http://stand-in");
    requests.push(`${url.pathname}${url.search}`);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/api/v1/audit") {
      const after = Number(url.searchParams.get("after"));
      const limit = Number(url.searchParams.get("limit"));
      return reply(200, { events: EVENTS.slice(after, after + limit), head: { seq: 1205, hash: "h1205" } });
    }
    if (url.pathname === "/api/v1/rounds/r1/ballots") {
      return reply(200, roundExport(url.searchParams.get("all") === "1" ? 2 : 1));
    }
    if (url.pathname === "/api/v1/config/6") {
      const envelope = { version: 6, proposals: [], params: { "gov.quorum": 0.2 } };
      return reply(200, {
        version: 6,
        envelope: Buffer.from(JSON.stringify(envelope)).toString("base64url"),
      });
    }
    reply(404, { error: { code: "NOT_FOUND", message: "There is no such thing here." } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("fetchExports", () => {
  it("pages the audit export up to its head, then fetches each closed round's ballots and config versions", async () => {
    requests.length = 0;
    const progress: string[] = [];
    const loaded = await fetchExports(`${base}/`, (line) => progress.push(line));
    expect(requests).toEqual([
      "/api/v1/audit?after=0&limit=1000",
      "/api/v1/audit?after=1000&limit=1000",
      "/api/v1/rounds/r1/ballots",
      "/api/v1/rounds/r1/ballots?all=1",
      // The round created no version; a later round created 7, so this one was ratified against 6.
      "/api/v1/config/6",
    ]);
    expect(progress).toEqual([
      "audit: 1,000 events of 1,205 fetched",
      "audit: 1,205 events of 1,205 fetched",
      "round r1: fetching ballots and config versions (1 of 1)",
    ]);
    expect(loaded.found).toBe(`server ${base}: audit export (1,205 events) and 1 closed round`);
    if (!("input" in loaded)) throw new Error("expected exports");
    expect(loaded.input.audit?.events.map((event) => event.seq)).toEqual(EVENTS.map((event) => event.seq));
    expect(
      loaded.input.rounds?.map((round) => [round.counted.ballots.length, round.all?.ballots.length]),
    ).toEqual([[1, 2]]);
    expect(loaded.input.rounds?.[0]?.configs).toEqual({
      base: { version: 6, proposals: [], params: { "gov.quorum": 0.2 } },
      created: null,
    });
  });

  it("turns an error answer into an input error carrying the server's message", async () => {
    const error = await fetchExports(`${base}/elsewhere`, () => {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${base}/elsewhere/api/v1/audit?after=0&limit=1000 answered 404: There is no such thing here.`,
    );
  });

  it("says how to fix an unreachable base URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchExports(`http://127.0.0.1:${port}`, () => {})).rejects.toThrow(
      /Could not reach .*Check the base URL \(e\.g\. http:\/\/localhost:3000\) and that the Plenum server is running/,
    );
  });
});
