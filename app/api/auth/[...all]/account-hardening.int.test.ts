/**
 * Hardening item 11, accounts: password strength at sign-up and password change, TOTP two-factor
 * sign-in with backup codes and its limits, and sign-up answers that do not say an e-mail is
 * registered. Real Better Auth over a real test database, through Plenum's auth route.
 */
import { createHmac } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIGN_UP_REFUSED_MESSAGE } from "@/lib/schemas/operator-account";
import { credentialAccountRow } from "@/lib/server/identity/create-operator-account";
import { getSessionOperator } from "@/lib/server/identity/session-queries";
import { getTwoFactorStatus } from "@/lib/server/identity/two-factor-queries";
import { createAuth, type Auth } from "@/lib/server/platform/auth";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { handleAuthRequest } from "./handle-auth-request";

const ORIGIN = "http://localhost:3000";
const SESSION_COOKIE = "__Secure-better-auth.session_token";
const TWO_FACTOR_COOKIE = "__Secure-better-auth.two_factor";

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

const waits: number[] = [];
let nextAddress = 0;
/** A fresh client address, so limits from one test never answer in another. */
const freshIp = () => `100.72.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

interface Call {
  path: string;
  body?: Record<string, unknown>;
  cookie?: string;
  clientIp?: string;
  origin?: string;
}

// Two-factor codes and their cookies follow the real clock, so the limits do too here.
function call({ path, body = {}, cookie, clientIp = "203.0.113.9", origin = ORIGIN }: Call) {
  const headers = new Headers({ origin, "content-type": "application/json" });
  if (cookie) headers.set("cookie", cookie);
  const request = new Request(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const wait = (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  };
  return handleAuthRequest(database.db, auth, request, { clientIp, now: new Date(), wait });
}

/** `name=value` of the cookie `name` the response sets, or null. */
function cookieFrom(response: Response, name: string): string | null {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  const pair = line?.split(";")[0] ?? null;
  return pair && pair !== `${name}=` ? pair : null;
}

function sessionOf(cookie: string) {
  return getSessionOperator(database.db, new Headers({ cookie }), { auth });
}

async function signUp(email: string, password: string, name = "Tester") {
  const response = await call({
    path: "/sign-up/email",
    body: { name, email, password },
    clientIp: freshIp(),
  });
  expect(response.status).toBe(200);
  return { cookie: cookieFrom(response, SESSION_COOKIE)! };
}

// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), written here from the RFC, not the plugin.
function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

function totpCode(key: Buffer, atMs = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/** A 6-digit code no authenticator shows now (outside the ±1 step window). */
function wrongCode(key: Buffer): string {
  const valid = new Set([-1, 0, 1].map((step) => totpCode(key, Date.now() + step * 30_000)));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

describe("password strength (zxcvbn-ts): sign-up and password change refuse guessable passwords", () => {
  it("refuses password12 at sign-up with a 400 naming `password` and saying why in words", async () => {
    const email = "weak@example.test";
    const response = await call({
      path: "/sign-up/email",
      body: { name: "Weak", email, password: "password12" },
      clientIp: freshIp(),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; field: string; message: string };
    expect(body).toMatchObject({ code: "BAD_INPUT", field: "password" });
    expect(body.message).toMatch(
      /^This password is too easy to guess \(.*\)\. This is a commonly used password\./,
    );
    expect(cookieFrom(response, SESSION_COOKIE)).toBeNull();
    expect(await database.db.operator.count({ where: { email } })).toBe(0);
  });

  it("counts the e-mail, the display name and Plenum as guessable", async () => {
    const byName = await call({
      path: "/sign-up/email",
      body: { name: "Quillon Brastewick", email: "q@example.test", password: "quillonbrastewick" },
      clientIp: freshIp(),
    });
    expect(byName.status).toBe(400);
    expect(await byName.json()).toMatchObject({ field: "password" });
    const byEmail = await call({
      path: "/sign-up/email",
      body: { name: "Petra", email: "petra.novakova@example.test", password: "petranovakova" },
      clientIp: freshIp(),
    });
    expect(byEmail.status).toBe(400);
    // The same password is fine for someone whose name and e-mail it does not contain.
    await signUp("someone.else@example.test", "petranovakova", "Someone Else");
  });

  it("refuses a weak new password at password change (400 naming `newPassword`), keeping the old one", async () => {
    const email = "changer@example.test";
    const { cookie } = await signUp(email, "correct horse battery", "Changer");
    const weak = await call({
      path: "/change-password",
      cookie,
      body: {
        currentPassword: "correct horse battery",
        newPassword: "changer2026",
        revokeOtherSessions: true,
      },
    });
    expect(weak.status).toBe(400);
    const body = (await weak.json()) as { field: string; message: string };
    expect(body.field).toBe("newPassword");
    expect(body.message).toMatch(/^This password is too easy to guess/);
    const signIn = await call({
      path: "/sign-in/email",
      body: { email, password: "correct horse battery" },
      clientIp: freshIp(),
    });
    expect(signIn.status).toBe(200);
  });

  it("limits password changes per address, so a stolen session cannot guess the current password", async () => {
    const { cookie } = await signUp("guessed@example.test", "correct horse battery", "Guessed");
    const address = freshIp();
    for (let guess = 0; guess < 10; guess += 1) {
      const wrong = await call({
        path: "/change-password",
        cookie,
        body: { currentPassword: `wrong guess ${guess}`, newPassword: "a much longer new passphrase" },
        clientIp: address,
      });
      expect(wrong.status).toBe(400);
    }
    const limited = await call({
      path: "/change-password",
      cookie,
      body: { currentPassword: "correct horse battery", newPassword: "a much longer new passphrase" },
      clientIp: address,
    });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many password changes from your address\./,
    );
    // The right password was never tried: the old one still signs in.
    const signIn = await call({
      path: "/sign-in/email",
      body: { email: "guessed@example.test", password: "correct horse battery" },
      clientIp: freshIp(),
    });
    expect(signIn.status).toBe(200);
  });

  it("never checks strength at sign-in: an account with an old weak password still signs in", async () => {
    const email = "legacy@example.test";
    const now = new Date();
    const operator = await database.db.operator.create({
      data: { email, displayName: "Legacy", createdAt: now, updatedAt: now },
    });
    await database.db.account.create({
      data: credentialAccountRow(operator.id, await hashPassword("password12"), now),
    });
    const signIn = await call({
      path: "/sign-in/email",
      body: { email, password: "password12" },
      clientIp: freshIp(),
    });
    expect(signIn.status).toBe(200);
    expect(cookieFrom(signIn, SESSION_COOKIE)).not.toBeNull();
  });
});

describe("sign-up does not say an e-mail is registered", () => {
  const email = "taken@example.test";
  const password = "a long enough password";

  beforeAll(async () => {
    await signUp(email, password, "Taken");
  });

  it("answers a registered e-mail with the generic 400, in the shape of every other refusal, and no session", async () => {
    const again = await call({
      path: "/sign-up/email",
      body: { name: "Someone", email: "Taken@Example.test", password: "another fine passphrase" },
      clientIp: freshIp(),
    });
    expect(again.status).toBe(400);
    const text = await again.text();
    expect(text).not.toMatch(/registered|exists|in use|taken/i);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toEqual({ code: "BAD_INPUT", field: "email", message: SIGN_UP_REFUSED_MESSAGE });
    expect(cookieFrom(again, SESSION_COOKIE)).toBeNull();

    const otherRefusal = await call({
      path: "/sign-up/email",
      body: { name: "Petra (steward)", email: "fresh@example.test", password },
      clientIp: freshIp(),
    });
    expect(otherRefusal.status).toBe(again.status);
    expect(Object.keys((await otherRefusal.json()) as object).sort()).toEqual(Object.keys(body).sort());
    expect(await database.db.operator.count({ where: { email } })).toBe(1);
  });

  it("hashes the password on that path too, so it answers about as slowly as a real sign-up", async () => {
    // Counted, not timed: the refusal does the one expensive step a real sign-up does.
    const context = await auth.$context;
    const hash = context.password.hash;
    const hashed: string[] = [];
    context.password.hash = (candidate: string) => {
      hashed.push(candidate);
      return hash(candidate);
    };
    try {
      const refused = await call({
        path: "/sign-up/email",
        body: { name: "Again", email, password },
        clientIp: freshIp(),
      });
      expect(refused.status).toBe(400);
    } finally {
      context.password.hash = hash;
    }
    // Better Auth's own answer (422 USER_ALREADY_EXISTS) comes back before any hashing.
    expect(hashed).toEqual([password]);
  });

  it("turns a 422 that still reaches the route (two sign-ups racing for one new e-mail) into the same 400", async () => {
    const racing = {
      ...auth,
      handler: async () =>
        Response.json(
          { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists." },
          { status: 422 },
        ),
    } as unknown as Auth;
    const request = new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ name: "Racer", email: "racer@example.test", password }),
    });
    const response = await handleAuthRequest(database.db, racing, request, {
      clientIp: freshIp(),
      now: new Date(),
      wait: async () => undefined,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: "BAD_INPUT",
      field: "email",
      message: SIGN_UP_REFUSED_MESSAGE,
    });
  });
});

describe("TOTP two-factor sign-in (Better Auth's twoFactor plugin)", () => {
  const email = "steward.two@example.test";
  const password = "staple-and-more-words";
  let key: Buffer;
  let backupCodes: string[];
  let operatorId: string;

  /**
   * What 90 seconds passing does to the codes that signed in: each test signs in afresh with the
   * app's current code, which a real account could use only once in that time.
   */
  async function forgetCodesThatSignedIn() {
    await database.db.rateLimitBucket.deleteMany({
      where: { key: { startsWith: `${RATE_LIMITS.totpCodeOnce.bucket}:` } },
    });
  }
  beforeEach(forgetCodesThatSignedIn);

  /** Signs in with the password; with two-factor on, returns the waiting sign-in's cookie. */
  async function passwordStep(clientIp = freshIp()) {
    const response = await call({ path: "/sign-in/email", body: { email, password }, clientIp });
    expect(response.status).toBe(200);
    return { response, challenge: cookieFrom(response, TWO_FACTOR_COOKIE) };
  }

  it("turns on only after a code from the app confirms it: password → otpauth URI and backup codes → code", async () => {
    const { cookie } = await signUp(email, password, "Steward Two");
    operatorId = (await sessionOf(cookie))!.id;
    await database.db.operator.update({ where: { id: operatorId }, data: { role: "steward" } });
    const operator = { id: operatorId, displayName: "Steward Two", email, role: "steward" as const };
    expect(await getTwoFactorStatus(database.db, operator)).toEqual({ isEnabled: false, isPrompted: true });

    const wrongPassword = await call({
      path: "/two-factor/enable",
      cookie,
      body: { password: "not my password at all" },
    });
    expect(wrongPassword.status).toBe(400);
    expect(await wrongPassword.json()).toMatchObject({ code: "INVALID_PASSWORD" });

    const enable = await call({ path: "/two-factor/enable", cookie, body: { password } });
    expect(enable.status).toBe(200);
    const enabled = (await enable.json()) as { totpURI: string; backupCodes: string[] };
    const uri = new URL(enabled.totpURI);
    expect(enabled.totpURI.startsWith(`otpauth://totp/Plenum:${encodeURIComponent(email)}?`)).toBe(true);
    expect(uri.searchParams.get("issuer")).toBe("Plenum");
    expect(enabled.backupCodes).toHaveLength(10);
    key = base32Decode(uri.searchParams.get("secret")!);
    backupCodes = enabled.backupCodes;

    // Stored against the operator, encrypted; not on until confirmed, so sign-in is unchanged.
    const stored = await database.db.twoFactor.findFirstOrThrow({ where: { operatorId } });
    expect(stored.verified).toBe(false);
    expect(stored.secret).not.toContain(uri.searchParams.get("secret")!);
    expect(stored.backupCodes).not.toContain(backupCodes[0]!);
    expect((await passwordStep()).challenge).toBeNull();

    const wrong = await call({ path: "/two-factor/verify-totp", cookie, body: { code: wrongCode(key) } });
    expect(wrong.status).toBe(401);
    expect(
      (await database.db.operator.findUniqueOrThrow({ where: { id: operatorId } })).twoFactorEnabled,
    ).toBe(false);

    const confirm = await call({ path: "/two-factor/verify-totp", cookie, body: { code: totpCode(key) } });
    expect(confirm.status).toBe(200);
    expect(
      (await database.db.operator.findUniqueOrThrow({ where: { id: operatorId } })).twoFactorEnabled,
    ).toBe(true);
    expect(await getTwoFactorStatus(database.db, operator)).toEqual({ isEnabled: true, isPrompted: false });
  });

  it("then asks every sign-in for the second factor: no session after the password, a wrong code refused", async () => {
    const { response, challenge } = await passwordStep();
    expect(await response.json()).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    expect(cookieFrom(response, SESSION_COOKIE)).toBeNull();
    expect(challenge).not.toBeNull();

    const wrong = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: wrongCode(key) },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_CODE" });
    expect(cookieFrom(wrong, SESSION_COOKIE)).toBeNull();

    const right = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: totpCode(key) },
    });
    expect(right.status).toBe(200);
    const session = cookieFrom(right, SESSION_COOKIE);
    expect((await sessionOf(session!))?.id).toBe(operatorId);

    // The waiting sign-in is used up: its cookie cannot make a second session (even once the code
    // itself may be used again).
    await forgetCodesThatSignedIn();
    const replay = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: totpCode(key) },
    });
    expect(replay.status).toBe(401);
  });

  it("lets one app code sign in once: the same code again within its 90 seconds is refused, the next one works", async () => {
    const code = totpCode(key);
    const first = await passwordStep();
    const signedIn = await call({
      path: "/two-factor/verify-totp",
      cookie: first.challenge!,
      body: { code },
    });
    expect(signedIn.status).toBe(200);

    // Seen over the owner's shoulder, or in a log: a new sign-in with the password and that code.
    const second = await passwordStep();
    const replayed = await call({
      path: "/two-factor/verify-totp",
      cookie: second.challenge!,
      body: { code },
    });
    expect(replayed.status).toBe(429);
    expect(cookieFrom(replayed, SESSION_COOKIE)).toBeNull();
    expect(((await replayed.json()) as { error: { message: string } }).error.message).toMatch(
      /^This code was already used to sign in\./,
    );

    const nextCode = totpCode(key, Date.now() + 30_000);
    expect(nextCode).not.toBe(code);
    const next = await call({
      path: "/two-factor/verify-totp",
      cookie: second.challenge!,
      body: { code: nextCode },
    });
    expect(next.status).toBe(200);
  });

  it("takes a backup code instead of the app's code, each backup code once", async () => {
    const first = await passwordStep();
    const used = await call({
      path: "/two-factor/verify-backup-code",
      cookie: first.challenge!,
      body: { code: backupCodes[0] },
    });
    expect(used.status).toBe(200);
    expect((await sessionOf(cookieFrom(used, SESSION_COOKIE)!))?.id).toBe(operatorId);

    const second = await passwordStep();
    const reused = await call({
      path: "/two-factor/verify-backup-code",
      cookie: second.challenge!,
      body: { code: backupCodes[0] },
    });
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ code: "INVALID_BACKUP_CODE" });
    const next = await call({
      path: "/two-factor/verify-backup-code",
      cookie: second.challenge!,
      body: { code: backupCodes[1] },
    });
    expect(next.status).toBe(200);
  });

  it("makes new backup codes (with the password) that replace the old ones", async () => {
    const { challenge } = await passwordStep();
    const signedIn = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: totpCode(key) },
    });
    const cookie = cookieFrom(signedIn, SESSION_COOKIE)!;
    const renewed = await call({ path: "/two-factor/generate-backup-codes", cookie, body: { password } });
    expect(renewed.status).toBe(200);
    const fresh = ((await renewed.json()) as { backupCodes: string[] }).backupCodes;
    expect(fresh).toHaveLength(10);

    const old = await passwordStep();
    expect(
      (
        await call({
          path: "/two-factor/verify-backup-code",
          cookie: old.challenge!,
          body: { code: backupCodes[2] },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call({
          path: "/two-factor/verify-backup-code",
          cookie: old.challenge!,
          body: { code: fresh[0] },
        })
      ).status,
    ).toBe(200);
    backupCodes = fresh.slice(1);
  });

  it("limits wrong codes per (account, address) with a 429, slows the account elsewhere, never refuses the owner's right code", async () => {
    const attacker = freshIp();
    const { challenge } = await passwordStep(attacker);
    for (let i = 0; i < 5; i += 1) {
      const guess = await call({
        path: "/two-factor/verify-totp",
        cookie: challenge!,
        body: { code: wrongCode(key) },
        clientIp: attacker,
      });
      expect(guess.status).toBe(401);
    }
    const limited = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: wrongCode(key) },
      clientIp: attacker,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many wrong codes for this account from your address\. Try again in \d+ seconds?; then type the code/,
    );

    waits.length = 0;
    const owner = freshIp();
    const ownerStep = await passwordStep(owner);
    const right = await call({
      path: "/two-factor/verify-totp",
      cookie: ownerStep.challenge!,
      body: { code: totpCode(key) },
      clientIp: owner,
    });
    expect(right.status).toBe(200);
    // Held (the account's wrong codes, these 5 and earlier tests' 3, are past 5 in 15 minutes), never refused.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1_000);
  });

  it("limits every two-factor request from one address: the 21st in a minute is refused", async () => {
    const address = freshIp();
    for (let i = 0; i < 20; i += 1) {
      const forged = await call({
        path: "/two-factor/verify-totp",
        body: { code: "123456" },
        clientIp: address,
      });
      expect(forged.status).toBe(401);
    }
    const limited = await call({
      path: "/two-factor/verify-totp",
      body: { code: "123456" },
      clientIp: address,
    });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many two-factor requests from your address\./,
    );
  });

  it("refuses two-factor requests from another site (403), changing nothing", async () => {
    const { challenge } = await passwordStep();
    const crossSite = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: totpCode(key) },
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    expect(cookieFrom(crossSite, SESSION_COOKIE)).toBeNull();

    const signedIn = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: totpCode(key) },
    });
    const cookie = cookieFrom(signedIn, SESSION_COOKIE)!;
    const disable = await call({
      path: "/two-factor/disable",
      cookie,
      body: { password },
      origin: "https://evil.example",
    });
    expect(disable.status).toBe(403);
    expect(
      (await database.db.operator.findUniqueOrThrow({ where: { id: operatorId } })).twoFactorEnabled,
    ).toBe(true);
  });

  it("turns off with the password (not without), after which the password alone signs in again", async () => {
    const { challenge } = await passwordStep();
    const signedIn = await call({
      path: "/two-factor/verify-totp",
      cookie: challenge!,
      body: { code: totpCode(key) },
    });
    const cookie = cookieFrom(signedIn, SESSION_COOKIE)!;
    const wrong = await call({
      path: "/two-factor/disable",
      cookie,
      body: { password: "not my password at all" },
    });
    expect(wrong.status).toBe(400);
    const off = await call({ path: "/two-factor/disable", cookie, body: { password } });
    expect(off.status).toBe(200);
    expect(await database.db.twoFactor.count({ where: { operatorId } })).toBe(0);
    const plain = await passwordStep();
    expect(plain.challenge).toBeNull();
    expect(cookieFrom(plain.response, SESSION_COOKIE)).not.toBeNull();
  });
});
