import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePrefixes, mostFrequentPrefix, networkPrefix, parseAddress } from "./network-prefix";

const DEFAULT = { v4Bits: 24, v6Bits: 48 };

describe("networkPrefix", () => {
  it.each([
    ["203.0.113.77", DEFAULT, "203.0.113.0/24"],
    ["203.0.113.77", { v4Bits: 8, v6Bits: 48 }, "203.0.0.0/8"],
    ["203.0.113.77", { v4Bits: 32, v6Bits: 48 }, "203.0.113.77/32"],
    ["203.0.113.77", { v4Bits: 20, v6Bits: 48 }, "203.0.112.0/20"],
    ["::ffff:203.0.113.77", DEFAULT, "203.0.113.0/24"],
    ["::FFFF:cb00:714d", DEFAULT, "203.0.113.0/24"],
    ["2001:db8:7:1::42", DEFAULT, "2001:db8:7::/48"],
    ["2001:DB8:0007:0001:0000:0000:0000:0042", DEFAULT, "2001:db8:7::/48"],
    ["[2001:db8:7:1::42]", DEFAULT, "2001:db8:7::/48"],
    ["fe80::1%eth0", { v4Bits: 24, v6Bits: 64 }, "fe80::/64"],
    ["2001:db8:7:1::42", { v4Bits: 24, v6Bits: 16 }, "2001::/16"],
    ["2001:db8:ffff:ffff::", { v4Bits: 24, v6Bits: 33 }, "2001:db8:8000::/33"],
    ["::1", DEFAULT, "::/48"],
    ["127.4.9.1", DEFAULT, "127.4.9.0/24"],
  ])("%s with %j is %s", (address, lengths, prefix) => {
    expect(networkPrefix(address, lengths)).toBe(prefix);
  });

  it.each([
    "",
    "unknown",
    "256.1.1.1",
    "1.2.3",
    "01.2.3.4",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "gggg::1",
    "1.2.3.4:80",
  ])("has no prefix for %j", (text) => {
    expect(networkPrefix(text, DEFAULT)).toBeNull();
  });

  it("puts two addresses in one cluster exactly when their leading bits agree (property)", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 8, max: 32 }), (a, b, bits) => {
        const toInt = (address: string) =>
          address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
        const sameLeadingBits =
          Math.floor(toInt(a) / 2 ** (32 - bits)) === Math.floor(toInt(b) / 2 ** (32 - bits));
        const lengths = { v4Bits: bits, v6Bits: 48 };
        expect(networkPrefix(a, lengths) === networkPrefix(b, lengths)).toBe(sameLeadingBits);
      }),
      { numRuns: 1_000 },
    );
  });

  it("reads every IPv6 spelling of one address alike, and its prefix parses back to itself (property)", () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 16, max: 64 }), (address, bits) => {
        const lengths = { v4Bits: 24, v6Bits: bits };
        const prefix = networkPrefix(address, lengths);
        expect(prefix).not.toBeNull();
        const parsed = parseAddress(address)!;
        if (parsed.family === 6) {
          const expanded = Array.from({ length: 8 }, (_, index) =>
            ((parsed.bytes[index * 2]! << 8) | parsed.bytes[index * 2 + 1]!).toString(16).padStart(4, "0"),
          ).join(":");
          expect(networkPrefix(expanded.toUpperCase(), lengths)).toBe(prefix);
        }
        expect(networkPrefix(prefix!.slice(0, prefix!.lastIndexOf("/")), lengths)).toBe(prefix);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("comparePrefixes and mostFrequentPrefix", () => {
  it("orders prefixes as numbers, IPv4 first", () => {
    const sorted = ["2001:db8::/48", "10.0.0.0/24", "9.0.0.0/24", "10.0.0.0/16", "::/48"].sort(
      comparePrefixes,
    );
    expect(sorted).toEqual(["9.0.0.0/24", "10.0.0.0/16", "10.0.0.0/24", "::/48", "2001:db8::/48"]);
  });

  it("picks the prefix counted most, ties to the smallest, and nothing from nothing", () => {
    expect(
      mostFrequentPrefix([
        ["10.0.0.0/24", 3],
        ["9.0.0.0/24", 5],
      ]),
    ).toBe("9.0.0.0/24");
    expect(
      mostFrequentPrefix([
        ["10.0.0.0/24", 5],
        ["9.0.0.0/24", 5],
        ["198.51.100.0/24", 5],
      ]),
    ).toBe("9.0.0.0/24");
    expect(mostFrequentPrefix([["10.0.0.0/24", 0]])).toBeNull();
    expect(mostFrequentPrefix([])).toBeNull();
  });

  it("does not depend on the order counts arrive in (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            fc.ipV4().map((a) => networkPrefix(a, DEFAULT)!),
            fc.integer({ min: 1, max: 4 }),
          ),
          {
            selector: ([prefix]) => prefix,
            maxLength: 12,
          },
        ),
        (counts) => {
          expect(mostFrequentPrefix([...counts].reverse())).toBe(mostFrequentPrefix(counts));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
