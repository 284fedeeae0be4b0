import { describe, expect, it } from "vitest";
import { parseFaultSpecs } from "./fault-spec";

const NOW = 1_800_000_000_000;

describe("parseFaultSpecs", () => {
  it.each([
    ["node-3=down:120s", { selector: "node-3", fault: { kind: "down", untilMs: NOW + 120_000 } }],
    ["node-3=down:5m", { selector: "node-3", fault: { kind: "down", untilMs: NOW + 300_000 } }],
    ["n=slow:20s", { selector: "n", fault: { kind: "slow", delayMs: 20_000 } }],
    ["n=slow:250ms", { selector: "n", fault: { kind: "slow", delayMs: 250 } }],
    ["node-7=status:500", { selector: "node-7", fault: { kind: "status", status: 500 } }],
    [
      "node-7=status:503:retry-after=120:times=3",
      { selector: "node-7", fault: { kind: "status", status: 503, retryAfterSeconds: 120, times: 3 } },
    ],
    ["node-9=nack", { selector: "node-9", fault: { kind: "nack", code: "BAD_BUNDLE" } }],
    ["node-9=nack:CHAIN_MISMATCH", { selector: "node-9", fault: { kind: "nack", code: "CHAIN_MISMATCH" } }],
    ["node_abc=wrong-hash", { selector: "node_abc", fault: { kind: "wrong-hash" } }],
    ["x=claim-version:99", { selector: "x", fault: { kind: "claim-version", version: 99 } }],
    ["x=huge-reply:1MiB", { selector: "x", fault: { kind: "huge-reply", bytes: 1_048_576 } }],
    ["x=huge-reply:30000", { selector: "x", fault: { kind: "huge-reply", bytes: 30_000 } }],
    [
      "x=redirect:http://127.0.0.1:9/elsewhere",
      { selector: "x", fault: { kind: "redirect", location: "http://127.0.0.1:9/elsewhere" } },
    ],
    ["x=gone", { selector: "x", fault: { kind: "gone" } }],
  ])("%s", (text, expected) => {
    expect(parseFaultSpecs(text, NOW)).toEqual([expected]);
  });

  it("reads a list separated by commas or spaces", () => {
    expect(
      parseFaultSpecs(" node-3=down:120s, node-7=status:500  node-9=nack ", NOW).map((rule) => rule.selector),
    ).toEqual(["node-3", "node-7", "node-9"]);
    expect(parseFaultSpecs("", NOW)).toEqual([]);
  });

  it.each([
    ["node-3", /write <node>=<fault>/],
    ["=down:1s", /write <node>=<fault>/],
    ["node-3=down", /needs a duration such as down:120s/],
    ["node-3=down:2d", /units ms, s, m, h/],
    ["node-3=status:404", /status must be 500, 503 or 429/],
    ["node-3=status:503:retry=5", /retry-after=<seconds> and times=<n>, not "retry=5"/],
    ["node-3=status:503:times=0", /times must be a whole number of at least 1/],
    ["node-3=nack:bad", /upper case/],
    ["node-3=wrong-hash:1", /takes no arguments/],
    ["node-3=claim-version:x", /the claimed version must be a whole number/],
    ["node-3=huge-reply:1GB", /huge-reply:1MiB/],
    ["node-3=redirect:nowhere", /needs a URL/],
    ["node-3=explode", /unknown fault "explode"; use down, slow/],
    ["node-3=gone,node-3=nack", /node-3 has more than one fault/],
  ])("refuses %s", (text, message) => {
    expect(() => parseFaultSpecs(text, NOW)).toThrow(message);
  });

  it("names the rule that is wrong", () => {
    expect(() => parseFaultSpecs("node-1=gone,node-2=slow", NOW)).toThrow('"node-2=slow"');
  });
});
