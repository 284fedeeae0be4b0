import { DEMO_LARGE_CLUSTER } from "@/demo/data/demo-names";
import type { DemoNetwork, DemoNode } from "@/demo/data/demo-network";
import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import { planDemoAddresses, type DemoAddressPlan } from "@/demo/data/demo-addresses";
import { DEMO_INFLATION_FACTOR, planDemoPeerRoles, type DemoPeerRoles } from "@/demo/data/demo-peer-roles";
import { planDemoFleet } from "@/demo/data/traffic-fleet";
import { trafficWindow, type TrafficProfile } from "@/demo/data/traffic-model";
import { createRandom, type Random } from "@/lib/domain/random";

/** How much hourly history the demo nodes have reported: the dashboard's "30 days" is full on first start. */
export const DEMO_TELEMETRY_DAYS = 30;
const DEMO_AGENT = "plenum-agent/0.1.0";

const HOUR_MS = 3_600_000;
const HOUR_S = 3_600;
const DAY_S = 86_400;
/**
 * Share of ordinary nodes on unreliable connections: they report in about half the hours of a day, some
 * in fewer, so a few fall short of the presence voting needs.
 */
const FLAKY_SHARE = 0.08;
const FLAKY_GOES_DOWN = 0.2;
const FLAKY_COMES_BACK = 0.15;
const STEADY_HICCUP = 0.015;

/** One stored telemetry report: a TelemetrySample row. */
export interface DemoTelemetrySample {
  id: string;
  nodeId: string;
  /** End of the hour the report covers. */
  at: Date;
  receivedAt: Date;
  windowSeconds: number;
  uptimeSeconds: number;
  bytesUp: bigint;
  bytesDown: bigint;
  peers: number;
  medianLatencyMs: number;
  activeConfigVersion: null;
  stagedConfigVersion: null;
  agent: string;
  /** The address the report came from (demo/data/demo-addresses.ts). */
  sourceAddress: string;
  /** Its network cluster at the default widths (IPv4 /24, IPv6 /48). */
  clusterPrefix: string;
}

export interface DemoTelemetry {
  samples: DemoTelemetrySample[];
  /** Each node's first report (the end of its first hour), for every node that has reported. */
  firstReportedAt: ReadonlyMap<string, Date>;
  /** The network cluster each of those first reports came from. */
  firstReportedPrefix: ReadonlyMap<string, string>;
  /** How each node behaves (its traffic profile), for the traffic it exchanges with its peers. */
  profiles: ReadonlyMap<string, TrafficProfile>;
  /** The nodes that inflate their claims, and the colluding pair. */
  roles: DemoPeerRoles;
}

/** One hour in which a node's requests reached the platform: a NodeHourlyPresence row. */
export interface DemoPresenceHour {
  nodeId: string;
  hourStart: Date;
  requests: number;
}

interface NodeHabit {
  profile: TrafficProfile;
  isFlaky: boolean;
}

/**
 * Hourly reports of every demo node over the last `days`: traffic shaped by its profile (the cluster, the
 * ordinary fleet mix of seeders, free-riders…), reports only from the node's first hour to when it was
 * last seen, a few flaky nodes down for long stretches, a few inflating nodes claiming
 * DEMO_INFLATION_FACTOR × the upload they served. The same seed, network and `now` give the same rows.
 */
export function generateDemoTelemetry({
  seed,
  now,
  network,
  days = DEMO_TELEMETRY_DAYS,
}: {
  seed: number;
  now: Date;
  network: DemoNetwork;
  days?: number;
}): DemoTelemetry {
  const random = createRandom(seed ^ 0x7e1e_3e77);
  const habits = planHabits(network, random);
  const addresses = planDemoAddresses({ seed, network, now });
  const lastHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const historyStart = lastHour - days * 24 * HOUR_MS;
  const profiles = new Map([...habits].map(([nodeId, habit]) => [nodeId, habit.profile]));
  const roles = planDemoPeerRoles({
    seed,
    network,
    addresses,
    profiles,
    flaky: new Set([...habits].filter(([, habit]) => habit.isFlaky).map(([nodeId]) => nodeId)),
    historyStart: new Date(historyStart),
    now,
  });
  const samples: DemoTelemetrySample[] = [];
  const firstReportedAt = new Map<string, Date>();
  const firstReportedPrefix = new Map<string, string>();
  for (const node of network.nodes) {
    const firstReport = (Math.floor(node.createdAt.getTime() / HOUR_MS) + 1) * HOUR_MS;
    const lastReport = Math.min(Math.floor(node.lastSeenAt.getTime() / HOUR_MS) * HOUR_MS, lastHour);
    if (firstReport > lastReport) continue;
    firstReportedAt.set(node.id, new Date(firstReport));
    firstReportedPrefix.set(node.id, addresses.sourceAt(node.id, new Date(firstReport)).prefix);
    const habit = habits.get(node.id)!;
    const claimFactor = roles.inflators.has(node.id) ? BigInt(DEMO_INFLATION_FACTOR) : 1n;
    let isUp = true;
    for (let end = Math.max(firstReport, historyStart + HOUR_MS); end <= lastReport; end += HOUR_MS) {
      let uptimeSeconds: number;
      if (end === firstReport) {
        uptimeSeconds = Math.max(1, Math.round((end - node.createdAt.getTime()) / 1000));
      } else if (habit.isFlaky) {
        const wasUp: boolean = isUp;
        isUp = wasUp ? random.nextFloat() >= FLAKY_GOES_DOWN : random.nextFloat() < FLAKY_COMES_BACK;
        // A node that is down all hour sends nothing; the hour it drops or returns it is up for part of it.
        if (!wasUp && !isUp) continue;
        uptimeSeconds = wasUp && isUp ? HOUR_S : random.int(300, 3_300);
      } else {
        uptimeSeconds = random.nextFloat() < STEADY_HICCUP ? random.int(600, 3_540) : HOUR_S;
      }
      samples.push(report(node, habit.profile, end, uptimeSeconds, random, addresses, claimFactor));
    }
    const last = samples.at(-1);
    if (last?.nodeId === node.id && last.at.getTime() === lastReport && isUp) {
      const partial = partialHourReport(last, node.lastSeenAt);
      if (partial) samples.push(partial);
    }
  }
  return { samples, firstReportedAt, firstReportedPrefix, profiles, roles };
}

/** The hours each node's reports were received in (floored to the UTC hour) and how many arrived in each. */
export function demoPresence(samples: readonly DemoTelemetrySample[]): DemoPresenceHour[] {
  const hours = new Map<string, DemoPresenceHour>();
  for (const { nodeId, receivedAt } of samples) {
    const hourStart = Math.floor(receivedAt.getTime() / HOUR_MS) * HOUR_MS;
    const key = `${nodeId} ${hourStart}`;
    const hour = hours.get(key);
    if (hour) hour.requests += 1;
    else hours.set(key, { nodeId, hourStart: new Date(hourStart), requests: 1 });
  }
  return [...hours.values()];
}

/**
 * The report of the hour in progress at the node's last contact (at seed time, "now" for most nodes), so
 * the last hour before start-up is not empty: the full hour before it, scaled to the time that passed.
 * Draws no random numbers, so the rest of the history stays as it was.
 */
function partialHourReport(previous: DemoTelemetrySample, lastSeenAt: Date): DemoTelemetrySample | null {
  const windowSeconds = Math.floor((lastSeenAt.getTime() - previous.at.getTime()) / 1000);
  if (windowSeconds < 1) return null;
  const share = (bytes: bigint) => (bytes * BigInt(windowSeconds)) / BigInt(HOUR_S);
  return {
    ...previous,
    id: `${previous.id}p`,
    at: lastSeenAt,
    receivedAt: lastSeenAt,
    windowSeconds,
    uptimeSeconds: windowSeconds,
    bytesUp: share(previous.bytesUp),
    bytesDown: share(previous.bytesDown),
  };
}

function report(
  node: DemoNode,
  profile: TrafficProfile,
  end: number,
  uptimeSeconds: number,
  random: Random,
  addresses: DemoAddressPlan,
  claimFactor: bigint,
): DemoTelemetrySample {
  const traffic = trafficWindow({
    profile,
    random,
    windowSeconds: uptimeSeconds,
    secondOfDay: (end / 1000 - HOUR_S / 2) % DAY_S,
  });
  const at = new Date(end);
  const { address, prefix } = addresses.sourceAt(node.id, at);
  return {
    id: cuidLike(random),
    nodeId: node.id,
    at,
    receivedAt: at,
    windowSeconds: HOUR_S,
    uptimeSeconds,
    bytesUp: BigInt(traffic.bytesUp) * claimFactor,
    bytesDown: BigInt(traffic.bytesDown),
    peers: traffic.peers,
    medianLatencyMs: traffic.medianLatencyMs,
    activeConfigVersion: null,
    stagedConfigVersion: null,
    agent: DEMO_AGENT,
    sourceAddress: address,
    clusterPrefix: prefix,
  };
}

/**
 * The cluster's nodes serve as a cluster and never flake; the other nodes take the demo fleet's profile
 * mix, and a share of them (never the named demo accounts', which must be able to vote) are flaky.
 */
function planHabits(network: DemoNetwork, random: Random): Map<string, NodeHabit> {
  const clusterIds = new Set(
    network.operators
      .filter((operator) => operator.displayName === DEMO_LARGE_CLUSTER.displayName)
      .map((operator) => operator.id),
  );
  const namedIds = new Set(
    network.operators
      .filter((operator) => DEMO_ACCOUNT_EMAILS.includes(operator.email))
      .map((operator) => operator.id),
  );
  const ordinary = network.nodes.filter((node) => !clusterIds.has(node.operatorId));
  const profiles = planDemoFleet({
    nodes: ordinary.length,
    ordinaryEmails: network.operators.map((operator) => operator.email),
    random,
  }).map((slot) => slot.profile);
  const habits = new Map<string, NodeHabit>();
  for (const node of network.nodes) {
    if (clusterIds.has(node.operatorId)) habits.set(node.id, { profile: "cluster", isFlaky: false });
  }
  ordinary.forEach((node, i) => {
    const isFlaky = random.nextFloat() < FLAKY_SHARE && !namedIds.has(node.operatorId);
    habits.set(node.id, { profile: profiles[i]!, isFlaky });
  });
  return habits;
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Shaped like the cuid()s Prisma makes, as the demo network's own ids are. */
function cuidLike(random: Random): string {
  let id = "c";
  for (let i = 0; i < 24; i++) id += BASE36[random.int(0, 35)];
  return id;
}
