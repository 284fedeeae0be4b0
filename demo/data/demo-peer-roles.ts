import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import type { DemoAddressPlan } from "@/demo/data/demo-addresses";
import { DEMO_LARGE_CLUSTER } from "@/demo/data/demo-names";
import type { DemoNetwork, DemoNode } from "@/demo/data/demo-network";
import { typicalRates, type TrafficProfile } from "@/demo/data/traffic-model";
import { createRandom } from "@/lib/domain/random";

/** How much more an inflating node claims to have served than it did. */
export const DEMO_INFLATION_FACTOR = 3;
const INFLATOR_COUNT = 3;
const INFLATOR_PROFILES: readonly TrafficProfile[] = ["seeder", "normal"];
const HOUR_MS = 3_600_000;
/** Salt of the role draws: the network's, the addresses' and the telemetry's draws stay as they were. */
const ROLES_SEED_SALT = 0x0c01_1ade;

/** The demo's dishonest nodes (product.md "Proof of service"); every other node reports what it did. */
export interface DemoPeerRoles {
  /** Nodes that claim DEMO_INFLATION_FACTOR × the upload their peers see; their peerTraffic is true. */
  inflators: ReadonlySet<string>;
  /** Two nodes in one /24 that report large traffic with each other only, each confirming the other. */
  colludingPair: readonly [string, string] | null;
}

/**
 * Picks the dishonest nodes among ordinary nodes that served through the whole history from one
 * network and are online now (never LargeCorp's, never the named demo accounts'): the colluding pair
 * is the pair sharing an IPv4 /24 that can trade the most with each other, the inflators seeders or
 * normal nodes of other operators. Deterministic for a seed.
 */
export function planDemoPeerRoles({
  seed,
  network,
  addresses,
  profiles,
  flaky,
  historyStart,
  now,
}: {
  seed: number;
  network: DemoNetwork;
  addresses: DemoAddressPlan;
  profiles: ReadonlyMap<string, TrafficProfile>;
  /** Nodes on unreliable connections. */
  flaky: ReadonlySet<string>;
  historyStart: Date;
  now: Date;
}): DemoPeerRoles {
  const random = createRandom(seed ^ ROLES_SEED_SALT);
  const excluded = new Set(
    network.operators
      .filter(
        (operator) =>
          operator.displayName === DEMO_LARGE_CLUSTER.displayName ||
          DEMO_ACCOUNT_EMAILS.includes(operator.email),
      )
      .map((operator) => operator.id),
  );
  const prefixOf = (node: DemoNode) => addresses.sourceAt(node.id, now).prefix;
  const candidates = random.shuffle(
    network.nodes.filter(
      (node) =>
        !excluded.has(node.operatorId) &&
        !flaky.has(node.id) &&
        node.status === "Active" &&
        node.createdAt <= historyStart &&
        now.getTime() - node.lastSeenAt.getTime() < HOUR_MS &&
        addresses.sourceAt(node.id, historyStart).prefix === prefixOf(node),
    ),
  );

  const mutual = (a: DemoNode, b: DemoNode) => {
    const [ra, rb] = [typicalRates(profiles.get(a.id)!), typicalRates(profiles.get(b.id)!)];
    return (
      Math.min(ra.upBytesPerSecond, rb.downBytesPerSecond) +
      Math.min(rb.upBytesPerSecond, ra.downBytesPerSecond)
    );
  };
  let colludingPair: readonly [DemoNode, DemoNode] | null = null;
  for (const [i, a] of candidates.entries()) {
    if (!prefixOf(a).endsWith("/24")) continue;
    for (const b of candidates.slice(i + 1)) {
      if (prefixOf(b) !== prefixOf(a)) continue;
      if (!colludingPair || mutual(a, b) > mutual(...colludingPair)) colludingPair = [a, b];
    }
  }

  const colluders = new Set(colludingPair?.map((node) => node.operatorId));
  const inflators: DemoNode[] = [];
  for (const node of candidates) {
    if (inflators.length === INFLATOR_COUNT) break;
    if (!INFLATOR_PROFILES.includes(profiles.get(node.id)!)) continue;
    if (colluders.has(node.operatorId) || inflators.some((other) => other.operatorId === node.operatorId)) {
      continue;
    }
    inflators.push(node);
  }
  return {
    inflators: new Set(inflators.map((node) => node.id)),
    colludingPair: colludingPair && [colludingPair[0].id, colludingPair[1].id],
  };
}
