import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/server/platform/auth";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { handleTrpcRequest } from "./handle-trpc-request";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

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
