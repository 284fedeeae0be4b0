import { describe, expect, it } from "vitest";
import { DATA_CENTRE_CLUSTER_NODES, nodeKinds } from "@/lib/domain/network-model/node-kind";

describe("nodeKinds", () => {
  it("marks the nodes of a cluster of DATA_CENTRE_CLUSTER_NODES or more as data-centre nodes, the rest home", () => {
    expect(DATA_CENTRE_CLUSTER_NODES).toBe(5);
    const clusterOf = new Map<string, string>([
      ...Array.from({ length: 5 }, (_, index) => [`big-${index}`, "10.0.0.0/24"] as const),
      ...Array.from({ length: 4 }, (_, index) => [`small-${index}`, "10.0.1.0/24"] as const),
      ["alone", "alone"],
    ]);
    const kinds = nodeKinds(clusterOf);
    expect(kinds.size).toBe(10);
    for (let index = 0; index < 5; index += 1) expect(kinds.get(`big-${index}`)).toBe("dataCentre");
    for (let index = 0; index < 4; index += 1) expect(kinds.get(`small-${index}`)).toBe("home");
    expect(kinds.get("alone")).toBe("home");
    expect(nodeKinds(new Map())).toEqual(new Map());
  });
});
