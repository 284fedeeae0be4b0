import { describe, expect, it } from "vitest";
import { planDemoFleet } from "../../demo/data/traffic-fleet";
import { createRandom } from "../../lib/domain/random";
import { createLogger } from "../../lib/server/platform/logger";
import { planFleetSourceAddresses, usableFleetSourceAddresses } from "./fleet-source-addresses";

const ordinaryEmails = Array.from({ length: 12 }, (_, i) => `op${i}@x.example`);
const plan = (nodes: number) =>
  planDemoFleet({
    nodes,
    ordinaryEmails,
    preferredEmails: ["me@x.example"],
    largeOperatorEmail: "large@x.example",
    random: createRandom(5),
  });
const block = (address: string) => address.replace(/\.\d+$/, "");

describe("planFleetSourceAddresses", () => {
  it("puts the large operator in 127.10.0.0/24 and every other operator in a /24 of its own, one address per node", () => {
    const slots = plan(25);
    const addresses = planFleetSourceAddresses(slots);
    expect(addresses.size).toBe(25);
    expect(new Set(addresses.values()).size).toBe(25);
    const blocksOf = new Map<string, Set<string>>();
    for (const slot of slots) {
      const address = addresses.get(slot.index)!;
      expect(address).toMatch(/^127\.\d+\.\d+\.\d+$/);
      blocksOf.set(slot.operatorEmail, (blocksOf.get(slot.operatorEmail) ?? new Set()).add(block(address)));
    }
    expect(blocksOf.get("large@x.example")).toEqual(new Set(["127.10.0"]));
    const others = [...blocksOf].filter(([email]) => email !== "large@x.example");
    expect(others.every(([, blocks]) => blocks.size === 1)).toBe(true);
    const otherBlocks = others.map(([, blocks]) => [...blocks][0]!);
    expect(new Set(otherBlocks).size).toBe(others.length);
    expect(otherBlocks).not.toContain("127.10.0");
    expect(otherBlocks).not.toContain("127.0.0");
  });

  it("keeps every node's address when the fleet grows, and moves an operator past 245 nodes to a further /24", () => {
    const small = planFleetSourceAddresses(plan(10));
    const grown = planFleetSourceAddresses(plan(10).concat(plan(40).slice(10)));
    for (const [index, address] of small) expect(grown.get(index)).toBe(address);

    const crowd = Array.from({ length: 300 }, (_, index) => ({
      index,
      name: `solo-fleet-${index}`,
      operatorEmail: "solo@x.example",
      profile: "normal" as const,
    }));
    const addresses = [...planFleetSourceAddresses(crowd).values()];
    expect(new Set(addresses).size).toBe(300);
    expect(new Set(addresses.map(block))).toEqual(new Set(["127.16.0", "127.16.1"]));
  });
});

describe("usableFleetSourceAddresses", () => {
  const log = createLogger({ write: () => {} });

  it("uses the planned addresses for a platform on this machine", async () => {
    const slots = plan(6);
    for (const server of ["http://localhost:3000", "http://127.0.0.1:3000"]) {
      expect(await usableFleetSourceAddresses(server, slots, log)).toEqual(planFleetSourceAddresses(slots));
    }
  });

  it("lets the OS choose for a platform elsewhere: loopback addresses would not reach it", async () => {
    const lines: string[] = [];
    const remote = await usableFleetSourceAddresses(
      "https://plenum.example.org",
      plan(6),
      createLogger({ write: (_level, line) => lines.push(line) }),
    );
    expect(remote.size).toBe(0);
    expect(lines.join("\n")).toContain("not on this machine");
  });
});
