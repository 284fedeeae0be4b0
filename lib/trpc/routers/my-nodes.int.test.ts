import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changeNodeEndpoint } from "@/lib/server/nodes/operator-node-commands";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { TEST_NOW, minutesBefore } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

let database: TestDatabase;
let alice: SessionOperator;
let bob: SessionOperator;
let carol: SessionOperator;
const ids: Record<"relay" | "storage" | "retired" | "bobs", string> = {
  relay: "",
  storage: "",
  retired: "",
  bobs: "",
};
const RELAY_KEY = Buffer.alloc(32, 7).toString("base64url");
const PUBLIC_ENDPOINT = "https://8.8.8.8:8443/plenum";
// Each test runs a few minutes after the previous one, so mutation counts never reach the rate limit.
let now = TEST_NOW;

async function createOperator(displayName: string): Promise<SessionOperator> {
  const email = `${displayName.toLowerCase()}@example.test`;
  const { id } = await database.db.operator.create({
    data: { displayName, email, region: "eu-west" },
    select: { id: true },
  });
  return { id, displayName, email, role: "operator" };
}

let keyCounter = 0;
async function createNode(
  operatorId: string,
  data: { name: string; status?: string; endpointUrl?: string; publicKey?: string; lastSeenAt?: Date },
): Promise<string> {
  keyCounter += 1;
  const { id } = await database.db.node.create({
    data: {
      operatorId,
      nameSearch: data.name.toLowerCase(),
      publicKey: Buffer.alloc(32, 100 + keyCounter).toString("base64url"),
      region: "eu-west",
      webhookSecret: "whsec_c2VjcmV0",
      ...data,
    },
    select: { id: true },
  });
  return id;
}

function callerAs(operator: SessionOperator | null, at: Date = now) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => at,
    operator,
    clientIp: "203.0.113.5",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function fieldErrors(error: TRPCError): Record<string, string[] | undefined> {
  expect(error.cause).toBeInstanceOf(z.ZodError);
  return z.flattenError(error.cause as z.ZodError).fieldErrors;
}

const allNodes = () =>
  database.db.node.findMany({
    orderBy: { id: "asc" },
    select: { id: true, name: true, nameSearch: true, status: true, endpointUrl: true, operatorId: true },
  });

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createOperator("Alice");
  bob = await createOperator("Bob");
  carol = await createOperator("Carol");
  ids.relay = await createNode(alice.id, {
    name: "relay-01",
    publicKey: RELAY_KEY,
    endpointUrl: "https://1.1.1.1/plenum",
    lastSeenAt: minutesBefore(5),
  });
  ids.storage = await createNode(alice.id, { name: "storage-01", lastSeenAt: minutesBefore(60) });
  ids.retired = await createNode(alice.id, { name: "old-box", status: "Gone" });
  ids.bobs = await createNode(bob.id, { name: "bob-node", endpointUrl: "https://9.9.9.9/bob" });
});
afterAll(async () => {
  await database.drop();
});
beforeEach(() => {
  now = new Date(now.getTime() + 5 * 60_000);
});

describe("myNodes.list", () => {
  it("returns only the signed-in operator's nodes, with endpoint, fingerprint and totals", async () => {
    const result = await callerAs(alice, TEST_NOW).myNodes.list();
    expect(result.nodes.map((node) => node.name).sort()).toEqual(["old-box", "relay-01", "storage-01"]);
    expect(result.nodes.map((node) => node.status)).toEqual(["Active", "Active", "Gone"]);
    expect(result.totals).toEqual({ active: 2, gone: 1, online: 1 });
    const relay = result.nodes.find((node) => node.id === ids.relay)!;
    const digest = createHash("sha256").update(Buffer.alloc(32, 7)).digest("hex");
    expect(relay).toMatchObject({
      status: "Active",
      endpointUrl: "https://1.1.1.1/plenum",
      isOnline: true,
      keyFingerprint: `SHA256:${digest.slice(0, 4)} ${digest.slice(4, 8)} ${digest.slice(8, 12)} ${digest.slice(12, 16)}`,
    });
    expect(relay).not.toHaveProperty("publicKey");
    expect(relay).not.toHaveProperty("webhookSecret");
  });

  it("shows Bob only Bob's node", async () => {
    const result = await callerAs(bob).myNodes.list();
    expect(result.nodes.map((node) => node.id)).toEqual([ids.bobs]);
  });
});

describe("anonymous callers", () => {
  const anonymous = () => callerAs(null).myNodes;
  it.each([
    ["list", () => anonymous().list()],
    ["rename", () => anonymous().rename({ nodeId: ids.relay, name: "x" })],
    ["changeEndpoint", () => anonymous().changeEndpoint({ nodeId: ids.relay, endpointUrl: PUBLIC_ENDPOINT })],
    ["retire", () => anonymous().retire({ nodeId: ids.relay })],
  ])("get UNAUTHORIZED from myNodes.%s", async (_name, call) => {
    const before = await allNodes();
    expect((await rejection(call())).code).toBe("UNAUTHORIZED");
    expect(await allNodes()).toEqual(before);
  });
});

describe("another operator's node", () => {
  it.each([
    ["rename", () => callerAs(bob).myNodes.rename({ nodeId: ids.relay, name: "mine-now" })],
    [
      "changeEndpoint",
      () => callerAs(bob).myNodes.changeEndpoint({ nodeId: ids.relay, endpointUrl: PUBLIC_ENDPOINT }),
    ],
    ["retire", () => callerAs(bob).myNodes.retire({ nodeId: ids.relay })],
  ])("is NOT_FOUND for %s, exactly like a missing node, and stays unchanged", async (_name, call) => {
    const before = await allNodes();
    const error = await rejection(call());
    expect(error.code).toBe("NOT_FOUND");
    const missing = await rejection(callerAs(bob).myNodes.retire({ nodeId: "no-such-node" }));
    expect(missing.code).toBe("NOT_FOUND");
    expect(error.message).toBe(missing.message);
    expect(await allNodes()).toEqual(before);
  });
});

describe("myNodes.rename", () => {
  it("renames the owner's node and keeps the search column in sync", async () => {
    const renamed = await callerAs(alice).myNodes.rename({
      nodeId: ids.storage,
      name: "  Storage.Paris_2  ",
    });
    expect(renamed).toMatchObject({ id: ids.storage, name: "Storage.Paris_2", status: "Active" });
    const stored = await database.db.node.findUniqueOrThrow({
      where: { id: ids.storage },
      select: { name: true, nameSearch: true },
    });
    expect(stored).toEqual({ name: "Storage.Paris_2", nameSearch: "storage.paris_2" });
    const found = await callerAs(null).nodes.list({ search: "STORAGE.PARIS" });
    expect(found.rows.map((row) => row.id)).toEqual([ids.storage]);
  });

  it.each([
    ["", /must not be empty/],
    ["   ", /must not be empty/],
    ["has space", /may contain only letters/],
    ["émile", /may contain only letters/],
    ["a".repeat(65), /must be at most 64 characters/],
  ])("refuses %j with BAD_REQUEST naming the rule", async (name, message) => {
    const before = await allNodes();
    const error = await rejection(callerAs(alice).myNodes.rename({ nodeId: ids.storage, name }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrors(error).name?.join(" ")).toMatch(message);
    expect(await allNodes()).toEqual(before);
  });

  it("accepts a 64-character name", async () => {
    const name = "b".repeat(64);
    expect((await callerAs(alice).myNodes.rename({ nodeId: ids.storage, name })).name).toBe(name);
  });
});

describe("myNodes.changeEndpoint", () => {
  it("stores the vetted, normalized URL", async () => {
    const result = await callerAs(alice).myNodes.changeEndpoint({
      nodeId: ids.relay,
      endpointUrl: "HTTPS://8.8.8.8:8443/plenum",
    });
    expect(result.endpointUrl).toBe(PUBLIC_ENDPOINT);
    const stored = await database.db.node.findUniqueOrThrow({
      where: { id: ids.relay },
      select: { endpointUrl: true },
    });
    expect(stored.endpointUrl).toBe(PUBLIC_ENDPOINT);
  });

  it.each([
    ["http://8.8.8.8/plenum", /https/i],
    ["https://127.0.0.1/plenum", /loopback/i],
    ["https://10.1.2.3/plenum", /private/i],
    ["https://user:pw@8.8.8.8/plenum", /user|password|credential/i],
  ])("refuses %s with UNPROCESSABLE naming the rule", async (endpointUrl, message) => {
    const before = await allNodes();
    const error = await rejection(callerAs(alice).myNodes.changeEndpoint({ nodeId: ids.relay, endpointUrl }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toMatch(message);
    expect(await allNodes()).toEqual(before);
  });

  it("refuses an empty URL with BAD_REQUEST naming the field", async () => {
    const error = await rejection(
      callerAs(alice).myNodes.changeEndpoint({ nodeId: ids.relay, endpointUrl: " " }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrors(error).endpointUrl?.join(" ")).toMatch(/must not be empty/);
  });

  it("accepts a loopback endpoint only when private endpoints are allowed", async () => {
    await expect(
      changeNodeEndpoint(database.db, {
        operatorId: alice.id,
        nodeId: ids.relay,
        endpointUrl: "http://127.0.0.1:9000/plenum",
        allowPrivate: false,
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    const result = await changeNodeEndpoint(database.db, {
      operatorId: alice.id,
      nodeId: ids.relay,
      endpointUrl: "http://127.0.0.1:9000/plenum",
      allowPrivate: true,
    });
    expect(result.endpointUrl).toBe("http://127.0.0.1:9000/plenum");
  });
});

describe("myNodes.retire", () => {
  it("marks the node Gone for good: a second retire, a rename and an endpoint change are CONFLICT", async () => {
    const retired = await callerAs(alice).myNodes.retire({ nodeId: ids.relay });
    expect(retired).toMatchObject({ id: ids.relay, status: "Gone" });
    const before = await allNodes();
    for (const call of [
      () => callerAs(alice).myNodes.retire({ nodeId: ids.relay }),
      () => callerAs(alice).myNodes.rename({ nodeId: ids.relay, name: "back-again" }),
      () => callerAs(alice).myNodes.changeEndpoint({ nodeId: ids.relay, endpointUrl: PUBLIC_ENDPOINT }),
    ]) {
      const error = await rejection(call());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/retired \(Gone\).*enrol it as a new node/);
    }
    expect(await allNodes()).toEqual(before);
  });
});

describe("rate limit on node changes", () => {
  it("refuses the change after the limit in a minute with TOO_MANY_REQUESTS, other operators unaffected", async () => {
    const carolsNode = await createNode(carol.id, { name: "carol-1" });
    const at = new Date("2026-11-26T00:00:00.000Z");
    for (let index = 0; index < RATE_LIMITS.nodeChange.limit; index += 1) {
      await callerAs(carol, at).myNodes.rename({ nodeId: carolsNode, name: `carol-${index}` });
    }
    const error = await rejection(
      callerAs(carol, at).myNodes.rename({ nodeId: carolsNode, name: "one-more" }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/Try again in \d+ seconds/);
    const stored = await database.db.node.findUniqueOrThrow({
      where: { id: carolsNode },
      select: { name: true },
    });
    expect(stored.name).toBe(`carol-${RATE_LIMITS.nodeChange.limit - 1}`);
    await expect(
      callerAs(bob, at).myNodes.rename({ nodeId: ids.bobs, name: "bob-2" }),
    ).resolves.toMatchObject({
      name: "bob-2",
    });
    const nextMinute = new Date(at.getTime() + 61_000);
    await expect(
      callerAs(carol, nextMinute).myNodes.rename({ nodeId: carolsNode, name: "later" }),
    ).resolves.toMatchObject({ name: "later" });
  });
});

describe("nodes.byId (public)", () => {
  it("shows the public view to anyone, without endpoint, secret or key", async () => {
    const node = await callerAs(null).nodes.byId({ nodeId: ids.bobs });
    expect(Object.keys(node).sort()).toEqual(
      [
        "createdAt",
        "id",
        "keyFingerprint",
        "lastSeenAt",
        "name",
        "operatorName",
        "region",
        "reportedConfigVersion",
        "status",
      ].sort(),
    );
    expect(node).toMatchObject({ id: ids.bobs, operatorName: "Bob", status: "Active" });
    expect(node.keyFingerprint).toMatch(/^SHA256:[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(JSON.stringify(node)).not.toContain("9.9.9.9");
    expect(JSON.stringify(node)).not.toContain("whsec_");
  });

  it("answers NOT_FOUND with a message pointing to the node list", async () => {
    const error = await rejection(callerAs(null).nodes.byId({ nodeId: "no-such-node" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toMatch(/node list/);
  });
});
