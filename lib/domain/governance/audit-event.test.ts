import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditEventHashInput,
  canonicalJson,
  findBrokenAuditEvent,
  type ChainedAuditEvent,
} from "@/lib/domain/governance/audit-event";

/** FNV-1a, 32 bits: lib/domain stays free of node:crypto, and any hash shows whether the chain links hold. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

function chain(events: { type: string; data: Record<string, unknown> }[]): ChainedAuditEvent[] {
  const out: ChainedAuditEvent[] = [];
  for (const [index, event] of events.entries()) {
    const prevHash = out.at(-1)?.hash ?? "";
    const fields = { seq: index + 1, at: "2026-11-25T12:00:00.000Z", subject: "proposal:p1", ...event };
    out.push({ ...fields, prevHash, hash: fnv1a(auditEventHashInput(prevHash, fields)) });
  }
  return out;
}

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ n: 1.0, m: 1e21, s: "é" }, '{"m":1e+21,"n":1,"s":"é"}'],
    [[3, { z: null, y: [true] }], '[3,{"y":[true],"z":null}]'],
  ])("writes %j as %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("refuses a value JSON cannot hold", () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe("auditEventHashInput", () => {
  it("is prevHash, a newline and the canonical event with only the five hashed fields", () => {
    const event = {
      seq: 3,
      at: "2026-11-25T12:00:00.000Z",
      type: "proposal.published",
      subject: "proposal:p1",
      data: { b: 1, a: 2 },
    };
    expect(auditEventHashInput("abc", { ...event, extra: "ignored" } as typeof event)).toBe(
      'abc\n{"at":"2026-11-25T12:00:00.000Z","data":{"a":2,"b":1},"seq":3,"subject":"proposal:p1","type":"proposal.published"}',
    );
  });
});

describe("findBrokenAuditEvent", () => {
  it("accepts an intact chain and the empty chain", () => {
    expect(
      findBrokenAuditEvent(
        chain([
          { type: "a", data: {} },
          { type: "b", data: { x: 1 } },
        ]),
        fnv1a,
      ),
    ).toBeNull();
    expect(findBrokenAuditEvent([], fnv1a)).toBeNull();
  });

  it("names the first event whose data, link or seq was changed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.nat(),
        fc.constantFrom("data", "prevHash", "seq"),
        (length, pick, what) => {
          const events = chain(Array.from({ length }, (_, index) => ({ type: "t", data: { index } })));
          const victim = pick % length;
          const tampered = events.map((event, index) => {
            if (index !== victim) return event;
            if (what === "data") return { ...event, data: { index: -1 } };
            if (what === "prevHash") return { ...event, prevHash: "f".repeat(64) };
            return { ...event, seq: event.seq + 100 };
          });
          expect(findBrokenAuditEvent(tampered, fnv1a)).toBe(victim + 1);
        },
      ),
    );
  });
});
