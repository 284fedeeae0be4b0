import { describe, expect, it } from "vitest";
import { nodeListQueryFromSearchParams, nodeListQuerySchema } from "./nodes";

describe("nodeListQuerySchema", () => {
  it("fills defaults and trims the search", () => {
    expect(nodeListQuerySchema.parse({ search: "  relay  " })).toEqual({
      search: "relay",
      page: 1,
      pageSize: 25,
    });
  });

  it("treats a blank search or region as no filter", () => {
    expect(nodeListQuerySchema.parse({ search: "   ", region: "" })).toEqual({ page: 1, pageSize: 25 });
  });

  it.each([
    [{ pageSize: 20 }, "pageSize"],
    [{ page: 0 }, "page"],
    [{ page: 1.5 }, "page"],
    [{ status: "Online" }, "status"],
    [{ search: "x".repeat(81) }, "search"],
  ])("rejects %j naming %s", (input, field) => {
    const result = nodeListQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("nodeListQueryFromSearchParams", () => {
  it("reads every field", () => {
    expect(
      nodeListQueryFromSearchParams({
        search: "Alpha",
        status: "Gone",
        region: "eu-west",
        page: "3",
        pageSize: "50",
      }),
    ).toEqual({ search: "Alpha", status: "Gone", region: "eu-west", page: 3, pageSize: 50 });
  });

  it("falls back to defaults field by field for values that do not parse", () => {
    expect(
      nodeListQueryFromSearchParams({ search: ["a", "b"], status: "Sleeping", page: "-2", pageSize: "7" }),
    ).toEqual({ search: "a", status: undefined, region: undefined, page: 1, pageSize: 25 });
  });

  it("cuts an over-long search instead of dropping it", () => {
    expect(nodeListQueryFromSearchParams({ search: "y".repeat(200) }).search).toBe("y".repeat(80));
  });
});
