import type { Random } from "@/lib/domain/random";
import { medianInPlace } from "@/lib/domain/network-model/bands";
import type { NodeColumns } from "@/lib/domain/network-model/simulate-network-columns";
import { AliasTable } from "@/lib/domain/network-model/simulate-network-sampling";

/** A day's demand is split into this many equal requests per node up … */
export const REQUESTS_PER_UP_NODE = 8;
/** … and never fewer than this many, so a small network's traffic is not lumped into a few big requests. */
export const MIN_REQUESTS_PER_DAY = 500;
/** A request gives up (its rest is unserved) after this many peer choices. */
export const MAX_CHOICES_PER_REQUEST = 64;

/** Buffers the traffic step reuses day after day, and the candidate set a rebuild leaves. */
export class TrafficScratch {
  readonly table = new AliasTable();
  candidates = new Int32Array(0);
  lower = new Int32Array(0);
  isLower = new Uint8Array(0);
  ratings = new Float64Array(0);
  /** Up nodes with spare capacity, candidates[0..live). */
  live = 0;
  /** Lower-rated candidates, lower[0..lowerCount). */
  lowerCount = 0;
  /** The table weighs by capacity alone (every candidate's rating × capacity was 0). */
  byCapacity = false;

  ensure(count: number): void {
    if (this.candidates.length >= count) return;
    const size = Math.max(count, this.candidates.length * 2, 16);
    this.candidates = new Int32Array(size);
    this.lower = new Int32Array(size);
    this.isLower = new Uint8Array(size);
    this.ratings = new Float64Array(size);
  }
}

/**
 * Drops candidates without spare capacity, then rebuilds the weighted table (rating × capacity, or
 * capacity alone when all of those are 0) and the lower-rated list (rating below the candidates' median;
 * all of them when none is below) from the candidates left.
 */
function rebuild(nodes: NodeColumns, scratch: TrafficScratch): void {
  const { spare, rating, capacity, weight } = nodes;
  const { candidates, ratings, isLower, lower, table } = scratch;
  let live = 0;
  for (let index = 0; index < scratch.live; index += 1) {
    const slot = candidates[index]!;
    if (spare[slot]! > 0) candidates[live++] = slot;
  }
  scratch.live = live;
  scratch.lowerCount = 0;
  if (live === 0) return;
  for (let index = 0; index < live; index += 1) {
    const slot = candidates[index]!;
    weight[slot] = rating[slot]! * capacity[slot]!;
    ratings[index] = rating[slot]!;
  }
  scratch.byCapacity = table.build(candidates, live, weight) === 0;
  if (scratch.byCapacity) table.build(candidates, live, capacity);
  const median = medianInPlace(ratings, live);
  let lowerCount = 0;
  for (let index = 0; index < live; index += 1) {
    const slot = candidates[index]!;
    const below = rating[slot]! < median;
    isLower[slot] = below ? 1 : 0;
    if (below) lower[lowerCount++] = slot;
  }
  if (lowerCount === 0) {
    for (let index = 0; index < live; index += 1) isLower[candidates[index]!] = 1;
    lower.set(candidates.subarray(0, live));
    lowerCount = live;
  }
  scratch.lowerCount = lowerCount;
}

export interface TrafficOutcome {
  /** Peer choices made (weighted or exploratory, redraws included). */
  choices: number;
  requests: number;
  demandBytes: number;
  unservedBytes: number;
}

/**
 * One day's traffic: every up node downloads its demand (× throttleFactor while throttled) and downloaders
 * outside the network ask for `outsideDemandBytes`; the total is split into
 * equal requests; each request goes, with probability 1 − explorationRate, to a peer drawn by rating ×
 * capacity among up nodes with spare capacity (by capacity alone when every such weight is 0), else
 * uniformly to one of those whose rating is below their median (all of them when none is). A peer serves
 * what it can of a request; the rest is drawn again, up to MAX_CHOICES_PER_REQUEST choices. Writes
 * `bytesDown`, `served` and `spare` of every slot.
 */
export function serveDemand(
  nodes: NodeColumns,
  {
    throttleFactor,
    explorationRate,
    outsideDemandBytes = 0,
  }: { throttleFactor: number; explorationRate: number; outsideDemandBytes?: number },
  random: Random,
  scratch: TrafficScratch,
): TrafficOutcome {
  const { count, up, capacity, demand, throttled, bytesDown, served, spare, weight } = nodes;
  scratch.ensure(count);
  const { candidates } = scratch;
  let demandBytes = 0;
  let upCount = 0;
  let live = 0;
  for (let slot = 0; slot < count; slot += 1) {
    served[slot] = 0;
    if (!up[slot]) {
      bytesDown[slot] = 0;
      spare[slot] = 0;
      continue;
    }
    const down = throttled[slot] ? demand[slot]! * throttleFactor : demand[slot]!;
    bytesDown[slot] = down;
    demandBytes += down;
    upCount += 1;
    spare[slot] = capacity[slot]!;
    if (capacity[slot]! > 0) candidates[live++] = slot;
  }
  // Outside downloaders reach the network only through nodes that are up.
  if (upCount > 0) demandBytes += outsideDemandBytes;
  const outcome: TrafficOutcome = { choices: 0, requests: 0, demandBytes, unservedBytes: 0 };
  if (upCount === 0 || !(demandBytes > 0)) return outcome;
  const requests = Math.max(MIN_REQUESTS_PER_DAY, REQUESTS_PER_UP_NODE * upCount);
  const requestBytes = demandBytes / requests;
  outcome.requests = requests;

  scratch.live = live;
  rebuild(nodes, scratch);
  const { table, lower, isLower } = scratch;
  // The hot loop keeps the table and the candidate counts in locals; a rebuild refreshes them.
  let { probability, alias, items, size, total } = table;
  let { live: left, lowerCount, byCapacity } = scratch;
  let fullWeight = 0;
  let lowerFull = 0;
  let choices = 0;
  const toExplore = explorationRate > 0 ? 1 / explorationRate : 0;
  const toWeighted = explorationRate < 1 ? 1 / (1 - explorationRate) : 0;
  for (let request = 0; request < requests; request += 1) {
    if (left === 0) {
      outcome.unservedBytes += requestBytes * (requests - request);
      break;
    }
    // One uniform number both decides the branch and, rescaled, makes the first choice.
    let draw = random.nextFloat();
    const explore = draw < explorationRate;
    draw = explore ? draw * toExplore : (draw - explorationRate) * toWeighted;
    let remaining = requestBytes;
    let made = 0;
    while (remaining > 0 && left > 0 && made < MAX_CHOICES_PER_REQUEST) {
      if (made > 0) draw = random.nextFloat();
      made += 1;
      let slot: number;
      if (explore) {
        slot = lower[(draw * lowerCount) | 0]!;
      } else {
        const position = draw * size;
        const column = position | 0;
        slot = position - column < probability[column]! ? items[column]! : items[alias[column]!]!;
      }
      const room = spare[slot]!;
      if (room <= 0) continue;
      if (remaining < room) {
        spare[slot] = room - remaining;
        remaining = 0;
        break;
      }
      spare[slot] = 0;
      remaining -= room;
      fullWeight += byCapacity ? capacity[slot]! : weight[slot]!;
      if (isLower[slot]) lowerFull += 1;
      if (fullWeight * 2 > total || lowerFull * 2 > lowerCount) {
        rebuild(nodes, scratch);
        ({ probability, alias, items, size, total } = table);
        ({ live: left, lowerCount, byCapacity } = scratch);
        fullWeight = 0;
        lowerFull = 0;
      }
    }
    choices += made;
    outcome.unservedBytes += remaining;
  }
  outcome.choices = choices;
  // What a node served is what it no longer has to spare.
  for (let slot = 0; slot < count; slot += 1) if (up[slot]) served[slot] = capacity[slot]! - spare[slot]!;
  return outcome;
}
