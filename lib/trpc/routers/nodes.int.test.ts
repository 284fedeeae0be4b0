import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createTestCaller, insertOperator, minutesBefore } from "../testing/router-test-setup";

let database: TestDatabase;
const BULK_NODES = 23;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertOperator(database.db, { displayName: "Alpha Cooperative", region: "eu-west" }, [
    { name: "Relay Amsterdam", lastSeenAt: minutesBefore(5), reportedConfigVersion: 1 },
    { name: "relay Berlin", lastSeenAt: minutesBefore(30) },
    { name: "Storage Paris", status: "Gone" },
  ]);
  await insertOperator(database.db, { displayName: "Beta Hosting", region: "us-east" }, [
    { name: "BETA-Node-01", lastSeenAt: minutesBefore(1) },
    { name: "Mirror Boston" },
  ]);
  await insertOperator(database.db, { displayName: "Gamma Garage", region: "ap-south" }, [
    { name: "Kyoto 100% Cache" },
    { name: "Edge\\Gateway" },
    ...Array.from({ length: BULK_NODES }, (_, index) => ({ name: `bulk-${String(index).padStart(2, "0")}` })),
  ]);
});
afterAll(async () => {
  await database.drop();
});

const list = (input: Parameters<ReturnType<typeof createTestCaller>["nodes"]["list"]>[0]) =>
  createTestCaller(database.db).nodes.list(input);
const names = (result: { rows: { name: string }[] }) => result.rows.map((row) => row.name);

describe("nodes.list search", () => {
  it.each(["relay", "RELAY", "  Relay  "])("finds %j in node names whatever the case", async (search) => {
    const result = await list({ search });
    expect(names(result)).toEqual(["Relay Amsterdam", "relay Berlin"]);
    expect(result.total).toBe(2);
  });

  it("finds nodes by their operator's display name, case-insensitively", async () => {
    expect(names(await list({ search: "beta hosting" }))).toEqual(["BETA-Node-01", "Mirror Boston"]);
    expect(names(await list({ search: "ALPHA coop" }))).toEqual([
      "Relay Amsterdam",
      "relay Berlin",
      "Storage Paris",
    ]);
  });

  it("lists a node matching on both its name and its operator once", async () => {
    const result = await list({ search: "beta" });
    expect(names(result)).toEqual(["BETA-Node-01", "Mirror Boston"]);
    expect(result.total).toBe(2);
  });

  it("treats %, _ and \\ in the search as plain characters", async () => {
    expect(names(await list({ search: "100%" }))).toEqual(["Kyoto 100% Cache"]);
    expect((await list({ search: "%" })).total).toBe(1);
    expect((await list({ search: "_" })).total).toBe(0);
    expect(names(await list({ search: "e\\g" }))).toEqual(["Edge\\Gateway"]);
    expect((await list({ search: "\\%" })).total).toBe(0);
  });

  it("returns an empty page with total 0 when nothing matches", async () => {
    expect(await list({ search: "no such node" })).toMatchObject({
      rows: [],
      total: 0,
      page: 1,
      pageCount: 1,
    });
  });
});

describe("nodes.list filters", () => {
  it("filters by status", async () => {
    expect(names(await list({ status: "Gone" }))).toEqual(["Storage Paris"]);
  });

  it("filters by region and combines filters with search", async () => {
    expect(names(await list({ region: "us-east" }))).toEqual(["BETA-Node-01", "Mirror Boston"]);
    expect(names(await list({ region: "eu-west", status: "Active" }))).toEqual([
      "Relay Amsterdam",
      "relay Berlin",
    ]);
    expect(names(await list({ region: "eu-west", search: "paris" }))).toEqual(["Storage Paris"]);
  });

  it("offers every region for the region filter, sorted", async () => {
    expect((await list({ status: "Gone" })).regions).toEqual(["ap-south", "eu-west", "us-east"]);
  });
});

describe("nodes.list rows and paging", () => {
  const total = 5 + 2 + BULK_NODES;

  it("returns the public fields of a node and its operator's name, nothing else", async () => {
    const [row] = (await list({ search: "amsterdam" })).rows;
    expect(row).toEqual({
      id: expect.any(String),
      name: "Relay Amsterdam",
      operatorName: "Alpha Cooperative",
      region: "eu-west",
      status: "Active",
      lastSeenAt: minutesBefore(5),
      reportedConfigVersion: 1,
    });
  });

  it("pages through the list in name order without gaps or repeats", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => list({ page, pageSize: 10 })));
    expect(pages.map((page) => page.rows.length)).toEqual([10, 10, total - 20]);
    expect(pages.every((page) => page.total === total && page.pageCount === 3)).toBe(true);
    const all = pages.flatMap(names);
    expect(new Set(all).size).toBe(total);
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it("answers a page past the end with no rows but the real total", async () => {
    expect(await list({ page: 4, pageSize: 10 })).toMatchObject({ rows: [], total, page: 4, pageCount: 3 });
  });

  it("defaults to page 1 of 25", async () => {
    expect(await list({})).toMatchObject({ page: 1, pageSize: 25, pageCount: 2 });
  });

  it.each([
    [{ pageSize: 20 }, "pageSize"],
    [{ page: 0 }, "page"],
    [{ status: "Sleeping" }, "status"],
    [{ search: "x".repeat(81) }, "search"],
  ])("rejects %j with BAD_REQUEST naming %s", async (input, field) => {
    const failure = await list(input as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("BAD_REQUEST");
    expect((failure as TRPCError).message).toContain(`"${field}"`);
  });
});
