import { describe, expect, it } from "vitest";
import { planDemoFleet } from "@/demo/data/traffic-fleet";
import { createRandom } from "@/lib/domain/random";

const ordinaryEmails = Array.from({ length: 30 }, (_, i) => `person${i}@demo.example`);
const plan = (seed = 1, nodes = 25, preferredEmails: string[] = []) =>
  planDemoFleet({
    nodes,
    ordinaryEmails,
    preferredEmails,
    largeOperatorEmail: "largecorp@demo.example",
    random: createRandom(seed),
  });

describe("planDemoFleet", () => {
  it("gives a third of the nodes to the large operator's cluster and 1–3 to each ordinary operator", () => {
    const slots = plan();
    expect(slots).toHaveLength(25);
    expect(slots.map((slot) => slot.index)).toEqual([...Array(25).keys()]);
    const cluster = slots.filter((slot) => slot.operatorEmail === "largecorp@demo.example");
    expect(cluster).toHaveLength(8);
    expect(cluster.every((slot) => slot.profile === "cluster")).toBe(true);
    const perOperator = new Map<string, number>();
    for (const slot of slots.slice(8))
      perOperator.set(slot.operatorEmail, (perOperator.get(slot.operatorEmail) ?? 0) + 1);
    expect(perOperator.size).toBeGreaterThanOrEqual(6);
    expect(Math.min(...perOperator.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perOperator.values())).toBeLessThanOrEqual(3);
  });

  it("mixes seeders, free-riders, normal and light nodes among ordinary operators", () => {
    const profiles = plan()
      .slice(8)
      .map((slot) => slot.profile);
    expect(profiles.filter((profile) => profile === "seeder").length).toBeGreaterThanOrEqual(3);
    expect(profiles.filter((profile) => profile === "free-rider").length).toBeGreaterThanOrEqual(3);
    expect(profiles).toContain("normal");
    expect(profiles).toContain("light");
    expect(profiles).not.toContain("cluster");
  });

  it("is deterministic for a seed, with unique node names", () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
    const names = plan(7, 100).map((slot) => slot.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives nodes to the preferred operators first", () => {
    const slots = plan(3, 25, ["person29@demo.example"]);
    expect(slots[8]!.operatorEmail).toBe("person29@demo.example");
  });

  it("starts over with the operators when there are more nodes than they take", () => {
    const slots = planDemoFleet({ nodes: 5, ordinaryEmails: ["only@demo.example"], random: createRandom(1) });
    expect(slots.every((slot) => slot.operatorEmail === "only@demo.example")).toBe(true);
    expect(new Set(slots.map((slot) => slot.name)).size).toBe(5);
  });
});
