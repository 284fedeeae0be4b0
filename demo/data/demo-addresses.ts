import { DEMO_ACCOUNT_EMAILS } from "@/demo/data/demo-accounts";
import { DEMO_LARGE_CLUSTER, DEMO_MID_GROUPS, DEMO_SMALL_GROUPS } from "@/demo/data/demo-names";
import type { DemoNetwork, DemoNode, DemoOperator } from "@/demo/data/demo-network";
import { networkPrefix } from "@/lib/domain/clusters/network-prefix";
import { createRandom, type Random } from "@/lib/domain/random";

/*
 * Where the demo nodes report from (product.md "Who counts"). Only ranges that belong to no real
 * network, so the demo never points at anyone's addresses, and all of them public-looking (never
 * 10/8, 172.16/12 or 192.168/16, which are private, nor 100.64/10, carrier-grade NAT):
 * - 203.0.113.0/24 (TEST-NET-3, RFC 5737): LargeCorp Hosting's data centre, every one of its nodes;
 * - 192.0.2.0/24 and 198.51.100.0/24 (TEST-NET-1 and -2): university campuses, each shared by a
 *   student or staff group and one or two people who run a node in a lab there;
 * - 198.18.0.0/15 (RFC 2544, benchmarking, never routed on the internet): its 512 /24s stand in for
 *   home connections and community networks;
 * - 2001:db8::/32 (RFC 3849, documentation): the /48s of homes with IPv6.
 */

/** The address one report came from and its network cluster at the default widths (/24, /48). */
export interface DemoSource {
  address: string;
  prefix: string;
}

export interface DemoAddressPlan {
  /** Where the node's report at `at` came from; every node of the network has one at any time. */
  sourceAt(nodeId: string, at: Date): DemoSource;
}

const DATA_CENTRE = "203.0.113";
const CAMPUSES = ["192.0.2", "198.51.100"] as const;
/** Groups of students or staff: their space is on a campus network. */
const UNIVERSITY_SLUGS = new Set(["coimbra", "otago"]);
const DEFAULT_WIDTHS = { v4Bits: 24, v6Bits: 48 };
const IPV6_HOME_SHARE = 0.12;
const MOVED_HOME_SHARE = 0.06;
const HOUR_MS = 3_600_000;
/** Salt of the address draws: the network's and the telemetry's draws stay as they were. */
const ADDRESS_SEED_SALT = 0x0add_7e55;

interface Period {
  /** Epoch ms the node reported from here on; the first period starts at -Infinity. */
  from: number;
  source: DemoSource;
}

function source(address: string): DemoSource {
  const prefix = networkPrefix(address, DEFAULT_WIDTHS);
  if (!prefix) throw new Error(`demo address ${address} is not an IP address`);
  return { address, prefix };
}

/** Hands out distinct /24s of 198.18.0.0/15 in a seeded order, and distinct IPv6 /48s of 2001:db8::/32. */
function networkAllocator(random: Random) {
  const blocks = random.shuffle(Array.from({ length: 512 }, (_, index) => index));
  const v6Sites = new Set<number>();
  return {
    nextV4Block(): string {
      const index = blocks.pop();
      if (index === undefined) throw new Error("the demo ran out of 198.18.0.0/15 networks");
      return `198.${18 + (index >> 8)}.${index & 0xff}`;
    },
    nextV6Site(): string {
      let site: number;
      do site = random.int(0x0100, 0xffff);
      while (v6Sites.has(site));
      v6Sites.add(site);
      return `2001:db8:${site.toString(16)}`;
    },
  };
}

/** Distinct host numbers in one /24, from a seeded start. */
function hostCounter(random: Random, count: number): () => number {
  let next = random.int(2, Math.max(2, 254 - count));
  return () => {
    if (next > 254) throw new Error("a demo /24 ran out of host addresses");
    return next++;
  };
}

/** Place code of a group's node: "nordlys-ber-03" → "ber". */
function placeOf(node: DemoNode): string {
  return node.name.split("-").at(-2) ?? node.name;
}

/** Where a person's machine most likely sits on a campus: the office one, else the first. */
function campusMachine(nodes: readonly DemoNode[]): DemoNode {
  return nodes.find((node) => node.name.endsWith("-office")) ?? nodes[0]!;
}

const GROUP_NAMES = new Set([...DEMO_MID_GROUPS, ...DEMO_SMALL_GROUPS].map((group) => group.displayName));
const UNIVERSITY_NAMES = new Set(
  [...DEMO_MID_GROUPS, ...DEMO_SMALL_GROUPS]
    .filter((group) => UNIVERSITY_SLUGS.has(group.slug))
    .map((group) => group.displayName),
);

const isPerson = (operator: DemoOperator) =>
  operator.displayName !== DEMO_LARGE_CLUSTER.displayName && !GROUP_NAMES.has(operator.displayName);

/**
 * Which operators are on a campus (operator id → campus /24): each university group present, and one
 * or two people of its region (never the named demo accounts: they keep a budget of C per node); with no
 * university group, two or three people who run a node in a lab.
 */
function planCampuses(random: Random, network: DemoNetwork) {
  const groups = new Map<string, string>();
  const people = new Map<string, string>();
  const candidates = (region?: string) =>
    network.operators.filter(
      (operator) =>
        isPerson(operator) &&
        !DEMO_ACCOUNT_EMAILS.includes(operator.email) &&
        !people.has(operator.id) &&
        (region === undefined || operator.region === region),
    );
  const universities = network.operators.filter((operator) => UNIVERSITY_NAMES.has(operator.displayName));
  for (const [index, university] of universities.slice(0, CAMPUSES.length).entries()) {
    groups.set(university.id, CAMPUSES[index]!);
    for (const person of random.shuffle(candidates(university.region)).slice(0, random.int(1, 2))) {
      people.set(person.id, CAMPUSES[index]!);
    }
  }
  if (universities.length === 0) {
    for (const person of random.shuffle(candidates()).slice(0, random.int(2, 3))) {
      people.set(person.id, CAMPUSES[0]);
    }
  }
  return { groups, people };
}

/**
 * Every demo node's network, deterministic from the seed: LargeCorp's nodes all in one data-centre /24;
 * each university /24 shared by its group and one or two people of its region; each community group
 * with a /24 per place it runs nodes in; each person alone at home (one IPv4 address behind NAT for
 * all their machines, or an IPv6 /48 with an address per machine), a few of them moving house (a new
 * /24) during the history.
 */
export function planDemoAddresses({
  seed,
  network,
  now,
}: {
  seed: number;
  network: DemoNetwork;
  now: Date;
}): DemoAddressPlan {
  const random = createRandom(seed ^ ADDRESS_SEED_SALT);
  const allocate = networkAllocator(random);
  const periods = new Map<string, Period[]>();
  const place = (node: DemoNode, address: string, from = -Infinity) => {
    const list = periods.get(node.id) ?? [];
    list.push({ from, source: source(address) });
    periods.set(node.id, list);
  };
  const nodesOf = new Map<string, DemoNode[]>();
  for (const node of network.nodes) {
    const list = nodesOf.get(node.operatorId) ?? [];
    list.push(node);
    nodesOf.set(node.operatorId, list);
  }
  const campuses = planCampuses(random, network);
  const campusHosts = new Map<string, () => number>(
    CAMPUSES.map((campus) => [campus, hostCounter(random, 40)]),
  );

  for (const operator of network.operators) {
    const nodes = nodesOf.get(operator.id) ?? [];
    if (operator.displayName === DEMO_LARGE_CLUSTER.displayName) {
      if (nodes.length > 244) throw new Error("LargeCorp's demo nodes do not fit in one /24");
      nodes.forEach((node, index) => place(node, `${DATA_CENTRE}.${10 + index}`));
      continue;
    }
    if (!isPerson(operator)) {
      // A community group: its campus, or a /24 for each place it runs nodes in, an address per node.
      const campus = campuses.groups.get(operator.id);
      const blocks = new Map<string, { block: string; host: () => number }>();
      for (const node of nodes) {
        const key = campus ?? placeOf(node);
        if (!blocks.has(key)) {
          blocks.set(key, {
            block: campus ?? allocate.nextV4Block(),
            host: campus ? campusHosts.get(campus)! : hostCounter(random, nodes.length),
          });
        }
        const { block, host } = blocks.get(key)!;
        place(node, `${block}.${host()}`);
      }
      continue;
    }
    const campus = campuses.people.get(operator.id);
    const atCampus = campus ? campusMachine(nodes) : undefined;
    if (campus && atCampus) place(atCampus, `${campus}.${campusHosts.get(campus)!()}`);
    const home = nodes.filter((node) => node !== atCampus);
    if (home.length === 0) continue;
    if (!campus && random.nextFloat() < IPV6_HOME_SHARE) {
      const site = allocate.nextV6Site();
      const subnet = random.int(1, 0xff).toString(16);
      const firstHost = random.int(0x10, 0xff00);
      home.forEach((node, i) => place(node, `${site}:${subnet}::${(firstHost + i).toString(16)}`));
      continue;
    }
    const homeAddress = () => `${allocate.nextV4Block()}.${random.int(2, 254)}`;
    const address = homeAddress();
    for (const node of home) place(node, address);
    if (!campus && random.nextFloat() < MOVED_HOME_SHARE) {
      const movedAt = now.getTime() - random.int(2 * 24, 25 * 24) * HOUR_MS;
      const moved = homeAddress();
      for (const node of home) place(node, moved, movedAt);
    }
  }

  return {
    sourceAt(nodeId, at) {
      const list = periods.get(nodeId);
      if (!list) throw new Error(`demo node ${nodeId} has no address`);
      const time = at.getTime();
      return list.findLast((period) => period.from <= time)!.source;
    },
  };
}
