import { describe, expect, it } from "vitest";
import {
  SYNC_STATUS_EXPLANATIONS,
  syncAttemptsPageFromSearchParams,
  syncNodesQuerySchema,
  syncPageQueryFromSearchParams,
  syncStatusExplanation,
} from "./sync";

describe("syncPageQueryFromSearchParams", () => {
  const defaults = { status: undefined, search: undefined, page: 1, pageSize: 25, range: "24h" };
  it.each([
    { params: {}, expected: defaults },
    {
      params: { status: "Degraded", search: " relay ", page: "3", pageSize: "50", range: "30d" },
      expected: { status: "Degraded", search: "relay", page: 3, pageSize: 50, range: "30d" },
    },
    {
      params: { status: "Broken", page: "-1", pageSize: "7", range: "1y", search: "" },
      expected: defaults,
    },
    {
      params: { status: ["Gone", "Synced"], page: ["2", "9"] },
      expected: { ...defaults, status: "Gone", page: 2 },
    },
    { params: { search: "x".repeat(200) }, expected: { ...defaults, search: "x".repeat(80) } },
  ])("$params", ({ params, expected }) => {
    expect(syncPageQueryFromSearchParams(params)).toEqual(expected);
  });
});

describe("syncAttemptsPageFromSearchParams", () => {
  it.each([
    [{}, 1],
    [{ page: "4" }, 4],
    [{ page: "0" }, 1],
    [{ page: "two" }, 1],
  ])("%j → %i", (params, expected) => {
    expect(syncAttemptsPageFromSearchParams(params)).toBe(expected);
  });
});

describe("syncNodesQuerySchema", () => {
  it("names the field and what is allowed", () => {
    const result = syncNodesQuerySchema.safeParse({ status: "Nope", pageSize: 30 });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => issue.message);
    expect(messages).toContain(
      "Status is one of Synced, Pending, OutOfSync, Degraded, Unreachable, Quarantined, Gone",
    );
    expect(messages).toContain("Page size is one of 10, 25, 50");
  });
});

describe("syncStatusExplanation", () => {
  it("says a pull-only node fetches configs itself instead of promising a delivery", () => {
    expect(syncStatusExplanation("Pending", true)).toBe(SYNC_STATUS_EXPLANATIONS.Pending);
    expect(syncStatusExplanation("Pending", false)).toMatch(/fetches configs itself/);
    expect(syncStatusExplanation("OutOfSync", false)).toMatch(/fetches configs itself/);
    expect(syncStatusExplanation("Synced", false)).toBe(SYNC_STATUS_EXPLANATIONS.Synced);
  });
});
