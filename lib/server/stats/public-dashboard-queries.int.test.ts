import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDomainError } from "@/lib/domain/errors";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  getPublicNetworkDashboard,
  getPublicNetworkHeadline,
  PUBLIC_STATS_CACHE_MS,
} from "./public-dashboard-queries";

const NOW = new Date("2026-11-25T12:30:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Cache swarm", now: NOW });
});
afterAll(() => database.drop());

/** Every computation of the dashboard or its headline counts the known nodes exactly once. */
function countComputations() {
  return vi.spyOn(database.db.node, "count");
}

describe("getPublicNetworkDashboard", () => {
  it("computes once for identical calls within the cache window, again after it, and per range", async () => {
    const computations = countComputations();
    try {
      const read = (range: "24h" | "7d", at: Date) =>
        getPublicNetworkDashboard(database.db, { range, now: at, clientIp: null });
      const first = await read("24h", NOW);
      expect(await read("24h", later(PUBLIC_STATS_CACHE_MS - 1))).toEqual(first);
      expect(computations).toHaveBeenCalledTimes(1);

      await read("7d", later(1));
      expect(computations).toHaveBeenCalledTimes(2);

      const fresh = await read("24h", later(PUBLIC_STATS_CACHE_MS));
      expect(computations).toHaveBeenCalledTimes(3);
      expect(fresh.to).toBe(later(PUBLIC_STATS_CACHE_MS).toISOString());
    } finally {
      computations.mockRestore();
    }
  });

  it("shares one computation between concurrent identical calls", async () => {
    const computations = countComputations();
    try {
      const at = later(10 * PUBLIC_STATS_CACHE_MS);
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          getPublicNetworkDashboard(database.db, { range: "30d", now: at, clientIp: null }),
        ),
      );
      expect(computations).toHaveBeenCalledTimes(1);
      expect(results[1]).toBe(results[0]);
      expect(results[2]).toBe(results[0]);
    } finally {
      computations.mockRestore();
    }
  });

  it("limits each client address, counting cached answers too; server-side calls are not limited", async () => {
    const { limit, windowMs } = RATE_LIMITS.publicStatsPerAddress;
    const at = later(20 * PUBLIC_STATS_CACHE_MS);
    for (let index = 0; index < limit; index += 1) {
      await getPublicNetworkHeadline(database.db, { now: at, clientIp: "192.0.2.7" });
    }
    const refusal = await getPublicNetworkDashboard(database.db, {
      range: "all",
      now: at,
      clientIp: "192.0.2.7",
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDomainError(refusal) && refusal.code).toBe("RATE_LIMITED");
    expect(isDomainError(refusal) && refusal.details).toEqual({ retryAfterSeconds: windowMs / 1000 });
    await expect(
      getPublicNetworkHeadline(database.db, { now: at, clientIp: "192.0.2.8" }),
    ).resolves.toBeTruthy();
    await expect(getPublicNetworkHeadline(database.db, { now: at, clientIp: null })).resolves.toBeTruthy();
    expect(await database.db.rateLimitBucket.count({ where: { key: { endsWith: ":null" } } })).toBe(0);
  });
});
