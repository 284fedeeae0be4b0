import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url";
import { generateEd25519KeyPair } from "./ed25519";
import { EnvError, loadEnv } from "./env";

describe("parseDatabaseUrl", () => {
  it.each([
    ["file:./data/plenum.db", { kind: "sqlite", filePath: path.resolve("data/plenum.db") }],
    ["file:/tmp/x.db?connection_limit=1", { kind: "sqlite", filePath: "/tmp/x.db" }],
    ["postgres://u:p@localhost:5432/plenum", { kind: "postgres" }],
    ["postgresql://localhost/plenum", { kind: "postgres" }],
  ])("accepts %s", (url, expected) => {
    expect(parseDatabaseUrl(url)).toMatchObject(expected);
  });

  it.each([
    ["mysql://root@localhost/plenum", /uses "mysql:"/],
    ["plenum.db", /is not a database URL/],
    ["file:", /names no file/],
  ])("refuses %s with the accepted forms", (url, reason) => {
    const attempt = () => parseDatabaseUrl(url);
    expect(attempt).toThrow(reason);
    expect(attempt).toThrow(/file:<path>|file:\.\/data\/plenum\.db/);
  });
});

describe("loadEnv", () => {
  it("uses the documented defaults for an empty environment", () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toEqual(parseDatabaseUrl(DEFAULT_DATABASE_URL));
    expect(env.PORT).toBe(3000);
    expect(env.PLENUM_DEMO_DATA).toBe(true);
    expect(env.PLENUM_ALLOW_PRIVATE_ENDPOINTS).toBe(false);
  });

  it("names DATABASE_URL and the accepted forms when it is wrong", () => {
    expect(() => loadEnv({ DATABASE_URL: "mysql://root@localhost/plenum" })).toThrow(EnvError);
    expect(() => loadEnv({ DATABASE_URL: "mysql://root@localhost/plenum" })).toThrow(
      /DATABASE_URL: .*Accepted forms: file:<path> .* postgres:\/\//,
    );
  });

  it("reports every bad variable at once", () => {
    const attempt = () => loadEnv({ PORT: "70000", PLENUM_ALLOW_PRIVATE_ENDPOINTS: "yes" });
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).toThrow(/PLENUM_ALLOW_PRIVATE_ENDPOINTS: must be "0" or "1"/);
  });

  it("keeps 32 config pushes in flight by default and accepts 1 to 1024", () => {
    expect(loadEnv({}).PLENUM_SYNC_MAX_IN_FLIGHT).toBe(32);
    expect(loadEnv({ PLENUM_SYNC_MAX_IN_FLIGHT: "8" }).PLENUM_SYNC_MAX_IN_FLIGHT).toBe(8);
    for (const value of ["0", "1025", "2.5", "many"]) {
      expect(() => loadEnv({ PLENUM_SYNC_MAX_IN_FLIGHT: value })).toThrow(
        /PLENUM_SYNC_MAX_IN_FLIGHT: must be a whole number from 1 to 1024/,
      );
    }
  });

  it("keeps raw telemetry 7 days by default and accepts 1 to 3650", () => {
    expect(loadEnv({}).PLENUM_TELEMETRY_RETENTION_DAYS).toBe(7);
    expect(loadEnv({ PLENUM_TELEMETRY_RETENTION_DAYS: "30" }).PLENUM_TELEMETRY_RETENTION_DAYS).toBe(30);
    for (const value of ["0", "3651", "2.5", "many"]) {
      expect(() => loadEnv({ PLENUM_TELEMETRY_RETENTION_DAYS: value })).toThrow(
        /PLENUM_TELEMETRY_RETENTION_DAYS: must be a whole number of days from 1 to 3650/,
      );
    }
  });

  it("takes the platform key from a file path or PEM text, never both, and never echoes the PEM", () => {
    const pem = generateEd25519KeyPair().privateKeyPem;
    expect(loadEnv({ PLENUM_PLATFORM_KEY_FILE: " data/key.pem " }).PLENUM_PLATFORM_KEY_FILE).toBe(
      "data/key.pem",
    );
    expect(loadEnv({ PLENUM_PLATFORM_KEY: pem }).PLENUM_PLATFORM_KEY).toBe(pem.trim());
    // A PEM pasted into a one-line variable with \n escapes.
    expect(loadEnv({ PLENUM_PLATFORM_KEY: pem.replace(/\n/g, "\\n") }).PLENUM_PLATFORM_KEY).toBe(pem.trim());
    expect(loadEnv({}).PLENUM_PLATFORM_KEY_FILE).toBeUndefined();
    expect(() => loadEnv({ PLENUM_PLATFORM_KEY_FILE: "k.pem", PLENUM_PLATFORM_KEY: pem })).toThrow(
      /only one of them/,
    );
    const secret = "not-a-pem-but-a-secret";
    expect(() => loadEnv({ PLENUM_PLATFORM_KEY: secret })).toThrow(
      /PLENUM_PLATFORM_KEY: must be one or more PKCS#8 PEM blocks/,
    );
    expect(() => loadEnv({ PLENUM_PLATFORM_KEY: secret })).not.toThrow(new RegExp(secret));
  });
});
