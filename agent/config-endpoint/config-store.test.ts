import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type HeldVersion, openConfigStore } from "./config-store";

const held = (version: number, activateAt: string): HeldVersion => ({
  version,
  envelope: `envelope-${version}`,
  signature: `signature-${version}`,
  keyId: "pk_test",
  sha256: String(version).repeat(64).slice(0, 64),
  prevSha256:
    version === 1
      ? ""
      : String(version - 1)
          .repeat(64)
          .slice(0, 64),
  activateAt,
});

const T1 = "2026-11-25T10:00:00.000Z";
const T2 = "2026-11-25T11:00:00.000Z";
const T3 = "2026-11-25T12:00:00.000Z";
const at = (iso: string, seconds = 0) => new Date(new Date(iso).getTime() + seconds * 1000);

function temporaryFile() {
  return path.join(mkdtempSync(path.join(tmpdir(), "config-store-")), "node.config.json");
}

describe("openConfigStore", () => {
  it("holds nothing at first: 0, 0, null", () => {
    expect(openConfigStore().held(new Date(T1))).toEqual({
      activeVersion: 0,
      stagedVersion: 0,
      sha256: null,
    });
  });

  it("reports the version with the latest activateAt ≤ now as active and the highest as staged", () => {
    const store = openConfigStore();
    store.add([held(1, T1), held(2, T2), held(3, T3)]);
    expect(store.held(at(T1, -1))).toEqual({
      activeVersion: 0,
      stagedVersion: 3,
      sha256: held(3, T3).sha256,
    });
    expect(store.held(at(T2))).toEqual({ activeVersion: 2, stagedVersion: 3, sha256: held(3, T3).sha256 });
    expect(store.held(at(T3, 1)).activeVersion).toBe(3);
  });

  it("applies each version once, in order, and only when it is due", () => {
    const store = openConfigStore();
    store.add([held(1, T1), held(2, T2)]);
    expect(store.activate(at(T1, -1))).toBeNull();
    expect(store.activate(at(T1))).toBe(1);
    expect(store.activate(at(T1, 30))).toBeNull();
    expect(store.hasStaged(at(T1, 30))).toBe(true);
    expect(store.activate(at(T2))).toBe(2);
    expect(store.hasStaged(at(T2))).toBe(false);
    expect(store.appliedLog()).toEqual([1, 2]);
  });

  it("skips straight to the latest due version when several became due together", () => {
    const store = openConfigStore();
    store.add([held(1, T1), held(2, T2), held(3, T3)]);
    expect(store.activate(at(T3))).toBe(3);
    expect(store.appliedLog()).toEqual([3]);
  });

  it("ignores versions at or below the highest held one", () => {
    const store = openConfigStore();
    store.add([held(1, T1), held(2, T2)]);
    store.add([{ ...held(2, T2), sha256: "f".repeat(64) }]);
    expect(store.versions().map((version) => version.sha256)).toEqual([
      held(1, T1).sha256,
      held(2, T2).sha256,
    ]);
  });

  it("persists held versions and applied versions, so a restart applies nothing twice", () => {
    const file = temporaryFile();
    const first = openConfigStore(file);
    first.add([held(1, T1), held(2, T3)]);
    expect(first.activate(at(T2))).toBe(1);

    const restarted = openConfigStore(file);
    expect(restarted.versions().map((version) => version.version)).toEqual([1, 2]);
    expect(restarted.activate(at(T2))).toBeNull();
    expect(restarted.activate(at(T3))).toBe(2);
    expect(openConfigStore(file).appliedLog()).toEqual([1, 2]);
    // Written with a temporary file and a rename: nothing else is left in the folder.
    expect(readdirSync(path.dirname(file))).toEqual(["node.config.json"]);
  });

  it("drops versions below the active one once it applies", () => {
    const store = openConfigStore();
    store.add([held(1, T1), held(2, T2), held(3, T3)]);
    store.activate(at(T2));
    expect(store.versions().map((version) => version.version)).toEqual([2, 3]);
  });

  it("says how to recover from a damaged file", () => {
    const file = temporaryFile();
    writeFileSync(file, "{ half a file");
    expect(() => openConfigStore(file)).toThrow(
      /delete the file and the platform will push the config again/,
    );
    writeFileSync(file, JSON.stringify({ versions: "no" }));
    expect(() => openConfigStore(file)).toThrow(/delete it/);
    expect(readFileSync(file, "utf8")).toContain("versions");
  });

  it("persists the platform keys learned from a rotation with the versions, each once", () => {
    const file = temporaryFile();
    const store = openConfigStore(file);
    const key = { keyId: "pk_0123456789abcdef", publicKey: "A".repeat(43) };
    store.add([held(1, T1)], [key]);
    store.add([], [key]);
    expect(openConfigStore(file).learnedKeys()).toEqual([key]);
  });

  it("reads a store written before key rotation existed as having learned no key", () => {
    const file = temporaryFile();
    writeFileSync(file, JSON.stringify({ versions: [held(1, T1)], applied: [1] }));
    expect(openConfigStore(file).learnedKeys()).toEqual([]);
  });
});
