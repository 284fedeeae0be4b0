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

/** Every delay the handler asked for, in order: slow-downs are read here, never timed. */
const waits: number[] = [];
const wait = (ms: number) => {
  waits.push(ms);
  return Promise.resolve();
};

interface Call {
  path: string;
  body?: Record<string, unknown>;
  /** Sent as is instead of `body` as JSON; the content type is left to the body when not given. */
  raw?: { body: BodyInit; contentType?: string };
  cookie?: string;
  clientIp?: string;
  now?: Date;
  method?: string;
}

function call({
  path,
  body,
  raw,
  cookie,
  clientIp = "203.0.113.5",
  now = NOW,
  method,
}: Call): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  if (body) headers.set("content-type", "application/json");
  if (raw?.contentType) headers.set("content-type", raw.contentType);
  if (cookie) headers.set("cookie", cookie);
  const request = new Request(`${ORIGIN}/api/auth${path}`, {
    method: method ?? (body || raw ? "POST" : "GET"),
    headers,
    body: raw ? raw.body : body ? JSON.stringify(body) : undefined,
  });
  return handleAuthRequest(database.db, auth, request, { clientIp, now, wait });
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
      wait,
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

describe("sign-in limits (issue #19 item 4): per account and address, per address, slow-down per account", () => {
  const password = "the owner's own password";
  const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
  const signIn = (email: string, clientIp: string, now: Date, attempt = "a wrong password!") =>
    call({ path: "/sign-in/email", body: { email, password: attempt }, clientIp, now });
  async function signUpOwner(email: string) {
    const response = await call({
      path: "/sign-up/email",
      body: { name: "Owner", email, password },
      clientIp: "198.18.255.1",
    });
    expect(response.status).toBe(200);
  }

  it("refuses a form-encoded or multipart sign-in with 415, so no body form escapes the per-account limit", async () => {
    const email = "form-owner@example.test";
    await signUpOwner(email);
    const form = (secret: string) => new URLSearchParams({ email, password: secret }).toString();
    for (let i = 0; i < 15; i += 1) {
      const flood = await call({
        path: "/sign-in/email",
        raw: { body: form("a wrong password!"), contentType: "application/x-www-form-urlencoded" },
        clientIp: `198.18.1.${i + 1}`,
      });
      expect(flood.status).toBe(415);
      expect(flood.headers.getSetCookie()).toEqual([]);
    }
    const right = await call({
      path: "/sign-in/email",
      raw: { body: form(password), contentType: "application/x-www-form-urlencoded; charset=UTF-8" },
      clientIp: "198.18.1.200",
    });
    expect(right.status).toBe(415);
    expect(await right.json()).toEqual({
      error: {
        code: "BAD_INPUT",
        message:
          "Send the sign-in as JSON (content-type: application/json), as Plenum's sign-in page does; other body forms are refused.",
      },
    });
    const multipart = new FormData();
    multipart.set("email", email);
    multipart.set("password", password);
    const viaMultipart = await call({
      path: "/sign-in/email",
      raw: { body: multipart },
      clientIp: "198.18.1.201",
    });
    expect(viaMultipart.status).toBe(415);
    const signUpForm = await call({
      path: "/sign-up/email",
      raw: {
        body: new URLSearchParams({ name: "Form", email: "form-new@example.test", password }).toString(),
        contentType: "application/x-www-form-urlencoded",
      },
      clientIp: "198.18.1.202",
    });
    expect(signUpForm.status).toBe(415);
    expect(await database.db.operator.count({ where: { email: "form-new@example.test" } })).toBe(0);

    const json = await call({
      path: "/sign-in/email",
      raw: { body: JSON.stringify({ email, password }), contentType: "Application/JSON; charset=utf-8" },
      clientIp: "198.18.1.203",
    });
    expect(json.status).toBe(200);
  });

  it("refuses the 11th wrong password in a minute from one address for one account, not from another address", async () => {
    const email = "pair@example.test";
    for (let i = 0; i < 10; i += 1) expect((await signIn(email, "198.18.2.1", NOW)).status).toBe(401);
    const limited = await signIn(email, "198.18.2.1", at(15));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(await limited.json()).toEqual({
      error: {
        code: "RATE_LIMITED",
        message:
          "Too many wrong passwords for this account from your address. Try again in 45 seconds; or sign in from another device or network.",
      },
    });
    expect((await signIn(email, "198.18.2.2", at(15))).status).toBe(401);
    expect((await signIn(email, "198.18.2.1", at(60))).status).toBe(401);
  });

  it("counts only failed sign-ins against the account: the owner signing in 15 times a minute is never refused", async () => {
    const email = "busy-owner@example.test";
    await signUpOwner(email);
    for (let i = 0; i < 15; i += 1) {
      expect((await signIn(email, "198.18.3.1", NOW, password)).status).toBe(200);
    }
  });

  it("an attacker at address A sending 50 wrong passwords cannot stop the victim signing in from address B", async () => {
    const email = "victim-b@example.test";
    await signUpOwner(email);
    // 50 guesses paced at 10 a minute: each one reaches the password check.
    for (let i = 0; i < 50; i += 1) expect((await signIn(email, "198.18.4.1", at(i * 6))).status).toBe(401);
    // 10 more at once: refused for address A, with Retry-After.
    for (let i = 0; i < 10; i += 1) await signIn(email, "198.18.4.1", at(300));
    const refused = await signIn(email, "198.18.4.1", at(300));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    waits.length = 0;
    const victim = await signIn(email, "198.18.4.2", at(301), password);
    expect(victim.status).toBe(200);
    sessionCookieFrom(victim);
    // The victim is slowed down (the answer held for at most 10 seconds), never refused.
    expect(waits).toEqual([10_000]);
  }, 120_000); // 50 password hashes: room on a busy machine

  it("slows the account's sign-ins down after 10 failures from anywhere, the wait doubling up to 10 seconds", async () => {
    const email = "slowed@example.test";
    waits.length = 0;
    for (let i = 0; i < 10; i += 1) expect((await signIn(email, `198.18.5.${i + 1}`, NOW)).status).toBe(401);
    expect(waits).toEqual([]);
    for (let i = 0; i < 6; i += 1) expect((await signIn(email, `198.18.6.${i + 1}`, NOW)).status).toBe(401);
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    // The account's window is 15 minutes: after it, no wait.
    waits.length = 0;
    expect((await signIn(email, "198.18.6.200", at(15 * 60))).status).toBe(401);
    expect(waits).toEqual([]);
  });

  it("still refuses a flood across many e-mails from one address: the 31st sign-in in a minute", async () => {
    for (let i = 0; i < 30; i += 1) {
      expect((await signIn(`spray${i}@example.test`, "198.18.7.1", NOW)).status).toBe(401);
    }
    const limited = await signIn("spray-more@example.test", "198.18.7.1", at(20));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("40");
    expect(await limited.json()).toEqual({
      error: {
        code: "RATE_LIMITED",
        message: "Too many sign-in attempts from your address. Try again in 40 seconds.",
      },
    });
    expect((await signIn("spray-more@example.test", "198.18.7.2", at(20))).status).toBe(401);
    expect((await signIn("spray-more@example.test", "198.18.7.1", at(60))).status).toBe(401);
  });
});
