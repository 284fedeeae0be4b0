import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  eligibilityWindow,
  nodeEligibility,
  eligibleRecords,
  type NodeServiceRecord,
} from "@/lib/domain/voting/eligibility";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const DAY_MS = 86_400_000;
const opensAt = new Date("2026-03-10T12:00:00.000Z");
const rules = { minNodeAgeDays: 3, minUptimeForVoting: 0.5 };
const windowStart = new Date(opensAt.getTime() - 3 * DAY_MS);
const threeDays = 3 * 86_400;

const record = (overrides: Partial<NodeServiceRecord> = {}): NodeServiceRecord => ({
  nodeId: "n1",
  operatorId: "o1",
  status: "Active",
  verifiedAt: new Date("2026-01-01T00:00:00.000Z"),
  firstReportedAt: new Date("2026-02-01T00:00:00.000Z"),
  uptimeSeconds: threeDays,
  clusterPrefix: "203.0.113.0/24",
  ...overrides,
});

describe("eligibilityWindow", () => {
  it.each([
    [3, "2026-03-07T12:00:00.000Z"],
    [0, "2026-03-10T12:00:00.000Z"],
    [365, "2025-03-10T12:00:00.000Z"],
  ])("covers the %i days before the round opens", (minNodeAgeDays, from) => {
    expect(eligibilityWindow(opensAt, { ...rules, minNodeAgeDays })).toEqual({
      from: new Date(from),
      to: opensAt,
    });
  });
});

describe("nodeEligibility", () => {
  it.each([
    ["an active, verified node up the whole window", {}],
    ["a node that first reported exactly at the window's start", { firstReportedAt: windowStart }],
    ["a node up exactly the minimum share", { uptimeSeconds: threeDays / 2 }],
    ["a node reporting more uptime than the window has", { uptimeSeconds: 10 * threeDays }],
  ])("counts %s", (_name, overrides) => {
    expect(nodeEligibility(record(overrides), rules, opensAt)).toEqual({ isEligible: true });
  });

  it.each([
    ["a node that is not active", { status: "Gone" }, "The node is not active."],
    ["a node that never proved its key", { verifiedAt: null }, "The node has not proved its key."],
    [
      "a node that never reported",
      { firstReportedAt: null },
      "The node must have reported telemetry for 3 days before the round opened.",
    ],
    [
      "a node that first reported a millisecond too late",
      { firstReportedAt: new Date(windowStart.getTime() + 1) },
      "The node must have reported telemetry for 3 days before the round opened.",
    ],
    [
      "a node up a second less than the minimum",
      { uptimeSeconds: threeDays / 2 - 1 },
      "The node was up 49.9 % of the last 3 days; voting needs 50.0 %.",
    ],
    [
      "a node with no uptime",
      { uptimeSeconds: 0 },
      "The node was up 0.0 % of the last 3 days; voting needs 50.0 %.",
    ],
  ])("refuses %s, saying why", (_name, overrides, reason) => {
    expect(nodeEligibility(record(overrides), rules, opensAt)).toEqual({ isEligible: false, reason });
  });

  it("needs no uptime but still a first report before opening when the minimum age is 0 days", () => {
    const anyAge = { minNodeAgeDays: 0, minUptimeForVoting: 1 };
    expect(
      nodeEligibility(record({ firstReportedAt: opensAt, uptimeSeconds: 0 }), anyAge, opensAt).isEligible,
    ).toBe(true);
    const afterOpening = record({ firstReportedAt: new Date(opensAt.getTime() + 1) });
    expect(nodeEligibility(afterOpening, anyAge, opensAt).isEligible).toBe(false);
  });
});

describe("eligibleRecords", () => {
  it("keeps the eligible nodes in the order given and leaves out the rest", () => {
    const records = [
      record({ nodeId: "n3", operatorId: "zed" }),
      record({ nodeId: "n2", operatorId: "amy" }),
      record({ nodeId: "n9", operatorId: "bob", verifiedAt: null }),
      record({ nodeId: "n1", operatorId: "amy" }),
      record({ nodeId: "n4", operatorId: "amy", status: "Gone" }),
    ];
    expect(eligibleRecords(records, { rules, opensAt }).map((node) => node.nodeId)).toEqual([
      "n3",
      "n2",
      "n1",
    ]);
  });

  it("is empty when no node is eligible", () => {
    expect(eligibleRecords([record({ status: "Gone" })], { rules, opensAt })).toEqual([]);
  });

  it("holds exactly the nodes nodeEligibility admits (property)", () => {
    const records = fc.array(
      fc.record({
        nodeId: fc.string({ minLength: 1, maxLength: 4 }),
        operatorId: fc.constantFrom("o1", "o2", "o3", "o4"),
        status: fc.constantFrom("Active", "Active", "Gone"),
        verifiedAt: fc.option(fc.constant(new Date("2026-01-01T00:00:00.000Z"))),
        firstReportedAt: fc.option(
          fc.integer({ min: -5, max: 1 }).map((days) => new Date(opensAt.getTime() + days * DAY_MS)),
        ),
        uptimeSeconds: fc.integer({ min: 0, max: threeDays }),
        clusterPrefix: fc.option(fc.constantFrom("203.0.113.0/24", "198.51.100.0/24")),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(records, (nodes) => {
        const eligible = eligibleRecords(nodes, { rules, opensAt });
        expect(eligible).toEqual(nodes.filter((node) => nodeEligibility(node, rules, opensAt).isEligible));
      }),
      propertyRuns("eligibleRecords holds exactly the eligible nodes"),
    );
  });
});
