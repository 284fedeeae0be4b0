import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/server/platform/auth";
import { getSessionOperator } from "@/lib/server/identity/session-queries";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { handleAuthRequest } from "./handle-auth-request";

const ORIGIN = "http://localhost:3000";
const SESSION_COOKIE = "__Secure-better-auth.session_token";
const NOW = new Date("2026-11-25T12:00:00.000Z");

let database: TestDatabase;
let auth: Auth;

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth(database.db, {
    publicUrl: ORIGIN,
    secret: "test-secret-test-secret-test-secret-0123",
    isSecureCookies: true,
  });
});
afterAll(async () => {
  await database.drop();
});

interface Call {
  path: string;
  body?: Record<string, unknown>;
  cookie?: string;
  clientIp?: string;
  now?: Date;
  method?: string;
}

function call({ path, body, cookie, clientIp = "203.0.113.5", now = NOW, method }: Call): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  if (body) headers.set("content-type", "application/json");
  if (cookie) headers.set("cookie", cookie);
  const request = new Request(`${ORIGIN}/api/auth${path}`, {
    method: method ?? (body ? "POST" : "GET"),
    headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  return handleAuthRequest(database.db, auth, request, { clientIp, now });
}

/** `name=value` of the session cookie a response sets, with its attributes checked. */
function sessionCookieFrom(response: Response): string {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  expect(line).toMatch(/; HttpOnly/i);
  expect(line).toMatch(/; Secure/i);
  expect(line).toMatch(/; SameSite=Lax/i);
  return line.split(";")[0]!;
}

function sessionOf(cookie: string) {
  return getSessionOperator(database.db, new Headers({ cookie }), { auth });
}

describe("operator accounts through the auth route", () => {
  const email = "ada@example.test";
  const firstPassword = "correct horse battery";
  const secondPassword = "staple-and-more-words";

  it("signs up, signs in with a fresh session token, changes password and signs out", async () => {
    const signUp = await call({
      path: "/sign-up/email",
      body: { name: "Ada", email, password: firstPassword },
    });
    expect(signUp.status).toBe(200);
    const signUpCookie = sessionCookieFrom(signUp);

    const operator = await sessionOf(signUpCookie);
    expect(operator).toMatchObject({ displayName: "Ada", email, role: "operator" });

    const stored = await database.db.account.findFirstOrThrow({
      where: { operatorId: operator!.id },
      select: { providerId: true, password: true },
    });
    expect(stored.providerId).toBe("credential");
    expect(stored.password).not.toContain(firstPassword);
    expect(stored.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);

    const signIn = await call({ path: "/sign-in/email", body: { email, password: firstPassword } });
    expect(signIn.status).toBe(200);
    const signInCookie = sessionCookieFrom(signIn);
    expect(signInCookie).not.toBe(signUpCookie);
    expect((await sessionOf(signInCookie))?.id).toBe(operator!.id);

    const change = await call({
      path: "/change-password",
      cookie: signInCookie,
      body: { currentPassword: firstPassword, newPassword: secondPassword, revokeOtherSessions: true },
    });
    expect(change.status).toBe(200);
    const afterChangeCookie = sessionCookieFrom(change);
    expect(await sessionOf(signUpCookie)).toBeNull();

    const oldPassword = await call({ path: "/sign-in/email", body: { email, password: firstPassword } });
    expect(oldPassword.status).toBe(401);
    const newPassword = await call({ path: "/sign-in/email", body: { email, password: secondPassword } });
    expect(newPassword.status).toBe(200);

    const signOut = await call({ path: "/sign-out", cookie: afterChangeCookie, body: {} });
    expect(signOut.status).toBe(200);
    expect(await sessionOf(afterChangeCookie)).toBeNull();
  });

  it("refuses a password shorter than 10 characters and ignores a role in the sign-up body", async () => {
    const short = await call({
      path: "/sign-up/email",
      body: { name: "Bob", email: "bob@example.test", password: "short" },
      clientIp: "198.51.100.20",
    });
    expect(short.status).toBe(400);

    const sneaky = await call({
      path: "/sign-up/email",
      body: { name: "Eve", email: "eve@example.test", password: "long enough password", role: "admin" },
      clientIp: "198.51.100.20",
    });
    expect(sneaky.status).toBe(200);
    const eve = await database.db.operator.findUniqueOrThrow({
      where: { email: "eve@example.test" },
      select: { role: true },
    });
    expect(eve.role).toBe("operator");
  });

  it("answers the 11th sign-in attempt in a minute with 429 and Retry-After, per account and per address", async () => {
    const attempt = (target: string, clientIp: string, now = NOW) =>
      call({ path: "/sign-in/email", body: { email: target, password: "wrong password!" }, clientIp, now });

    for (let i = 0; i < 10; i += 1) {
      expect((await attempt("victim@example.test", `192.0.2.${i + 1}`)).status).toBe(401);
    }
    const limited = await attempt("victim@example.test", "192.0.2.99", new Date(NOW.getTime() + 15_000));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(await limited.json()).toEqual({
      error: { code: "RATE_LIMITED", message: "Too many sign-in attempts. Try again in 45 seconds." },
    });
    expect((await attempt("someone-else@example.test", "192.0.2.99")).status).toBe(401);

    for (let i = 0; i < 10; i += 1) {
      expect((await attempt(`guess${i}@example.test`, "198.51.100.7")).status).toBe(401);
    }
    expect((await attempt("guess-more@example.test", "198.51.100.7")).status).toBe(429);
    expect((await attempt("guess-more@example.test", "198.51.100.8")).status).toBe(401);
    expect(
      (await attempt("guess-more@example.test", "198.51.100.7", new Date(NOW.getTime() + 60_000))).status,
    ).toBe(401);
  });

  it("limits sign-up to 10 a minute per address", async () => {
    const signUp = (i: number, clientIp: string) =>
      call({
        path: "/sign-up/email",
        body: { name: `N${i}`, email: `n${i}-${clientIp}@example.test`, password: "x" },
        clientIp,
      });
    for (let i = 0; i < 10; i += 1) expect((await signUp(i, "203.0.113.77")).status).toBe(400);
    const limited = await signUp(10, "203.0.113.77");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await signUp(11, "203.0.113.78")).status).toBe(400);
  });

  it("refuses a cookie-carrying request from another site", async () => {
    const signIn = await call({
      path: "/sign-in/email",
      body: { email, password: "staple-and-more-words" },
      clientIp: "203.0.113.200",
    });
    const cookie = sessionCookieFrom(signIn);
    const request = new Request(`${ORIGIN}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    const response = await handleAuthRequest(database.db, auth, request, {
      clientIp: "203.0.113.200",
      now: NOW,
    });
    expect(response.status).toBe(403);
    expect(await sessionOf(cookie)).not.toBeNull();
  });
});

describe("what a sign-up or sign-in may carry (issue #19: display names and email lengths)", () => {
  const password = "a long enough password";
  const FIVE_MIB = 5 * 1024 * 1024;
  let nextAddress = 0;
  /** A fresh client address per attempt, so the sign-up rate limit never answers first. */
  const freshIp = () => `100.64.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

  const signUp = (name: unknown, email: string) =>
    call({ path: "/sign-up/email", body: { name, email, password }, clientIp: freshIp() });

  async function expectRefused(response: Response, field: "name" | "email", message: RegExp) {
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code?: string; field?: string; message?: string };
    expect(body.field).toBe(field);
    expect(body.message).toMatch(message);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith(SESSION_COOKIE))).toBe(false);
  }

  const storedCount = (email: string) => database.db.operator.count({ where: { email } });

  it.each([
    ["a 5 MiB name", "x".repeat(FIVE_MIB), /^Display name is at most 60 characters/],
    [
      "a bidi-override name",
      "\u202enimda Steve",
      /^Display name must not contain invisible or text-direction/,
    ],
    ["a name that claims a role", "Petra Novakova (steward)", /^Display name must not claim a role/],
    ["a name with a newline", "Petra\nNovakova", /^Display name must be one line/],
    ["an empty name", "   ", /^Display name is required: 1 to 60 characters/],
  ])("refuses %s with 400 naming the field, and stores nothing", async (label, name, message) => {
    const email = `refused-${label.replaceAll(" ", "-")}@example.test`;
    await expectRefused(await signUp(name, email), "name", message);
    expect(await storedCount(email)).toBe(0);
  });

  it("refuses a 65-character local part at sign-up and at sign-in, and stores nothing", async () => {
    const email = `${"x".repeat(65)}@example.test`;
    await expectRefused(
      await signUp("Long Local", email),
      "email",
      /^Email: the part before the @ is at most 64 characters \(this one has 65\)/,
    );
    expect(await storedCount(email)).toBe(0);

    await expectRefused(
      await call({ path: "/sign-in/email", body: { email, password }, clientIp: freshIp() }),
      "email",
      /^Email: the part before the @ is at most 64 characters/,
    );
    const huge = `${"y".repeat(FIVE_MIB)}@example.test`;
    await expectRefused(
      await call({ path: "/sign-in/email", body: { email: huge, password }, clientIp: freshIp() }),
      "email",
      /^Email is at most 254 characters/,
    );
    const buckets = await database.db.rateLimitBucket.findMany({ select: { key: true } });
    expect(buckets.filter(({ key }) => key.length > 300)).toEqual([]);
  });

  it("accepts a 64-character local part", async () => {
    const email = `${"z".repeat(64)}@example.test`;
    expect((await signUp("Max Local", email)).status).toBe(200);
    expect(await storedCount(email)).toBe(1);
  });

  it("stores a normal name as typed and a decomposed Zoë in NFC, spaces collapsed", async () => {
    expect((await signUp("Petra Nováková", "petra@example.test")).status).toBe(200);
    expect((await signUp("  Zoe\u0308   Martin ", "zoe@example.test")).status).toBe(200);
    const stored = await database.db.operator.findMany({
      where: { email: { in: ["petra@example.test", "zoe@example.test"] } },
      select: { email: true, displayName: true },
      orderBy: { email: "asc" },
    });
    expect(stored).toEqual([
      { email: "petra@example.test", displayName: "Petra Nováková" },
      { email: "zoe@example.test", displayName: "Zo\u00eb Martin" },
    ]);
  });

  it("holds the same rule when a signed-in operator renames themselves", async () => {
    const email = "renamer@example.test";
    const cookie = sessionCookieFrom(await signUp("Renamer", email));
    const claim = await call({ path: "/update-user", cookie, body: { name: "Renamer [admin]" } });
    await expectRefused(claim, "name", /^Display name must not claim a role/);
    const rename = await call({ path: "/update-user", cookie, body: { name: "Re\u0301my" } });
    expect(rename.status).toBe(200);
    const stored = await database.db.operator.findUniqueOrThrow({
      where: { email },
      select: { displayName: true },
    });
    expect(stored.displayName).toBe("R\u00e9my");
  });
});
