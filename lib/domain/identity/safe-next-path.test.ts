import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  // What the sign-in page receives once Next.js has decoded the query string once.
  it.each([
    ["/\t/evil.example", "a tab the browser drops (from ?next=/%09/evil.example)"],
    ["/\n/evil.example", "a newline the browser drops (from ?next=/%0a/evil.example)"],
    ["/\r/evil.example", "a carriage return"],
    ["/\u0000/evil.example", "a NUL"],
    ["/\u007f/evil.example", "a DEL"],
    ["\t//evil.example", "a leading tab"],
    [" //evil.example", "a leading space"],
    ["/%09/evil.example", "a tab still encoded (from ?next=/%2509/evil.example)"],
    ["/%0a/evil.example", "a newline still encoded"],
    ["/%0A/evil.example", "an upper-case encoded newline"],
    ["/%250a/evil.example", "a newline encoded twice"],
    ["/%2F/evil.example", "an encoded second slash"],
    ["/%2f%2fevil.example", "encoded slashes"],
    ["/%5Cevil.example", "an encoded backslash"],
    ["//evil.example", "a protocol-relative URL"],
    ["///evil.example", "three slashes"],
    ["/\\evil.example", "a slash and a backslash"],
    ["\\\\evil.example", "two backslashes"],
    ["\\/evil.example", "a backslash and a slash"],
    ["/\\/evil.example", "slash, backslash, slash"],
    ["/proposals\\..\\..\\/evil.example", "backslashes later in the path"],
    ["https://evil.example", "an absolute URL"],
    ["http:evil.example", "a scheme without slashes"],
    ["HTTPS://evil.example/path", "an upper-case scheme"],
    ["javascript:alert(document.cookie)", "a javascript: URL"],
    ["JaVaScRiPt:alert(1)", "a mixed-case javascript: URL"],
    ["java\tscript:alert(1)", "a javascript: URL split by a tab"],
    ["data:text/html,<script>alert(1)</script>", "a data: URL"],
    ["evil.example", "a bare host"],
    ["proposals", "a relative path"],
    ["?next=//evil.example", "only a query"],
    ["#/evil", "only a fragment"],
    ["/\u202e/evil.example", "a bidi override"],
    ["/\u2028/evil.example", "a line separator"],
    ["/%E2%80%AE/evil.example", "an encoded bidi override"],
    ["/%", "broken %-encoding"],
    ["/%E0%A4%A", "truncated %-encoding"],
    ["", "empty"],
  ])("refuses %j (%s)", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/account", "/account"],
    ["/proposals?x=1#y", "/proposals?x=1#y"],
    ["/rounds/3/ballot", "/rounds/3/ballot"],
    ["/proposals?q=a%2Fb&state=voting", "/proposals?q=a%2Fb&state=voting"],
    ["/proposals?q=//not-a-host", "/proposals?q=//not-a-host"],
    ["/nodes/caf%C3%A9", "/nodes/caf%C3%A9"],
    ["/nodes/café", "/nodes/caf%C3%A9"],
    ["/a/../b", "/b"],
    ["/../evil.example", "/evil.example"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
  ])("keeps the same-site path %j as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it("refuses a path longer than any real one", () => {
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it("falls back when there is no next, to the caller's fallback when given", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(undefined, "/my/nodes")).toBe("/my/nodes");
    expect(safeNextPath("//evil.example", "/account")).toBe("/account");
    expect(safeNextPath("/tokens", "/account")).toBe("/tokens");
  });

  it("answers the same path when given its own answer (the page and the form both check)", () => {
    for (const next of [
      "/proposals?x=1#y",
      "/nodes/café",
      "/a/../b",
      "/\t/evil.example",
      "/proposals?q=a%2Fb",
    ]) {
      const once = safeNextPath(next);
      expect(safeNextPath(once)).toBe(once);
    }
  });

  it("only ever answers a path that stays on the page's origin", () => {
    const origin = "https://plenum.example";
    const samples = ["/\t/evil.example", "//evil.example", "/\\evil.example", "/ok?x=1", "/%09/x"];
    for (const next of samples) {
      expect(new URL(safeNextPath(next), origin).origin).toBe(origin);
    }
  });
});
