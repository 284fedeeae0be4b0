import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAddress, parseIpAddress, parseIpv4, parseIpv6 } from "./ip-ranges";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.255", "multicast"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.5", "documentation"],
    ["0.0.0.0", '"this network"'],
    ["0.1.2.3", '"this network"'],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["192.0.0.8", "IETF protocol assignment"],
    ["192.88.99.0", "6to4 relay anycast"],
    ["192.88.99.1", "6to4 relay anycast"],
    ["192.88.99.255", "6to4 relay anycast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "unique local"],
    ["fdff:ffff::1", "unique local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation"],
    ["::ffff:10.0.0.5", "IPv4-mapped private"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback"],
    ["[::ffff:a9fe:a9fe]", "IPv4-mapped link-local"],
    ["::127.0.0.1", "IPv4-compatible loopback"],
    ["64:ff9b::192.168.0.1", "NAT64 private"],
    ["64:ff9b:1::a00:1", "local NAT64 private"],
    ["2002:0a00:0001::1", "6to4 private"],
    ["2002:7f00:1::", "6to4 loopback"],
    ["2002:c0a8:0101:ffff::1", "6to4 private"],
    ["2002:c058:6301::1", "6to4 6to4 relay anycast"],
    ["::ffff:192.88.99.1", "IPv4-mapped 6to4 relay anycast"],
    ["::FFFF:127.0.0.1", "IPv4-mapped loopback"],
    ["[::ffff:127.0.0.1]", "IPv4-mapped loopback"],
    ["0:0:0:0:0:ffff:7f00:1", "IPv4-mapped loopback"],
    ["::ffff:0.0.0.0", 'IPv4-mapped "this network"'],
    ["64:ff9b::7f00:1", "NAT64 loopback"],
    ["64:ff9b::10.1.2.3", "NAT64 private"],
    ["64:ff9b::a9fe:a9fe", "NAT64 link-local"],
    ["64:ff9b:1:abcd::172.16.0.1", "local NAT64 private"],
    ["100::1", "discard-only"],
    ["3fff::1", null],
    ["4000::1", "reserved"],
    ["fe00::1", "reserved"],
    ["not an address", "unparsable"],
    ["fe80::1%eth0", "unparsable"],
    ["010.0.0.1", "unparsable"],
    // Forms URL parsers and inet_aton accept but an address list never holds: refused, never guessed.
    ["0x7f.1", "unparsable"],
    ["127.1", "unparsable"],
    ["017700000001", "unparsable"],
    ["2130706433", "unparsable"],
    ["0177.0.0.1", "unparsable"],
    [" 127.0.0.1", "unparsable"],
    ["127.0.0.1\n", "unparsable"],
    ["::ffff:127.1", "unparsable"],
    ["", "unparsable"],
  ])("classifies %s as %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "192.88.98.255",
    "192.88.100.0",
    "2606:4700:4700::1111",
    "2a00:1450:4001:81c::200e",
    "[2606:4700::1]",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "2002:0808:0808::1",
    "64:ff9b:1::808:808",
    "::ffff:192.88.98.1",
  ])("lets the public unicast address %s through", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it("classifies every IPv4-mapped address like the IPv4 address it carries (property)", () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const mapped = classifyAddress(`::ffff:${address}`);
        const plain = classifyAddress(address);
        expect(mapped).toBe(plain === null ? null : `IPv4-mapped ${plain}`);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses every address inside a private or loopback block (property)", () => {
    const inBlock = (base: number[], prefix: number) =>
      fc.integer({ min: 0, max: 2 ** (32 - prefix) - 1 }).map((offset) => {
        const value = ((base[0]! << 24) | (base[1]! << 16) | (base[2]! << 8) | base[3]!) + offset;
        return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join(".");
      });
    fc.assert(
      fc.property(
        fc.oneof(
          inBlock([10, 0, 0, 0], 8),
          inBlock([172, 16, 0, 0], 12),
          inBlock([192, 168, 0, 0], 16),
          inBlock([127, 0, 0, 0], 8),
        ),
        (address) => {
          expect(["private", "loopback"]).toContain(classifyAddress(address));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives an answer for any IPv6 address fast-check writes (never throws)", () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        expect(classifyAddress(address)).not.toBe("unparsable");
      }),
      { numRuns: 500 },
    );
  });
});

describe("parsing", () => {
  it.each([
    ["1.2.3.4", [1, 2, 3, 4]],
    ["256.0.0.1", null],
    ["1.2.3", null],
    ["1.2.3.4.5", null],
    ["01.2.3.4", null],
    ["1.2.3.-4", null],
  ])("parseIpv4(%s)", (text, expected) => {
    expect(parseIpv4(text)).toEqual(expected);
  });

  it.each([
    ["::", Array(16).fill(0)],
    ["::1", [...Array(15).fill(0), 1]],
    ["1::", [0, 1, ...Array(14).fill(0)]],
    ["::ffff:1.2.3.4", [...Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]],
    ["1:2:3:4:5:6:7:8", [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ["1:2:3:4:5:6:7:8:9", null],
    ["1::2::3", null],
    ["1:2:3:4:5:6:7", null],
    ["1:2:3:4:5:6:7::8", null],
    ["12345::", null],
    ["1.2.3.4::", null],
    ["g::", null],
  ])("parseIpv6(%s)", (text, expected) => {
    expect(parseIpv6(text)).toEqual(expected);
  });

  it("round-trips what fast-check generates for IPv6 through Node-independent bytes (16 of them)", () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        expect(parseIpAddress(address)).toHaveLength(16);
      }),
    );
  });

  it("reads bracketed IPv6 literals and refuses hostnames", () => {
    expect(parseIpAddress("[::1]")).toHaveLength(16);
    expect(parseIpAddress("node.example.org")).toBeNull();
  });
});
