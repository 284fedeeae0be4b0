import { describe, expect, it } from "vitest";
import { DEMO_LARGE_CLUSTER } from "@/demo/data/demo-names";
import { generateDemoNetwork } from "@/demo/data/demo-network";
import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import { DEMO_INFLATION_FACTOR } from "@/demo/data/demo-peer-roles";
import { DEMO_TELEMETRY_DAYS, demoPresence, generateDemoTelemetry } from "@/demo/data/demo-telemetry";
import { networkPrefix } from "@/lib/domain/clusters/network-prefix";
import { rollupHourStart } from "@/lib/domain/metrics/telemetry-rollup";
import { eligibilityWindow, nodeEligibility, presenceInWindow } from "@/lib/domain/voting/eligibility";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const SEED = 20261125;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RULES = { minNodeAgeDays: 3, minUptimeForVoting: 0.5 };
const network = generateDemoNetwork({ seed: SEED, now: NOW });
const telemetry = generateDemoTelemetry({ seed: SEED, now: NOW, network });

const byNode = new Map<string, typeof telemetry.samples>();
for (const sample of telemetry.samples)
  byNode.set(sample.nodeId, [...(byNode.get(sample.nodeId) ?? []), sample]);

function samplesOf(nodeId: string) {
  return byNode.get(nodeId) ?? [];
}

const presence = demoPresence(telemetry.samples);

/** What the round opening would see of each node at `opensAt`, from the hours its reports arrived in. */
function eligibilityAt(opensAt: Date) {
  const window = eligibilityWindow(opensAt, RULES);
  const hours = new Map<string, Date[]>();
  for (const { nodeId, hourStart } of presence) {
    const list = hours.get(nodeId) ?? [];
    list.push(hourStart);
    hours.set(nodeId, list);
  }
  return new Map(
    network.nodes.map((node) => [
      node.id,
      nodeEligibility(
        {
          nodeId: node.id,
          operatorId: node.operatorId,
          status: node.status,
          verifiedAt: node.createdAt,
          firstReportedAt: telemetry.firstReportedAt.get(node.id) ?? null,
          presentHours: presenceInWindow(hours.get(node.id) ?? [], window).presentHours,
          clusterPrefix: null,
        },
        RULES,
        opensAt,
      ),
    ]),
  );
}

// Each generation is 30 days of hourly samples for 300 nodes: seconds of CPU on a busy machine.
describe("generateDemoTelemetry", { timeout: 60_000 }, () => {
  it("is deterministic, and another seed gives other traffic", () => {
    expect(generateDemoTelemetry({ seed: SEED, now: NOW, network })).toEqual(telemetry);
    const other = generateDemoTelemetry({ seed: SEED + 1, now: NOW, network });
    expect(other.samples.map((sample) => sample.bytesUp)).not.toEqual(
      telemetry.samples.map((sample) => sample.bytesUp),
    );
  });

  it("reports hourly over the last DEMO_TELEMETRY_DAYS, then the hour in progress, at most one report per node and hour", () => {
    const start = NOW.getTime() - DEMO_TELEMETRY_DAYS * DAY_MS;
    const lastOfNode = new Map(telemetry.samples.map((sample) => [sample.nodeId, sample]));
    const lastSeenAt = new Map(network.nodes.map((node) => [node.id, node.lastSeenAt]));
    const isPartialHour = (sample: (typeof telemetry.samples)[number]) =>
      lastOfNode.get(sample.nodeId) === sample &&
      sample.at.getTime() === lastSeenAt.get(sample.nodeId)!.getTime() &&
      sample.windowSeconds < 3_600;
    const misplaced = telemetry.samples.filter(
      (sample) =>
        (!isPartialHour(sample) && (sample.at.getTime() % HOUR_MS !== 0 || sample.windowSeconds !== 3_600)) ||
        sample.at.getTime() <= start ||
        sample.at > NOW ||
        sample.uptimeSeconds <= 0 ||
        sample.uptimeSeconds > sample.windowSeconds,
    );
    expect(misplaced).toEqual([]);
    // Most nodes are online at seed time: their hour in progress is reported too.
    expect(telemetry.samples.filter(isPartialHour).length).toBeGreaterThan(network.nodes.length / 2);
    const keys = telemetry.samples.map((sample) => `${sample.nodeId}@${rollupHourStart(sample).getTime()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(telemetry.samples.map((sample) => sample.id)).size).toBe(keys.length);
    expect(telemetry.samples.length).toBeLessThanOrEqual(
      network.nodes.length * (DEMO_TELEMETRY_DAYS * 24 + 1),
    );
  });

  it("keeps history a parameter: more days, more reports", () => {
    const shorter = generateDemoTelemetry({ seed: SEED, now: NOW, network, days: 10 });
    expect(telemetry.samples.length).toBeGreaterThan(2.5 * shorter.samples.length);
    expect(shorter.firstReportedAt).toEqual(telemetry.firstReportedAt);
  });

  it("starts each node's reports at its first hour and ends them when it was last seen", () => {
    for (const node of network.nodes) {
      const first = telemetry.firstReportedAt.get(node.id);
      const own = samplesOf(node.id);
      if (!first) {
        expect(own).toEqual([]);
        continue;
      }
      expect(first.getTime() - node.createdAt.getTime()).toBeGreaterThan(0);
      expect(first.getTime() - node.createdAt.getTime()).toBeLessThanOrEqual(HOUR_MS);
      expect(own.filter((sample) => sample.at < first || sample.at > node.lastSeenAt)).toEqual([]);
    }
    const young = network.nodes.filter(
      (node) => node.createdAt.getTime() > NOW.getTime() - DEMO_TELEMETRY_DAYS * DAY_MS + HOUR_MS,
    );
    expect(young.length).toBeGreaterThan(0);
    for (const node of young) {
      const own = samplesOf(node.id);
      if (own.length > 0) expect(own[0]!.at).toEqual(telemetry.firstReportedAt.get(node.id));
    }
    // Nodes that left the network weeks ago are still in the history, up to when they were last seen.
    const gone = network.nodes.filter((candidate) => candidate.status === "Gone");
    expect(gone.some((node) => samplesOf(node.id).length > 0)).toBe(true);
  });

  it("says where every report came from: an address in its /24 or /48, the first report's cluster kept", () => {
    const widths = { v4Bits: 24, v6Bits: 48 };
    const wrong = telemetry.samples.filter(
      (sample) => networkPrefix(sample.sourceAddress, widths) !== sample.clusterPrefix,
    );
    expect(wrong).toEqual([]);
    const firstSamples = network.nodes
      .map((node) => samplesOf(node.id)[0])
      .filter(
        (sample) => sample && sample.at.getTime() === telemetry.firstReportedAt.get(sample.nodeId)?.getTime(),
      );
    expect(firstSamples.length).toBeGreaterThan(0);
    for (const sample of firstSamples) {
      expect(telemetry.firstReportedPrefix.get(sample!.nodeId)).toBe(sample!.clusterPrefix);
    }
    expect([...telemetry.firstReportedPrefix.keys()].sort()).toEqual(
      [...telemetry.firstReportedAt.keys()].sort(),
    );
    // A few homes moved during the history: their nodes report from two networks.
    const movers = network.nodes.filter(
      (node) => new Set(samplesOf(node.id).map((sample) => sample.clusterPrefix)).size > 1,
    );
    expect(movers.length).toBeGreaterThan(0);
    expect(movers.length).toBeLessThan(network.nodes.length / 10);
  });

  it("shapes traffic by the node's part: the cluster seeds, some ordinary nodes free-ride", () => {
    const cluster = network.operators.find(
      (operator) => operator.displayName === DEMO_LARGE_CLUSTER.displayName,
    )!;
    const ratios = network.nodes.map((node) => {
      const own = samplesOf(node.id);
      const up = own.reduce((sum, sample) => sum + Number(sample.bytesUp), 0);
      const down = own.reduce((sum, sample) => sum + Number(sample.bytesDown), 0);
      return { isCluster: node.operatorId === cluster.id, ratio: down === 0 ? null : up / down };
    });
    const clusterRatios = ratios.filter((node) => node.isCluster && node.ratio !== null);
    expect(clusterRatios.every((node) => node.ratio! >= 4)).toBe(true);
    const freeRiders = ratios.filter((node) => !node.isCluster && node.ratio !== null && node.ratio < 0.1);
    expect(freeRiders.length).toBeGreaterThan(20);
  });

  it("counts each report in the hour the platform received it: one presence row per node and hour", () => {
    const keys = presence.map((hour) => `${hour.nodeId}@${hour.hourStart.getTime()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(presence.every((hour) => hour.hourStart.getTime() % HOUR_MS === 0 && hour.requests >= 1)).toBe(
      true,
    );
    expect(presence.reduce((sum, hour) => sum + hour.requests, 0)).toBe(telemetry.samples.length);
    const present = new Set(keys);
    const floorHour = (at: Date) => Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
    expect(
      telemetry.samples.filter((sample) => !present.has(`${sample.nodeId}@${floorHour(sample.receivedAt)}`)),
    ).toEqual([]);
  });

  it("has the inflating nodes claim DEMO_INFLATION_FACTOR × the upload of honest nodes like them", () => {
    const { inflators } = telemetry.roles;
    expect(inflators.size).toBe(3);
    const meanUp = (nodeIds: readonly string[]) => {
      const own = nodeIds
        .flatMap((nodeId) => samplesOf(nodeId))
        .filter((sample) => sample.uptimeSeconds === 3_600);
      return own.reduce((sum, sample) => sum + Number(sample.bytesUp), 0) / own.length;
    };
    for (const nodeId of inflators) {
      const profile = telemetry.profiles.get(nodeId)!;
      const honest = network.nodes
        .map((node) => node.id)
        .filter((id) => telemetry.profiles.get(id) === profile && !inflators.has(id));
      const ratio = meanUp([nodeId]) / meanUp(honest);
      expect(ratio).toBeGreaterThan(DEMO_INFLATION_FACTOR * 0.8);
      expect(ratio).toBeLessThan(DEMO_INFLATION_FACTOR * 1.25);
    }
  });

  it("leaves a few serving nodes under the uptime needed to vote, never the demo accounts' nodes", () => {
    const opensAt = new Date(NOW.getTime() - 22 * HOUR_MS);
    const eligibility = eligibilityAt(opensAt);
    const window = eligibilityWindow(opensAt, RULES);
    const lowUptime = network.nodes.filter((node) => {
      const result = eligibility.get(node.id)!;
      return !result.isEligible && result.reason.includes("was present in") && node.lastSeenAt > opensAt;
    });
    expect(lowUptime.length).toBeGreaterThan(2);
    expect(lowUptime.length).toBeLessThan(network.nodes.length * 0.1);

    const tooYoung = network.nodes.filter((node) => {
      const first = telemetry.firstReportedAt.get(node.id);
      return node.status === "Active" && first !== undefined && first > window.from;
    });
    expect(tooYoung.length).toBeGreaterThan(0);
    expect(tooYoung.every((node) => !eligibility.get(node.id)!.isEligible)).toBe(true);

    const named = network.operators.filter((operator) => DEMO_ACCOUNT_EMAILS.includes(operator.email));
    expect(named).toHaveLength(3);
    for (const operator of named) {
      const nodes = network.nodes.filter((node) => node.operatorId === operator.id);
      expect(
        nodes.some((node) => eligibility.get(node.id)!.isEligible),
        `${operator.email} has an eligible node`,
      ).toBe(true);
    }
  });
});
