import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./request-origin";

function request(headers: Record<string, string>): Request {
  return new Request("http://localhost:3000/api/trpc/x", { method: "POST", headers, body: "{}" });
}

describe("isCrossSiteRequest", () => {
  it.each([
    ["no Origin and no Sec-Fetch-Site (curl, server code)", {}, false],
    ["the same origin", { origin: "http://localhost:3000", host: "localhost:3000" }, false],
    ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }, false],
    ["a trusted public origin", { origin: "https://plenum.example.org", host: "10.0.0.5:3000" }, false],
    ["another site's Origin", { origin: "https://evil.example", host: "localhost:3000" }, true],
    ["another port", { origin: "http://localhost:4000", host: "localhost:3000" }, true],
    ["another scheme", { origin: "https://localhost:3000", host: "localhost:3000" }, true],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, true],
    ["Origin: null (sandboxed frame)", { origin: "null", host: "localhost:3000" }, true],
  ])("%s → %s", (_name, headers, expected) => {
    expect(isCrossSiteRequest(request(headers), { trustedOrigins: ["https://plenum.example.org"] })).toBe(
      expected,
    );
  });
});
