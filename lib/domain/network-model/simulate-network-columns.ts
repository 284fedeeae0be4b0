import { reliabilityScore, speedScore } from "@/lib/domain/metrics/service-rating";
import type { ModelNode } from "@/lib/domain/network-model/model-types";

const DAY_SECONDS = 86_400;

/**
 * A run's nodes as parallel typed columns, one slot per node: the start nodes first (slot = index in the
 * state), joiners appended. Profile columns are fixed per node (except capacity when a free-rider starts
 * sharing); day columns are rewritten every simulated day. Columns grow by doubling.
 */
export class NodeColumns {
  count = 0;
  readonly startCount: number;
  /** Days of earnings kept per node (the behaviour's window). */
  readonly window: number;
  private capacityLimit = 0;

  // Profile.
  capacity = new Float64Array(0);
  demand = new Float64Array(0);
  speed = new Float64Array(0);
  reliability = new Float64Array(0);
  upShare = new Float64Array(0);
  /** Share of served bytes paid: confirmedShare + uncorroboratedWeight × (1 − confirmedShare) needs the day's weight, so the confirmed share is kept. */
  confirmedShare = new Float64Array(0);
  dataCentre = new Uint8Array(0);
  cluster = new Int32Array(0);
  /** The simulated day (0-based) on which the node's age was 0: −ageDays for start nodes. */
  bornDay = new Float64Array(0);
  /** The simulated day it joined (0 for start nodes): earnings before it do not count toward its window. */
  joinedDay = new Float64Array(0);

  // State.
  alive = new Uint8Array(0);
  rating = new Float64Array(0);
  /** 1 while peers slow its downloads: it was a free-rider past grace on its last day up. */
  throttled = new Uint8Array(0);
  /** Credits of the last `window` days, slot × window + day % window. */
  earnings = new Float64Array(0);

  // The day.
  up = new Uint8Array(0);
  bytesDown = new Float64Array(0);
  served = new Float64Array(0);
  paid = new Float64Array(0);
  spare = new Float64Array(0);
  weight = new Float64Array(0);
  age = new Float64Array(0);
  classification = new Uint8Array(0);
  unscaledMicro = new Float64Array(0);
  rewardMicro = new Float64Array(0);
  credits = new Float64Array(0);
  freeRider = new Uint8Array(0);

  /** Next free cluster number (joiners at home get a cluster of their own). */
  nextCluster = 0;

  constructor(nodes: readonly ModelNode[], window: number, extra: number) {
    this.startCount = nodes.length;
    this.window = window;
    this.grow(nodes.length + extra);
    const clusters = new Map<string, number>();
    for (const node of nodes) {
      let cluster = clusters.get(node.cluster);
      if (cluster === undefined) {
        cluster = clusters.size;
        clusters.set(node.cluster, cluster);
      }
      const slot = this.count++;
      this.capacity[slot] = Math.max(0, node.capacityBytesPerDay);
      this.demand[slot] = Math.max(0, node.demandBytesPerDay);
      this.speed[slot] = speedScore(node.latencyMs);
      this.reliability[slot] = reliabilityScore(node.reliability * DAY_SECONDS);
      this.upShare[slot] = node.upShare;
      this.confirmedShare[slot] = Math.min(1, Math.max(0, node.confirmedShare));
      this.dataCentre[slot] = node.kind === "dataCentre" ? 1 : 0;
      this.cluster[slot] = cluster;
      this.bornDay[slot] = -Math.max(0, node.ageDays);
      this.joinedDay[slot] = 0;
      this.alive[slot] = 1;
      this.rating[slot] = Math.min(1, Math.max(0, node.rating));
    }
    this.nextCluster = clusters.size;
  }

  /** A new node with `template`'s profile (a start slot), rating 0, age 0 from `day`; returns its slot. */
  addJoiner(template: number, day: number): number {
    if (this.count >= this.capacityLimit) this.grow(this.capacityLimit * 2);
    const slot = this.count++;
    this.capacity[slot] = this.capacity[template]!;
    this.demand[slot] = this.demand[template]!;
    this.speed[slot] = this.speed[template]!;
    this.reliability[slot] = this.reliability[template]!;
    this.upShare[slot] = this.upShare[template]!;
    this.confirmedShare[slot] = this.confirmedShare[template]!;
    this.dataCentre[slot] = this.dataCentre[template]!;
    // A data centre adds machines to its own network; a home node brings its own.
    this.cluster[slot] = this.dataCentre[template] ? this.cluster[template]! : this.nextCluster++;
    this.bornDay[slot] = day;
    this.joinedDay[slot] = day;
    this.alive[slot] = 1;
    this.rating[slot] = 0;
    this.throttled[slot] = 0;
    this.earnings.fill(0, slot * this.window, (slot + 1) * this.window);
    return slot;
  }

  private grow(limit: number): void {
    const size = Math.max(16, limit);
    const float = (old: Float64Array) => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    const byte = (old: Uint8Array) => {
      const next = new Uint8Array(size);
      next.set(old);
      return next;
    };
    this.capacity = float(this.capacity);
    this.demand = float(this.demand);
    this.speed = float(this.speed);
    this.reliability = float(this.reliability);
    this.upShare = float(this.upShare);
    this.confirmedShare = float(this.confirmedShare);
    this.dataCentre = byte(this.dataCentre);
    const cluster = new Int32Array(size);
    cluster.set(this.cluster);
    this.cluster = cluster;
    this.bornDay = float(this.bornDay);
    this.joinedDay = float(this.joinedDay);
    this.alive = byte(this.alive);
    this.rating = float(this.rating);
    this.throttled = byte(this.throttled);
    const earnings = new Float64Array(size * this.window);
    earnings.set(this.earnings);
    this.earnings = earnings;
    this.up = byte(this.up);
    this.bytesDown = float(this.bytesDown);
    this.served = float(this.served);
    this.paid = float(this.paid);
    this.spare = float(this.spare);
    this.weight = float(this.weight);
    this.age = float(this.age);
    this.classification = byte(this.classification);
    this.unscaledMicro = float(this.unscaledMicro);
    this.rewardMicro = float(this.rewardMicro);
    this.credits = float(this.credits);
    this.freeRider = byte(this.freeRider);
    this.capacityLimit = size;
  }
}
