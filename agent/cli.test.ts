import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCommandLine, parseIntegerOption, UsageError } from "./cli-args";
import { main } from "./cli";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

const never = new AbortController().signal;

describe("parseCommandLine", () => {
  it.each([[[]], [["--help"]], [["-h"]], [["help"]]])("%j prints the overview", (argv) => {
    const parsed = parseCommandLine(argv);
    expect(parsed).toMatchObject({ kind: "help" });
    expect(parsed.kind === "help" && parsed.text).toContain("keygen");
  });

  it("prints a command's help with --help even when its required options are missing", () => {
    const parsed = parseCommandLine(["enrol", "--help"]);
    expect(parsed.kind === "help" && parsed.text).toMatch(/^Usage: npm run agent -- enrol --server/);
  });

  it("returns the command and its options", () => {
    expect(
      parseCommandLine([
        "enrol",
        "--server",
        "https://p.example",
        "--token",
        "t",
        "--endpoint",
        "https://n.example/",
        "--name",
        "n1",
      ]),
    ).toEqual({
      kind: "command",
      command: "enrol",
      values: { server: "https://p.example", token: "t", endpoint: "https://n.example/", name: "n1" },
    });
    expect(parseCommandLine(["keygen", "--force"])).toMatchObject({ values: { force: true } });
    expect(parseCommandLine(["run", "--peer-counters", "/var/lib/node/peers.json"])).toMatchObject({
      command: "run",
      values: { "peer-counters": "/var/lib/node/peers.json" },
    });
  });

  it.each([
    [["launch"], /unknown command "launch"/],
    [["keygen", "--bogus"], /Unknown option '--bogus'/],
    [["keygen", "extra"], /positional/i],
    [["enrol", "--server", "https://p.example"], /missing --token, --endpoint, --name/],
    [
      ["enrol", "--server", "https://p.example", "--token", "", "--endpoint", "x", "--name", "n"],
      /missing --token/,
    ],
    [["keygen", "--key"], /argument missing/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it.each([["0"], ["70000"], ["8a"], ["-1"], ["1.5"]])("rejects the port %s", (value) => {
    expect(() => parseIntegerOption(value, { name: "endpoint-port", min: 1, max: 65535, usage: "" })).toThrow(
      "--endpoint-port must be a whole number from 1 to 65535",
    );
  });
});

describe("agent CLI exit codes", () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), "plenum-cli-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("keygen: 0 and the public key, then 1 without overwriting, then 0 with --force", async () => {
    const key = path.join(directory, "node.key");
    const first = capture();
    expect(await main(["keygen", "--key", key], first.io, never)).toBe(0);
    expect(first.out.join("\n")).toMatch(/Public key: [A-Za-z0-9_-]{43}/);
    const mtime = statSync(key).mtimeMs;
    const second = capture();
    expect(await main(["keygen", "--key", key], second.io, never)).toBe(1);
    expect(second.err.join("\n")).toMatch(/already exists.*--force/);
    expect(statSync(key).mtimeMs).toBe(mtime);
    expect(await main(["keygen", "--key", key, "--force"], capture().io, never)).toBe(0);
    expect(readdirSync(directory)).toEqual(["node.key"]);
  });

  it("2 with the usage for a usage error, 0 for --help", async () => {
    const wrong = capture();
    expect(await main(["enrol", "--name", "n"], wrong.io, never)).toBe(2);
    expect(wrong.err.join("\n")).toMatch(
      /missing --server, --token, --endpoint[\s\S]*Usage: npm run agent -- enrol/,
    );
    const help = capture();
    expect(await main(["run", "--help"], help.io, never)).toBe(0);
    expect(help.out.join("\n")).toContain("config push");
    expect(help.out.join("\n")).toContain('{ "peers": { "<peerNodeId>": { "bytesUp"');
  });

  it("2 for an enrol --server that is not a URL, 1 for a missing key or state file", async () => {
    const args = ["--token", "plnm_enr_x", "--endpoint", "https://n.example/", "--name", "n"];
    expect(await main(["enrol", "--server", "not a url", ...args], capture().io, never)).toBe(2);
    const noKey = capture();
    const key = path.join(directory, "absent.key");
    expect(
      await main(["enrol", "--server", "https://p.example", ...args, "--key", key], noKey.io, never),
    ).toBe(1);
    expect(noKey.err.join("\n")).toContain("keygen --key");
    await main(["keygen", "--key", key], capture().io, never);
    const noState = capture();
    const state = path.join(directory, "absent.json");
    expect(await main(["run", "--key", key, "--state", state], noState.io, never)).toBe(1);
    expect(noState.err.join("\n")).toContain("enrol the node first");
  });

  it("2 for an unknown traffic profile", async () => {
    const err = capture();
    expect(await main(["run", "--traffic-profile", "whale"], err.io, never)).toBe(2);
    expect(err.err.join("\n")).toContain("seeder, normal, light, free-rider, cluster");
  });
});
