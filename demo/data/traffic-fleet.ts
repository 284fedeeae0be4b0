import type { TrafficProfile } from "@/demo/data/traffic-model";
import type { Random } from "@/lib/domain/random";

export interface FleetSlot {
  index: number;
  name: string;
  operatorEmail: string;
  profile: TrafficProfile;
}

/** A third of a demo fleet is the large operator's cluster. */
export const LARGE_OPERATOR_SHARE = 0.3;

// Ordinary nodes cycle through this mix before shuffling: as many free-riders as heavy seeders.
const ORDINARY_MIX: readonly TrafficProfile[] = ["seeder", "normal", "free-rider", "light", "normal"];

function localPart(email: string): string {
  return (email.split("@")[0] ?? email).replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

/**
 * Who owns each node of a demo fleet and how it behaves: the large operator's cluster (a third of the
 * nodes), then ordinary operators with 1–3 nodes each, `preferredEmails` first, then the others in a
 * seeded order (starting over when they run out).
 */
export function planDemoFleet({
  nodes,
  ordinaryEmails,
  preferredEmails = [],
  largeOperatorEmail,
  random,
}: {
  nodes: number;
  ordinaryEmails: readonly string[];
  preferredEmails?: readonly string[];
  largeOperatorEmail?: string;
  random: Random;
}): FleetSlot[] {
  const clusterSize = largeOperatorEmail === undefined ? 0 : Math.round(nodes * LARGE_OPERATOR_SHARE);
  const owners = [
    ...preferredEmails,
    ...random.shuffle(ordinaryEmails.filter((email) => !preferredEmails.includes(email))),
  ];
  if (owners.length === 0 && clusterSize < nodes) {
    throw new RangeError("a demo fleet needs at least one ordinary operator");
  }
  const ordinaryCount = nodes - clusterSize;
  const profiles = random.shuffle(
    Array.from({ length: ordinaryCount }, (_, i) => ORDINARY_MIX[i % ORDINARY_MIX.length]!),
  );

  const slots: FleetSlot[] = [];
  for (let i = 0; i < clusterSize; i++) {
    slots.push({
      index: slots.length,
      name: `${localPart(largeOperatorEmail!)}-fleet-${String(i + 1).padStart(2, "0")}`,
      operatorEmail: largeOperatorEmail!,
      profile: "cluster",
    });
  }
  let owner = 0;
  while (slots.length < nodes) {
    const email = owners[owner % owners.length]!;
    const round = Math.floor(owner / owners.length);
    const count = Math.min(random.int(1, 3), nodes - slots.length);
    for (let k = 1; k <= count; k++) {
      slots.push({
        index: slots.length,
        name: `${localPart(email)}-fleet-${round * 3 + k}`,
        operatorEmail: email,
        profile: profiles[slots.length - clusterSize]!,
      });
    }
    owner += 1;
  }
  return slots;
}
