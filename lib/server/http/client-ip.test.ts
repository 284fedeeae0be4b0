import { describe, expect, it } from "vitest";
import { clientIpFrom, UNKNOWN_CLIENT_IP } from "./client-ip";

const requestWith = (forwardedFor?: string) =>
  new Request("http://localhost/api/v1/nodes/challenge", {
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });

describe("clientIpFrom", () => {
  it.each([
    ["198.51.100.7", false, "198.51.100.7"],
    ["6.6.6.6, 198.51.100.7", false, "198.51.100.7"],
    ["6.6.6.6, 198.51.100.7", true, "6.6.6.6"],
    ["  6.6.6.6 ,, 198.51.100.7 ", true, "6.6.6.6"],
    ["::ffff:127.0.0.1", false, "127.0.0.1"],
    ["::1", false, "::1"],
    ["2001:DB8::1", false, "2001:db8::1"],
    ["[2001:db8::1]:4431", false, "2001:db8::1"],
    ["203.0.113.9:5123", false, "203.0.113.9"],
    ["not-an-ip", false, UNKNOWN_CLIENT_IP],
    ["1.2.3.4, <script>", false, UNKNOWN_CLIENT_IP],
    ["", false, UNKNOWN_CLIENT_IP],
  ])("x-forwarded-for %j with trustProxy=%s → %s", (header, trustProxy, expected) => {
    expect(clientIpFrom(requestWith(header), { trustProxy })).toBe(expected);
  });

  it("is unknown when the header is missing", () => {
    expect(clientIpFrom(requestWith(), { trustProxy: false })).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIpFrom(requestWith(), { trustProxy: true })).toBe(UNKNOWN_CLIENT_IP);
  });
});
