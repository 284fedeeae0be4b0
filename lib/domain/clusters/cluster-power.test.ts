import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterPower } from "./cluster-power";

describe("clusterPower", () => {
  it("is all zeros for a round without eligible nodes", () => {
    expect(clusterPower([])).toEqual({
      clusters: 0,
      sharedClusters: 0,
      operatorsSharing: 0,
      largestClusterShare: 0,
      largestClusterNodes: 0,
      nakamotoOverClusters: 0,
    });
  });

  it("weighs a 100-node data centre like 10 home nodes: √100 against 10 × √1", () => {
    const homes = Array.from({ length: 10 }, (_, index) => ({
      clusterId: `home${index}`,
      operatorId: `h${index}`,
      nodes: 1,
    }));
    const summary = clusterPower([{ clusterId: "dc", operatorId: "largecorp", nodes: 100 }, ...homes]);
    expect(summary).toMatchObject({
      clusters: 11,
      sharedClusters: 0,
      operatorsSharing: 0,
      largestClusterNodes: 100,
    });
    expect(summary.largestClusterShare).toBeCloseTo(0.5, 12);
    // The data centre holds exactly half, not more: it and one home node are needed to pass half.
    expect(summary.nakamotoOverClusters).toBe(2);
  });

  it("counts a cluster shared by two operators once, and both operators as sharing", () => {
    const summary = clusterPower([
      { clusterId: "uni", operatorId: "a", nodes: 2 },
      { clusterId: "uni", operatorId: "b", nodes: 1 },
      { clusterId: "home", operatorId: "a", nodes: 1 },
    ]);
    expect(summary).toMatchObject({
      clusters: 2,
      sharedClusters: 1,
      operatorsSharing: 2,
      largestClusterNodes: 3,
    });
    expect(summary.largestClusterShare).toBeCloseTo(Math.sqrt(3) / (Math.sqrt(3) + 1), 12);
  });

  it("does not change when nodes of one cluster are re-filed under other operators (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 50 })), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 7 }),
        (rows, operators) => {
          const asOne = rows.map(([cluster, nodes]) => ({
            clusterId: `c${cluster}`,
            operatorId: "one",
            nodes,
          }));
          const split = rows.map(([cluster, nodes], index) => ({
            clusterId: `c${cluster}`,
            operatorId: `o${index % operators}`,
            nodes,
          }));
          const { sharedClusters: _a, operatorsSharing: _b, ...measuresOfOne } = clusterPower(asOne);
          const { sharedClusters: _c, operatorsSharing: _d, ...measuresSplit } = clusterPower(split);
          expect(measuresSplit).toEqual(measuresOfOne);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
