import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAuth, type Auth } from "@/lib/server/platform/auth";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc/batch-limit";
import { handleTrpcRequest } from "./handle-trpc-request";
import { bootstrapTestPlatform, TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

const ORIGIN = "http://localhost:3000";

let database: TestDatabase;
let auth: Auth;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth(database.db, {
    publicUrl: ORIGIN,
    secret: "test-secret-test-secret-test-secret-0123",
    isSecureCookies: false,
  });
  const signUp = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ name: "Grace", email: "grace@example.test", password: "long enough password" }),
    }),
  );
  cookie = signUp.headers.getSetCookie()[0]!.split(";")[0]!;
});
afterAll(async () => {
  await database.drop();
});

function createToken(headers: Record<string, string>): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/trpc/enrolmentTokens.create`, {
    method: "POST",
    headers: { "content-type": "application/json", host: "localhost:3000", cookie, ...headers },
    body: JSON.stringify(superjson.serialize({ label: "from a test", maxUses: 1, expiresInHours: 1 })),
  });
  return handleTrpcRequest(database.db, request, {
    auth,
    clientIp: "203.0.113.5",
    settings: TEST_REQUEST_SETTINGS,
  });
}

describe("tRPC over HTTP", () => {
  it("puts the session's operator in the context", async () => {
    const request = new Request(`${ORIGIN}/api/trpc/account.me`, { headers: { cookie } });
    const response = await handleTrpcRequest(database.db, request, {
      auth,
      clientIp: "203.0.113.5",
      settings: TEST_REQUEST_SETTINGS,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
    expect(superjson.deserialize(body.result.data)).toMatchObject({
      displayName: "Grace",
      email: "grace@example.test",
      role: "operator",
    });
  });

  it("answers anonymous callers of an operator procedure with 401", async () => {
    const request = new Request(`${ORIGIN}/api/trpc/enrolmentTokens.list`);
    const response = await handleTrpcRequest(database.db, request, {
      auth,
      clientIp: "203.0.113.5",
      settings: TEST_REQUEST_SETTINGS,
    });
    expect(response.status).toBe(401);
  });

  it("runs a mutation from our own origin", async () => {
    expect((await createToken({ origin: ORIGIN, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await createToken({})).status).toBe(200);
    expect(await database.db.enrolmentToken.count()).toBe(2);
  });

  it.each([
    ["another Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["an Origin on another port", { origin: "http://localhost:4000" }],
  ])("refuses a mutation with %s before it runs", async (_name, headers) => {
    const before = await database.db.enrolmentToken.count();
    const response = await createToken(headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await database.db.enrolmentToken.count()).toBe(before);
  });

  it("answers a rate-limited procedure with 429 and Retry-After, in the policy's words", async () => {
    const { limit } = RATE_LIMITS.enrolmentTokenCreate;
    const used = await database.db.enrolmentToken.count();
    for (let index = used; index < limit; index += 1) {
      expect((await createToken({ origin: ORIGIN })).status).toBe(200);
    }
    const refused = await createToken({ origin: ORIGIN });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(RATE_LIMITS.enrolmentTokenCreate.windowMs / 1000);
    expect(JSON.stringify(await refused.json())).toContain(
      `You created ${limit} enrolment tokens in the last hour, the most allowed.`,
    );
  });
});

/** One GET batching `count` calls of `path` (superjson inputs, as httpBatchLink sends them). */
function batchedGet(path: string, count: number, input?: unknown): Request {
  const paths = Array.from({ length: count }, () => path).join(",");
  const inputs = Object.fromEntries(
    Array.from({ length: count }, (_, index) => [index, superjson.serialize(input)]),
  );
  const query = input === undefined ? "" : `&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  return new Request(`${ORIGIN}/api/trpc/${paths}?batch=1${query}`);
}

describe("tRPC over HTTP: batches and the public dashboard", () => {
  const statsNow = new Date("2026-11-25T12:00:00.000Z");
  beforeAll(() => bootstrapTestPlatform(database.db, statsNow));

  function send(request: Request, { clientIp, now }: { clientIp: string; now: () => Date }) {
    return handleTrpcRequest(database.db, request, { auth, clientIp, settings: TEST_REQUEST_SETTINGS, now });
  }

  it(`refuses a GET batching more than ${TRPC_MAX_BATCH_SIZE} calls with 400 before any procedure runs`, async () => {
    const now = vi.fn(() => statsNow);
    const response = await send(batchedGet("stats.dashboard", 40, { range: "all" }), {
      clientIp: "198.51.100.40",
      now,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "BAD_INPUT",
        message: `This request batches 40 procedure calls; at most ${TRPC_MAX_BATCH_SIZE} are allowed in one request. Send them in smaller batches.`,
      },
    });
    expect(now).not.toHaveBeenCalled();
    expect(await database.db.rateLimitBucket.count({ where: { key: { contains: "198.51.100.40" } } })).toBe(
      0,
    );
  });

  it("counts the calls of a batch whose commas are percent-encoded", async () => {
    const now = vi.fn(() => statsNow);
    const paths = Array.from({ length: TRPC_MAX_BATCH_SIZE + 1 }, () => "stats.headline").join("%2C");
    const response = await send(new Request(`${ORIGIN}/api/trpc/${paths}?batch=1`), {
      clientIp: "198.51.100.41",
      now,
    });
    expect(response.status).toBe(400);
    expect(now).not.toHaveBeenCalled();
  });

  it("serves a batch at the cap, computing the dashboard once for all its identical calls", async () => {
    const countNodes = vi.spyOn(database.db.node, "count");
    try {
      const response = await send(batchedGet("stats.dashboard", TRPC_MAX_BATCH_SIZE, { range: "30d" }), {
        clientIp: "198.51.100.10",
        now: () => statsNow,
      });
      expect(response.status).toBe(200);
      const results = (await response.json()) as {
        result: { data: Parameters<typeof superjson.deserialize>[0] };
      }[];
      expect(results).toHaveLength(TRPC_MAX_BATCH_SIZE);
      for (const result of results) {
        expect(superjson.deserialize(result.result.data)).toMatchObject({
          range: "30d",
          to: statsNow.toISOString(),
        });
      }
      expect(countNodes).toHaveBeenCalledTimes(1);
    } finally {
      countNodes.mockRestore();
    }
  });

  it("answers a client over the public dashboard limit with 429 and Retry-After, other addresses unaffected", async () => {
    const { limit, windowMs } = RATE_LIMITS.publicStatsPerAddress;
    const clock = { now: () => statsNow };
    for (let sent = 0; sent < limit; sent += TRPC_MAX_BATCH_SIZE) {
      const calls = Math.min(TRPC_MAX_BATCH_SIZE, limit - sent);
      expect(
        (await send(batchedGet("stats.headline", calls), { clientIp: "198.51.100.60", ...clock })).status,
      ).toBe(200);
    }
    const refused = await send(new Request(`${ORIGIN}/api/trpc/stats.headline`), {
      clientIp: "198.51.100.60",
      ...clock,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(windowMs / 1000));
    expect(JSON.stringify(await refused.json())).toContain(
      `Too many network statistics requests from your address (at most ${limit} a minute).`,
    );
    const other = await send(new Request(`${ORIGIN}/api/trpc/stats.headline`), {
      clientIp: "198.51.100.61",
      ...clock,
    });
    expect(other.status).toBe(200);
  });
});
