/**
 * The simulated nodes of the sync-fanout benchmark, in their own process so the benchmark's CPU
 * figures are the worker's (or the baseline client's) alone. Driven over IPC by fleet-client.ts: two
 * identical fleets, one for the product and one for the baseline, each node on every host in turn.
 */
import {
  startLoopbackNodes,
  type LoopbackNodes,
  type PlatformTrust,
  type SimulatedNodeIdentity,
} from "../../agent/config-endpoint/loopback-nodes";

export type FleetName = "product" | "baseline";

export type FleetRequest =
  | { type: "start"; trust: PlatformTrust; nodes: SimulatedNodeIdentity[]; hosts: string[] }
  | { type: "count-holding"; fleet: FleetName; version: number }
  | { type: "stop" };

export type FleetReply =
  | { type: "started"; urls: Record<FleetName, string[]> }
  | { type: "counted"; holding: number }
  | { type: "failed"; message: string };

const fleets = new Map<FleetName, LoopbackNodes>();
let nodeIds: string[] = [];

async function handle(request: FleetRequest): Promise<FleetReply | null> {
  if (request.type === "start") {
    nodeIds = request.nodes.map((node) => node.nodeId);
    const options = { trust: request.trust, nodes: request.nodes, hosts: request.hosts };
    fleets.set("product", await startLoopbackNodes(options));
    fleets.set("baseline", await startLoopbackNodes(options));
    const urlsOf = (name: FleetName) => nodeIds.map((nodeId) => fleets.get(name)!.urlFor(nodeId));
    return { type: "started", urls: { product: urlsOf("product"), baseline: urlsOf("baseline") } };
  }
  if (request.type === "count-holding") {
    const fleet = fleets.get(request.fleet)!;
    const holding = nodeIds.filter((nodeId) => fleet.held(nodeId).stagedVersion >= request.version).length;
    return { type: "counted", holding };
  }
  await Promise.all([...fleets.values()].map((fleet) => fleet.close()));
  process.exit(0);
  return null;
}

process.on("message", (request: FleetRequest) => {
  handle(request).then(
    (reply) => reply && process.send!(reply),
    (error: unknown) => process.send!({ type: "failed", message: String((error as Error)?.stack ?? error) }),
  );
});
// The benchmark going away takes the fleet with it.
process.on("disconnect", () => process.exit(0));
