import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyFile, KeyFileError, readKeyFile } from "./key-file";

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), "plenum-key-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe("key file", () => {
  it("is written as PKCS#8 PEM that only its owner can read or write (0600)", () => {
    const file = path.join(directory, "node.key");
    const created = createKeyFile(file, { isOverwrite: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(created.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readKeyFile(file).publicKey).toBe(created.publicKey);
  });

  it("is never overwritten without force, and force replaces it with a new key", () => {
    const file = path.join(directory, "node.key");
    const first = createKeyFile(file, { isOverwrite: false });
    const before = readFileSync(file, "utf8");
    expect(() => createKeyFile(file, { isOverwrite: false })).toThrow(/already exists.*--force/);
    expect(readFileSync(file, "utf8")).toBe(before);
    const second = createKeyFile(file, { isOverwrite: true });
    expect(second.publicKey).not.toBe(first.publicKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a missing file, a non-PEM file and a key that is not Ed25519 with a message saying what to do", () => {
    expect(() => readKeyFile(path.join(directory, "missing.key"))).toThrow(/keygen --key/);
    const garbage = path.join(directory, "garbage.key");
    writeFileSync(garbage, "not a key");
    expect(() => readKeyFile(garbage)).toThrow(KeyFileError);
    const rsa = path.join(directory, "rsa.key");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    writeFileSync(rsa, privateKey.export({ format: "pem", type: "pkcs8" }));
    expect(() => readKeyFile(rsa)).toThrow(/rsa key; nodes use Ed25519/);
  });
});
