import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEDGER_CSV_HEADER } from "@/lib/domain/rewards/ledger-csv";
import { createAuth, type Auth } from "@/lib/server/platform/auth";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getEpochsCsvResponse } from "./get-epochs-csv";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY = new Date("2026-11-24T00:00:00.000Z");
const ORIGIN = "http://localhost:3000";

let database: TestDatabase;
let auth: Auth;
let sessionCookie: string;

async function insertNodeWithEpoch(operatorId: string, name: string) {
  const { id } = await database.db.node.create({
    data: {
      operatorId,
      name,
      nameSearch: name,
      publicKey: `csv-key-${name}-${process.pid}`,
      region: "eu-west",
    },
    select: { id: true },
  });
  await database.db.rewardLedgerEntry.create({
    data: {
      day: DAY,
      nodeId: id,
      operatorId,
      uptimeSeconds: 43_200,
      bytesUp: 1_500_000_000n,
      corroboratedBytesUp: 1_000_000_000n,
      paidBytesUp: 1_250_000_000n,
      bytesDown: 0n,
      windowSeconds: 86_400,
      latencyMsSeconds: 50n * 86_400n,
      classification: "Contributor",
      unscaledMicro: 1_500_000n,
      rewardMicro: 1_500_000n,
      speed: 0.5,
      reliability: 0.5,
      contribution: 1,
      score: 0.6,
      ratingBefore: 0.5,
      rating: 0.505,
    },
  });
}

function csvRequest(cookie?: string): Request {
  return new Request(`${ORIGIN}/api/my/epochs.csv`, { headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, { networkName: "CSV test", now: new Date("2026-11-01T00:00:00.000Z") });
  auth = createAuth(db, {
    publicUrl: ORIGIN,
    secret: "test-secret-test-secret-test-secret-0123",
    isSecureCookies: false,
  });
  const signUp = await auth.api.signUpEmail({
    body: { name: "Ada Csv", email: "ada.csv@example.test", password: "correct horse battery" },
    asResponse: true,
  });
  sessionCookie = signUp.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("better-auth.session_token="))!
    .split(";")[0]!;
  const ada = await db.operator.findUniqueOrThrow({ where: { email: "ada.csv@example.test" } });
  const bob = await db.operator.create({
    data: { displayName: "Bob Csv", email: "bob.csv@example.test" },
    select: { id: true },
  });
  await db.epoch.create({
    data: {
      day: DAY,
      configVersion: 1,
      computedAt: NOW,
      nodes: 2,
      paidNodes: 2,
      freeRiders: 0,
      freeRidersInGrace: 0,
      emissionCapMicro: 50_000_000_000n,
      unscaledMicro: 3_000_000n,
      paidMicro: 3_000_000n,
      scale: 1,
      bytesUp: 3_000_000_000n,
    },
  });
  await insertNodeWithEpoch(ada.id, "ada-relay");
  await insertNodeWithEpoch(bob.id, "bob-relay");
});

afterAll(async () => {
  await database.drop();
});

describe("GET /api/my/epochs.csv", () => {
  it("asks a signed-out visitor to sign in, in the protocol's error body", async () => {
    const response = await getEpochsCsvResponse(database.db, csvRequest(), { auth, now: NOW });
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(body.error.message).toMatch(/^Sign in/);
  });

  it("treats a made-up session cookie as signed out", async () => {
    const forged = "better-auth.session_token=not-a-real-session.signature";
    const response = await getEpochsCsvResponse(database.db, csvRequest(forged), { auth, now: NOW });
    expect(response.status).toBe(401);
  });

  it("sends the signed-in operator's own epochs as a private CSV download", async () => {
    const response = await getEpochsCsvResponse(database.db, csvRequest(sessionCookie), { auth, now: NOW });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="plenum-epochs-2026-11-25.csv"',
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const lines = (await response.text()).split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(LEDGER_CSV_HEADER.join(","));
    expect(lines[1]).toMatch(
      /^2026-11-24,[^,]+,ada-relay,Contributor,50,1\.5,1,1\.25,0,1\.5,1\.5,0\.5,0\.505,0\.6,1$/,
    );
    expect(lines[2]).toBe("");
  });

  it("starts the file with a UTF-8 byte-order mark for Excel", async () => {
    const response = await getEpochsCsvResponse(database.db, csvRequest(sessionCookie), { auth, now: NOW });
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("answers too many downloads with 429 in plain words, not as a file to save", async () => {
    const later = new Date(NOW.getTime() + 60 * 60_000);
    for (let call = 0; call < RATE_LIMITS.epochsCsv.limit; call += 1) {
      const allowed = await getEpochsCsvResponse(database.db, csvRequest(sessionCookie), {
        auth,
        now: later,
      });
      expect(allowed.status).toBe(200);
      await allowed.body?.cancel();
    }
    const response = await getEpochsCsvResponse(database.db, csvRequest(sessionCookie), { auth, now: later });
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBeNull();
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.text()).toMatch(/^You downloaded your epochs 20 times in the last minute/);
  });
});
