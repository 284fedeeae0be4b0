import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { telemetryReportSchema } from "@/lib/schemas/node-protocol";
import { NOTHING_HELD } from "./endpoint-server";
import {
  PlatformError,
  PlatformUnreachableError,
  type PlatformClient,
  type TelemetryReport,
} from "./protocol/platform-client";
import { createReporter, reportUntilStopped } from "./reporter";
import { syntheticSource, uptimeOnlySource } from "./telemetry-source";

const { privateKey } = generateKeyPairSync("ed25519");

function fakeClient(
  answers: (() => number)[],
): PlatformClient & { reports: TelemetryReport[]; timestamps: number[] } {
  const reports: TelemetryReport[] = [];
  const timestamps: number[] = [];
  return {
    server: "http://platform.test",
    reports,
    timestamps,
    getNetwork: () => Promise.reject(new Error("unused")),
    requestChallenge: () => Promise.reject(new Error("unused")),
    register: () => Promise.reject(new Error("unused")),
    getCurrentRound: () => Promise.reject(new Error("unused")),
    castBallot: () => Promise.reject(new Error("unused")),
    sendTelemetry: async ({ report, timestamp }) => {
      reports.push(report);
      timestamps.push(timestamp);
      const next = answers.shift();
      if (!next) throw new Error("no more answers");
      return { nextReportInSeconds: next(), bytes: JSON.stringify(report).length };
    },
  };
}

describe("createReporter", () => {
  it("sends reports the platform's schema accepts, each covering the time since the last accepted one", async () => {
    let now = Date.parse("2026-11-25T12:00:00.000Z");
    const client = fakeClient([
      () => 60,
      () => {
        throw new PlatformUnreachableError("down");
      },
      () => 60,
    ]);
    const report = createReporter({
      client,
      nodeId: "node1",
      privateKey,
      source: syntheticSource("seeder", 7),
      held: () => NOTHING_HELD,
      startedAtMs: now,
      now: () => now,
    });
    await report();
    now += 60_000;
    await expect(report()).rejects.toThrow(PlatformUnreachableError);
    now += 5_000;
    await report();
    const [first, failed, third] = client.reports;
    for (const sent of client.reports) expect(telemetryReportSchema.safeParse(sent).success).toBe(true);
    expect(first).toMatchObject({
      windowSeconds: 1,
      uptimeSeconds: 0,
      activeConfigVersion: null,
      agent: "plenum-agent/0.1.0",
    });
    expect(failed).toMatchObject({ windowSeconds: 60, uptimeSeconds: 60 });
    expect(third).toMatchObject({ windowSeconds: 65, uptimeSeconds: 65, at: "2026-11-25T12:01:05.000Z" });
    expect(third!.bytesUp).toBeGreaterThan(third!.bytesDown);
    const start = Date.parse("2026-11-25T12:00:00.000Z") / 1000;
    expect(client.timestamps).toEqual([start, start + 60, start + 65]);
  });

  it("caps the window at one day after a long outage", async () => {
    let now = 0;
    const client = fakeClient([() => 60]);
    const report = createReporter({
      client,
      nodeId: "n",
      privateKey,
      source: uptimeOnlySource,
      held: () => NOTHING_HELD,
      startedAtMs: now,
      now: () => now,
    });
    now = 3 * 86_400_000;
    await report();
    expect(client.reports[0]).toMatchObject({
      windowSeconds: 86_400,
      uptimeSeconds: 86_400,
      bytesUp: 0,
      peers: 0,
    });
    expect(telemetryReportSchema.safeParse(client.reports[0]).success).toBe(true);
  });
});

describe("createReporter with per-peer traffic", () => {
  it("sends no peerTraffic for a source without it, and a source's fitted to the report and the node", async () => {
    let now = Date.parse("2026-11-25T12:00:00.000Z");
    const client = fakeClient([() => 60, () => 60]);
    const accepted: number[] = [];
    let windows = 0;
    const report = createReporter({
      client,
      nodeId: "self",
      privateKey,
      source: {
        description: "test counters",
        window: () => {
          windows += 1;
          return windows === 1
            ? { bytesUp: 0, bytesDown: 0, peers: 0, medianLatencyMs: 0 }
            : {
                bytesUp: 1_000,
                bytesDown: 10,
                peers: 3,
                medianLatencyMs: 20,
                peerTraffic: [
                  { peerNodeId: "a", bytesUp: 700, bytesDown: 0 },
                  { peerNodeId: "self", bytesUp: 900, bytesDown: 900 },
                  { peerNodeId: "b", bytesUp: 600, bytesDown: 20 },
                ],
              };
        },
        accepted: () => accepted.push(windows),
      },
      held: () => NOTHING_HELD,
      startedAtMs: now - 60_000,
      now: () => now,
    });
    await report();
    now += 60_000;
    await report();
    const [without, withPeers] = client.reports;
    expect(without).not.toHaveProperty("peerTraffic");
    expect(withPeers!.peerTraffic).toEqual([
      { peerNodeId: "a", bytesUp: 700, bytesDown: 0 },
      { peerNodeId: "b", bytesUp: 300, bytesDown: 10 },
    ]);
    for (const sent of client.reports) expect(telemetryReportSchema.safeParse(sent).success).toBe(true);
    expect(accepted).toEqual([1, 2]);
  });

  it("tells the source only about accepted reports", async () => {
    const client = fakeClient([
      () => {
        throw new PlatformUnreachableError("down");
      },
    ]);
    const accepted: string[] = [];
    const report = createReporter({
      client,
      nodeId: "n",
      privateKey,
      source: { ...uptimeOnlySource, accepted: () => accepted.push("accepted") },
      held: () => NOTHING_HELD,
      startedAtMs: 0,
      now: () => 60_000,
    });
    await expect(report()).rejects.toThrow(PlatformUnreachableError);
    expect(accepted).toEqual([]);
  });
});

describe("reportUntilStopped", () => {
  it("waits the platform's interval after a success, backs off on 5xx, honours 429 Retry-After", async () => {
    const controller = new AbortController();
    const outcomes: (() => number)[] = [
      () => 60,
      () => {
        throw new PlatformError(500, "INTERNAL", "boom", null);
      },
      () => {
        throw new PlatformError(502, "HTTP_502", "bad gateway", null);
      },
      () => {
        throw new PlatformError(429, "RATE_LIMITED", "slow down", 42);
      },
      () => 120,
    ];
    const waits: number[] = [];
    await reportUntilStopped({
      report: async () => ({ nextReportInSeconds: outcomes.shift()!(), bytes: 10 }),
      signal: controller.signal,
      random: () => 0,
      wait: async (ms) => {
        waits.push(ms);
        if (outcomes.length === 0) controller.abort();
      },
    });
    expect(waits).toEqual([60_000, 1_000, 2_000, 42_000, 120_000]);
  });

  it("resets the back-off after a success and applies interval jitter", async () => {
    const controller = new AbortController();
    const outcomes: (() => number)[] = [
      () => {
        throw new PlatformUnreachableError("down");
      },
      () => {
        throw new PlatformUnreachableError("down");
      },
      () => 60,
      () => {
        throw new PlatformUnreachableError("down");
      },
    ];
    const waits: number[] = [];
    await reportUntilStopped({
      report: async () => ({ nextReportInSeconds: outcomes.shift()!(), bytes: 10 }),
      signal: controller.signal,
      random: () => 1,
      intervalJitter: 0.1,
      wait: async (ms) => {
        waits.push(ms);
        if (outcomes.length === 0) controller.abort();
      },
    });
    expect(waits).toEqual([2_000, 4_000, 66_000, 2_000]);
  });

  it("stops with the error when retrying cannot help (401 unknown node)", async () => {
    const unknown = new PlatformError(401, "UNAUTHENTICATED", "No node n1 is registered", null);
    await expect(
      reportUntilStopped({
        report: () => Promise.reject(unknown),
        signal: new AbortController().signal,
        random: () => 0,
        wait: async () => {},
      }),
    ).rejects.toBe(unknown);
  });
});
