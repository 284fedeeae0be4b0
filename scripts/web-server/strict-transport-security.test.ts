import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isServedOverHttps } from "./strict-transport-security";

function request(headers: Record<string, string | string[]>, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe("isServedOverHttps", () => {
  it("is true on a TLS socket whatever the headers say", () => {
    expect(isServedOverHttps(request({}, true), { trustProxy: false })).toBe(true);
  });

  it("ignores x-forwarded-proto from a client when no proxy is trusted", () => {
    expect(isServedOverHttps(request({ "x-forwarded-proto": "https" }), { trustProxy: false })).toBe(false);
  });

  it("follows the first x-forwarded-proto entry behind a trusted proxy", () => {
    expect(isServedOverHttps(request({ "x-forwarded-proto": "HTTPS, http" }), { trustProxy: true })).toBe(
      true,
    );
    expect(isServedOverHttps(request({ "x-forwarded-proto": "http, https" }), { trustProxy: true })).toBe(
      false,
    );
    expect(isServedOverHttps(request({}), { trustProxy: true })).toBe(false);
  });
});
