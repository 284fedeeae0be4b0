import {
  DEMO_LARGE_CLUSTER,
  DEMO_MID_GROUPS,
  DEMO_PEOPLE,
  DEMO_PERSONAL_MACHINES,
  DEMO_PLACES,
  DEMO_REGIONS,
  DEMO_SMALL_GROUPS,
  type DemoGroup,
  type DemoRegion,
} from "@/demo/data/demo-names";
import { createRandom, type Random } from "@/lib/domain/random";

export const DEMO_NETWORK_NAME = "Demo Swarm";
export const DEMO_NODE_COUNT = 300;
export const DEMO_LARGE_CLUSTER_NODE_COUNT = 60;

export type DemoNodeStatus = "Active" | "Gone";

export interface DemoOperator {
  id: string;
  displayName: string;
  /** Unique, on the reserved `.example` domain: demo accounts never reach a real mailbox. */
  email: string;
  region: DemoRegion;
  createdAt: Date;
}

export interface DemoNode {
  id: string;
  operatorId: string;
  name: string;
  nameSearch: string;
  /** b64url of 32 bytes; demo nodes have no private key. */
  publicKey: string;
  region: DemoRegion;
  status: DemoNodeStatus;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface DemoNetwork {
  networkName: typeof DEMO_NETWORK_NAME;
  operators: DemoOperator[];
  nodes: DemoNode[];
}

interface PlannedOperator {
  displayName: string;
  region: DemoRegion;
  nodes: { name: string; region: DemoRegion }[];
  joinedDaysAgo: readonly [min: number, max: number];
}

const SECOND_MS = 1000;
const DAY_S = 86_400;
const SMALL_OPERATOR_SIZES = [
  { value: 1, weight: 3 },
  { value: 2, weight: 4 },
  { value: 3, weight: 4 },
];

/**
 * The demo network: one 60-node cluster, four to six groups with 5–10 nodes, and people and small
 * groups with 1–3 nodes each, 300 nodes in all. The same seed and `now` give the same network.
 */
export function generateDemoNetwork({ seed, now }: { seed: number; now: Date }): DemoNetwork {
  const random = createRandom(seed);
  const planned = planOperators(random);
  const operators: DemoOperator[] = [];
  const nodes: DemoNode[] = [];
  for (const plan of planned) {
    const operatorId = cuidLike(random);
    const operatorNodes = plan.nodes.map((node) => {
      const createdAt = secondsBefore(
        now,
        random.int(plan.joinedDaysAgo[0] * DAY_S, plan.joinedDaysAgo[1] * DAY_S),
      );
      return {
        id: cuidLike(random),
        operatorId,
        name: node.name,
        nameSearch: node.name.toLowerCase(),
        publicKey: toBase64Url(random.bytes(32)),
        region: node.region,
        createdAt,
        ...presence(random, createdAt, now),
      };
    });
    const firstNodeAt = Math.min(...operatorNodes.map((node) => node.createdAt.getTime()));
    operators.push({
      id: operatorId,
      displayName: plan.displayName,
      email: demoEmail(plan.displayName, new Set(operators.map((operator) => operator.email))),
      region: plan.region,
      createdAt: secondsBefore(new Date(firstNodeAt), random.int(600, 3 * DAY_S)),
    });
    nodes.push(...operatorNodes);
  }
  return { networkName: DEMO_NETWORK_NAME, operators, nodes };
}

export const DEMO_EMAIL_DOMAIN = "demo-swarm.example";

/** "André Baptiste" → "andre.baptiste@demo-swarm.example"; a number keeps namesakes apart. */
function demoEmail(displayName: string, taken: ReadonlySet<string>): string {
  const local = displayName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
  for (let suffix = 1; ; suffix += 1) {
    const email = `${local}${suffix === 1 ? "" : suffix}@${DEMO_EMAIL_DOMAIN}`;
    if (!taken.has(email)) return email;
  }
}

function planOperators(random: Random): PlannedOperator[] {
  const takenSlugs = new Set<string>([
    DEMO_LARGE_CLUSTER.slug,
    ...DEMO_MID_GROUPS.map((group) => group.slug),
    ...DEMO_SMALL_GROUPS.map((group) => group.slug),
  ]);

  const fraCount = random.int(34, 40);
  const cluster: PlannedOperator = {
    displayName: DEMO_LARGE_CLUSTER.displayName,
    region: DEMO_LARGE_CLUSTER.region,
    joinedDaysAgo: [45, 70],
    nodes: Array.from({ length: DEMO_LARGE_CLUSTER_NODE_COUNT }, (_, i) => {
      const [first, second] = DEMO_LARGE_CLUSTER.places;
      const { region, place } = i < fraCount ? first : second;
      const index = i < fraCount ? i + 1 : i - fraCount + 1;
      return { name: `${DEMO_LARGE_CLUSTER.slug}-${place}-${pad(index)}`, region };
    }),
  };

  const midGroups = random.shuffle(DEMO_MID_GROUPS).slice(0, random.int(4, 6));
  const mids = midGroups.map((group) => planGroup(random, group, random.int(5, 10), [20, 90]));

  let remaining = DEMO_NODE_COUNT - DEMO_LARGE_CLUSTER_NODE_COUNT;
  for (const mid of mids) remaining -= mid.nodes.length;

  const candidates = random.shuffle([
    ...DEMO_REGIONS.flatMap((region) =>
      DEMO_PEOPLE[region].map((name) => ({ kind: "person" as const, name, region })),
    ),
    ...DEMO_SMALL_GROUPS.map((group) => ({ kind: "group" as const, group })),
  ]);
  const smalls: PlannedOperator[] = [];
  while (remaining > 0) {
    const candidate = candidates[smalls.length];
    if (!candidate) throw new Error("the demo name lists ran out before the network reached its size");
    const size = Math.min(random.weightedPick(SMALL_OPERATOR_SIZES), remaining);
    smalls.push(
      candidate.kind === "group"
        ? planGroup(random, candidate.group, size, [1, 90])
        : planPerson(random, candidate.name, candidate.region, size, takenSlugs),
    );
    remaining -= size;
  }

  return [cluster, ...mids, ...smalls];
}

function planGroup(
  random: Random,
  group: DemoGroup,
  size: number,
  joinedDaysAgo: readonly [number, number],
): PlannedOperator {
  const placeOf = new Map(group.regions.map((region) => [region, random.pick(DEMO_PLACES[region])]));
  const countByPlace = new Map<string, number>();
  const nodes = Array.from({ length: size }, (_, i) => {
    const region =
      i === 0
        ? group.region
        : random.weightedPick(
            group.regions.map((value) => ({ value, weight: value === group.region ? 3 : 1 })),
          );
    const place = placeOf.get(region) ?? random.pick(DEMO_PLACES[region]);
    const index = (countByPlace.get(place) ?? 0) + 1;
    countByPlace.set(place, index);
    return { name: `${group.slug}-${place}-${pad(index)}`, region };
  });
  return { displayName: group.displayName, region: group.region, nodes, joinedDaysAgo };
}

function planPerson(
  random: Random,
  displayName: string,
  region: DemoRegion,
  size: number,
  takenSlugs: Set<string>,
): PlannedOperator {
  const words = displayName.split(" ");
  const first = slugify(words.slice(0, -1).join(" "));
  const slug = takenSlugs.has(first) ? slugify(displayName) : first;
  takenSlugs.add(slug);
  const machines = random.shuffle(DEMO_PERSONAL_MACHINES).slice(0, size);
  return {
    displayName,
    region,
    nodes: machines.map((machine) => ({ name: `${slug}-${machine}`, region })),
    joinedDaysAgo: [1, 90],
  };
}

/** Most nodes are online now, some have been offline for days, a few left the network weeks ago. */
function presence(random: Random, createdAt: Date, now: Date): { status: DemoNodeStatus; lastSeenAt: Date } {
  const ageSeconds = (now.getTime() - createdAt.getTime()) / SECOND_MS;
  const roll = random.nextFloat();
  if (roll < 0.04 && ageSeconds > 21 * DAY_S) {
    const lastSeenAgo = random.int(14 * DAY_S, Math.floor(ageSeconds) - DAY_S);
    return { status: "Gone", lastSeenAt: secondsBefore(now, lastSeenAgo) };
  }
  if (roll < 0.12 && ageSeconds > 2 * DAY_S) {
    const lastSeenAgo = random.int(DAY_S, Math.min(9 * DAY_S, Math.floor(ageSeconds)));
    return { status: "Active", lastSeenAt: secondsBefore(now, lastSeenAgo) };
  }
  return { status: "Active", lastSeenAt: secondsBefore(now, random.int(5, 170)) };
}

function secondsBefore(date: Date, seconds: number): Date {
  return new Date(date.getTime() - seconds * SECOND_MS);
}

function pad(index: number): string {
  return String(index).padStart(2, "0");
}

function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Ids shaped like the cuid()s Prisma makes, so demo rows look like any other row. */
function cuidLike(random: Random): string {
  return "c" + Array.from({ length: 24 }, () => BASE36[random.int(0, 35)]).join("");
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
