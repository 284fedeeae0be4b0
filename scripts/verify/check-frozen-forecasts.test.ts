/** The frozen-forecast check on hand-made exports: honest ones pass, each kind of tampering is named where it is. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFrozenForecasts } from "./check-frozen-forecasts";
import type { AuditEvent, FrozenForecastExport } from "./export-shapes";
import { canonical, sha256Hex } from "./hashing";
import { fetchExports, interpretExport } from "./load-exports";
import { verifyExports } from "./verify-exports";

const PAYLOAD = {
  proposalId: "p1",
  configVersion: 4,
  ratifiedAt: "2030-01-04T00:00:00.000Z",
  modelVersion: "1",
  forecast: {
    status: "forecast",
    metrics: [{ id: "guardEligible", proposed: [{ day: 1, p10: 10, median: 12.5, p90: 15 }] }],
  },
};
const HASH = sha256Hex(canonical(PAYLOAD));

function forecastExport(overrides: Partial<FrozenForecastExport> = {}): FrozenForecastExport {
  return {
    proposalId: "p1",
    configVersion: 4,
    frozenAt: "2030-01-04T00:01:00.000Z",
    sha256: HASH,
    payload: structuredClone(PAYLOAD),
    ...overrides,
  };
}

function event(seq: number, type: string, subject: string, data: Record<string, unknown>): AuditEvent {
  return {
    seq,
    at: `2030-01-04T00:00:${String(seq).padStart(2, "0")}.000Z`,
    type,
    subject,
    data,
    prevHash: "",
    hash: `h${seq}`,
  };
}

const decided = (outcome = "passed", configVersion: number | null = 4) =>
  event(7, "proposal.decided", "proposal:p1", { proposalId: "p1", outcome, configVersion });
const frozen = (data: Record<string, unknown> = {}, seq = 9) =>
  event(seq, "proposal.forecast-frozen", "proposal:p1", {
    proposalId: "p1",
    configVersion: 4,
    sha256: HASH,
    modelVersion: "1",
    forecastStatus: "forecast",
    ...data,
  });

describe("checkFrozenForecasts", () => {
  it("passes a forecast whose canonical payload hashes to the export's and the chain's sha256", () => {
    const group = checkFrozenForecasts([forecastExport()], [decided(), frozen()]);
    expect(group).toEqual({
      check: "frozen forecasts",
      summary: "1 frozen forecast, each against its audit event",
      differences: [],
    });
    // Key order is not part of the hash: canonical JSON sorts it.
    const reordered = forecastExport({ payload: Object.fromEntries(Object.entries(PAYLOAD).reverse()) });
    expect(checkFrozenForecasts([reordered], [decided(), frozen()]).differences).toEqual([]);
  });

  it("names a payload changed after freezing, against the hash the chain recorded", () => {
    const tampered = forecastExport();
    (tampered.payload.forecast as typeof PAYLOAD.forecast).metrics[0]!.proposed[0]!.median = 14;
    const recomputed = sha256Hex(canonical(tampered.payload));
    expect(checkFrozenForecasts([tampered], [decided(), frozen()]).differences).toEqual([
      {
        where: "proposal p1",
        what: "sha256(canonical(payload)) differs from the sha256 exported with it",
        expected: recomputed,
        found: HASH,
      },
      {
        where: "seq 9 (proposal.forecast-frozen), proposal p1",
        what: "the frozen forecast's recomputed sha256 differs from the hash the audit chain recorded when it was frozen",
        expected: HASH,
        found: recomputed,
      },
    ]);
    // The stored hash rewritten to match does not help: the chain still holds the original.
    const rehashed = { ...tampered, sha256: recomputed };
    expect(checkFrozenForecasts([rehashed], [decided(), frozen()]).differences.map((d) => d.where)).toEqual([
      "seq 9 (proposal.forecast-frozen), proposal p1",
    ]);
  });

  it.each([
    ["no event commits to it", [decided()], ["proposal p1: no proposal.forecast-frozen event"]],
    [
      "it was frozen twice",
      [decided(), frozen(), frozen({}, 10)],
      ["proposal p1: the audit chain froze its forecast more than once (seqs 9, 10)"],
    ],
    [
      "the chain recorded another config version",
      [decided(), frozen({ configVersion: 5 })],
      ["seq 9 (proposal.forecast-frozen), proposal p1: the export's config version differs"],
    ],
    [
      "the proposal never passed",
      [decided("rejected", null), frozen()],
      ["seq 9 (proposal.forecast-frozen), proposal p1: a forecast is frozen only for a passed proposal"],
    ],
    [
      "its ratification created another version",
      [decided("passed", 3), frozen()],
      [
        "seq 9 (proposal.forecast-frozen), proposal p1: the config version differs from the one its ratification created (seq 7",
      ],
    ],
  ] as const)("names a forecast when %s", (_label, events, starts) => {
    const differences = checkFrozenForecasts([forecastExport()], events).differences;
    expect(differences.map((d) => `${d.where}: ${d.what}`)).toEqual(
      starts.map((start) => expect.stringContaining(start)),
    );
  });

  it("names a forecast the chain froze whose export is missing, and one exported twice", () => {
    const other = event(11, "proposal.forecast-frozen", "proposal:p2", { sha256: HASH, configVersion: 4 });
    expect(checkFrozenForecasts([], [decided(), frozen(), other]).differences).toEqual([
      { where: "proposal p1", what: "frozen in the audit chain (seq 9) but its forecast export is missing" },
      { where: "proposal p2", what: "frozen in the audit chain (seq 11) but its forecast export is missing" },
    ]);
    expect(
      checkFrozenForecasts([forecastExport(), forecastExport()], [decided(), frozen()]).differences,
    ).toEqual([{ where: "proposal p1", what: "is exported twice" }]);
  });

  it("without the audit chain checks only the export against itself", () => {
    const group = checkFrozenForecasts([forecastExport({ configVersion: 5 })], undefined);
    expect(group.summary).toBe("1 frozen forecast");
    expect(group.differences).toEqual([
      {
        where: "proposal p1",
        what: "the payload's configVersion differs from the export's",
        expected: 5,
        found: 4,
      },
    ]);
  });
});

describe("loading frozen forecasts", () => {
  it("reads a saved frozen forecast export on its own, and a bundle's forecasts", () => {
    const single = interpretExport(forecastExport(), "p1.json");
    expect(single.found).toBe("frozen forecast export (proposal p1)");
    expect("input" in single && verifyExports(single.input).ok).toBe(true);
    const bundle = interpretExport(
      { audit: { events: [], head: { seq: 0, hash: "" } }, rounds: [], forecasts: [forecastExport()] },
      "bundle.json",
    );
    expect(bundle.found).toBe("bundle (audit export and 0 rounds, 1 frozen forecast)");
    if (!("input" in bundle)) throw new Error("expected exports");
    // The audit export holds no event that froze it.
    expect(
      verifyExports(bundle.input).groups.find((group) => group.check === "frozen forecasts")?.differences,
    ).toEqual([
      {
        where: "proposal p1",
        what: "no proposal.forecast-frozen event in the audit chain commits to this forecast",
      },
    ]);
  });

  describe("from a server", () => {
    const EVENTS = [
      decided(),
      frozen(),
      event(10, "proposal.forecast-frozen", "proposal:p2", { sha256: HASH }),
    ].map((entry, index) => ({ ...entry, seq: index + 1 }));
    let server: Server;
    let base: string;
    const requests: string[] = [];
    beforeAll(async () => {
      server = createServer((request, response) => {
        const url = new URL(request.url!, "http://stand-in");
        requests.push(url.pathname);
        const reply = (status: number, body: unknown) => {
          response.writeHead(status, { "content-type": "application/json" });
          response.end(JSON.stringify(body));
        };
        if (url.pathname === "/api/v1/audit")
          return reply(200, { events: EVENTS, head: { seq: 3, hash: "h10" } });
        if (url.pathname === "/api/v1/proposals/p1/frozen-forecast") return reply(200, forecastExport());
        reply(404, { error: { code: "NOT_FOUND", message: "No forecast is frozen for this proposal." } });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it("fetches the forecast of every proposal.forecast-frozen event; a missing one becomes a difference", async () => {
      const progress: string[] = [];
      const loaded = await fetchExports(base, (line) => progress.push(line));
      expect(requests).toEqual([
        "/api/v1/audit",
        "/api/v1/proposals/p1/frozen-forecast",
        "/api/v1/proposals/p2/frozen-forecast",
      ]);
      expect(progress).toEqual(["frozen forecasts: fetching 2 exports"]);
      expect(loaded.found).toBe(
        `server ${base}: audit export (3 events), 0 closed rounds and 1 frozen forecast`,
      );
      if (!("input" in loaded)) throw new Error("expected exports");
      const group = verifyExports(loaded.input).groups.find((entry) => entry.check === "frozen forecasts");
      expect(group?.differences).toEqual([
        {
          where: "proposal p2",
          what: "frozen in the audit chain (seq 3) but its forecast export is missing",
        },
      ]);
    });
  });
});
