import { createRandom } from "@/lib/domain/random";
import type { ModelNode, ModelState } from "@/lib/domain/network-model/model-types";
import { DATA_CENTRE_CLUSTER_NODES } from "@/lib/domain/network-model/node-kind";

const GB = 1_000_000_000;

/**
 * A made-up network for tests and the impact-sim benchmark, deterministic for `seed`: about
 * `dataCentreShare` of the nodes sit in data-centre clusters (5–20 nodes, big, fast, always up), the rest
 * are home nodes (small, slower, up most days), `freeRiderShare` of the home nodes serve nothing.
 */
export function syntheticModelState({
  nodes: nodeCount,
  seed,
  dataCentreShare = 0.1,
  freeRiderShare = 0.15,
  startDay = new Date(Date.UTC(2026, 0, 1)),
}: {
  nodes: number;
  seed: number;
  dataCentreShare?: number;
  freeRiderShare?: number;
  startDay?: Date;
}): ModelState {
  const random = createRandom(seed);
  const between = (low: number, high: number) => low + (high - low) * random.nextFloat();
  const nodes: ModelNode[] = [];
  const dataCentreNodes = Math.round(nodeCount * dataCentreShare);
  let cluster = 0;
  while (nodes.length < dataCentreNodes) {
    const size = Math.min(dataCentreNodes - nodes.length, random.int(DATA_CENTRE_CLUSTER_NODES, 20));
    const operatorId = `operator-dc-${cluster}`;
    for (let member = 0; member < size; member += 1) {
      nodes.push({
        nodeId: `node-${String(nodes.length).padStart(6, "0")}`,
        operatorId,
        cluster: `dc-${cluster}`,
        kind: size >= DATA_CENTRE_CLUSTER_NODES ? "dataCentre" : "home",
        capacityBytesPerDay: between(20, 60) * GB,
        demandBytesPerDay: between(0.5, 2) * GB,
        latencyMs: between(10, 40),
        upShare: between(0.95, 1),
        reliability: between(0.97, 1),
        confirmedShare: between(0.5, 0.9),
        rating: between(0.6, 0.9),
        ageDays: random.int(30, 400),
      });
    }
    cluster += 1;
  }
  while (nodes.length < nodeCount) {
    const index = nodes.length;
    const freeRider = random.nextFloat() < freeRiderShare;
    nodes.push({
      nodeId: `node-${String(index).padStart(6, "0")}`,
      operatorId: `operator-home-${Math.floor(index / 2)}`,
      cluster: `home-${index}`,
      kind: "home",
      capacityBytesPerDay: freeRider ? 0 : between(2, 12) * GB,
      demandBytesPerDay: between(0.5, 3) * GB,
      latencyMs: random.nextFloat() < 0.05 ? null : between(30, 250),
      upShare: between(0.5, 1),
      reliability: between(0.6, 1),
      confirmedShare: freeRider ? 1 : between(0.6, 1),
      rating: freeRider ? between(0, 0.3) : between(0.2, 0.8),
      ageDays: random.int(0, 300),
    });
  }
  return {
    startDay,
    nodes,
    calibration: { joinsPerDay: nodeCount * 0.004, leavesPerDay: 0.003, observedDays: 30 },
  };
}
