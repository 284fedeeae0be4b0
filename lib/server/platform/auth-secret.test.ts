import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./auth-secret";

function tempFile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), "plenum-secret-")), "data", "auth-secret");
}

describe("resolveAuthSecret", () => {
  it("uses PLENUM_AUTH_SECRET when set and writes no file", () => {
    const file = tempFile();
    expect(resolveAuthSecret({ env: { PLENUM_AUTH_SECRET: "s".repeat(40) }, file })).toBe("s".repeat(40));
    expect(() => statSync(file)).toThrow();
  });

  it("creates a random 32-byte secret readable by the owner only, and keeps it", () => {
    const file = tempFile();
    const first = resolveAuthSecret({ env: {}, file });
    expect(Buffer.from(first, "base64url")).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(resolveAuthSecret({ env: {}, file })).toBe(first);
    expect(resolveAuthSecret({ env: {}, file: tempFile() })).not.toBe(first);
  });
});
