/**
 * Address ranges Plenum never pushes to (node-protocol.md "Endpoint URL safety"). Addresses arrive in
 * text form; node:net's `isIP` decides what is an address and its `BlockList` does the range
 * matching, so the same rules run at registration and at connect time.
 */
import { BlockList, isIP } from "node:net";

/** [first address, prefix length, how a refusal names it: "resolves to 10.0.0.5, a private address"] */
type RangeRow = readonly [address: string, prefix: number, name: string];

interface Range {
  name: string;
  list: BlockList;
}

/**
 * One BlockList per range, asked only about addresses of its own family: BlockList would also match
 * ::ffff:a.b.c.d against an IPv4 rule, and the embedded forms are named below instead.
 */
function range(family: "ipv4" | "ipv6", [address, prefix, name]: RangeRow): Range {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { name, list };
}

const rangesOf = (family: "ipv4" | "ipv6", rows: readonly RangeRow[]): Range[] =>
  rows.map((row) => range(family, row));

/** Checked in order: the first range an address falls in names it (broadcast before reserved). */
const IPV4_REFUSED = rangesOf("ipv4", [
  ["0.0.0.0", 8, '"this network"'],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignment"],
  ["192.0.2.0", 24, "documentation"],
  // RFC 7526 deprecated the anycast relays: whoever answers there today is nobody's node.
  ["192.88.99.0", 24, "6to4 relay anycast"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["255.255.255.255", 32, "broadcast"],
  ["240.0.0.0", 4, "reserved"],
]);

const IPV6_REFUSED = rangesOf("ipv6", [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["100::", 64, "discard-only"],
  ["2001:db8::", 32, "documentation"],
  ["2001::", 23, "IETF protocol assignment"],
  ["fc00::", 7, "unique local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
]);

/** IPv6 forms that carry an IPv4 address: the embedded one decides. `group`: the first of its two 16-bit groups. */
const IPV4_EMBEDDING: readonly (Range & { group: number })[] = [
  { ...range("ipv6", ["::ffff:0:0", 96, "IPv4-mapped"]), group: 6 },
  { ...range("ipv6", ["::", 96, "IPv4-compatible"]), group: 6 },
  { ...range("ipv6", ["64:ff9b::", 96, "NAT64"]), group: 6 },
  { ...range("ipv6", ["64:ff9b:1::", 48, "local NAT64"]), group: 6 },
  { ...range("ipv6", ["2002::", 16, "6to4"]), group: 1 },
];

const GLOBAL_UNICAST_V6 = range("ipv6", ["2000::", 3, "global unicast"]);

type Parsed = { family: "ipv4"; text: string } | { family: "ipv6"; text: string; groups: number[] };

/**
 * The eight 16-bit groups of an address `isIP` accepted as IPv6. The WHATWG URL parser writes it in
 * canonical form first (lower-case hex groups, at most one `::`, no dotted quad), so only `::` is left
 * to expand.
 */
function canonicalIpv6(text: string): { text: string; groups: number[] } | null {
  let canonical: string;
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const groupsOf = (part: string | undefined) =>
    part ? part.split(":").map((group) => parseInt(group, 16)) : [];
  const [head, tail] = canonical.split("::");
  const before = groupsOf(head);
  const after = groupsOf(tail);
  const zeros = Array<number>(8 - before.length - after.length).fill(0);
  return { text: canonical, groups: [...before, ...zeros, ...after] };
}

/** Dotted-quad IPv4 (no leading zeros, no short or hex forms) or IPv6 without a zone; IPv6 may be bracketed. */
function parse(text: string): Parsed | null {
  const unbracketed = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const version = isIP(unbracketed);
  if (version === 4) return { family: "ipv4", text: unbracketed };
  // A zone index (fe80::1%eth0) names an interface of this machine: never an endpoint.
  if (version !== 6 || unbracketed.includes("%")) return null;
  const canonical = canonicalIpv6(unbracketed);
  return canonical && { family: "ipv6", ...canonical };
}

const bytesOf = (parsed: Parsed): number[] =>
  parsed.family === "ipv4"
    ? parsed.text.split(".").map(Number)
    : parsed.groups.flatMap((group) => [group >> 8, group & 0xff]);

/** Four bytes of a dotted-quad IPv4 address; null for anything else (leading zeros included). */
export function parseIpv4(text: string): number[] | null {
  return isIP(text) === 4 ? text.split(".").map(Number) : null;
}

/** Sixteen bytes of an IPv6 address (with `::` and an optional trailing dotted quad); null otherwise. */
export function parseIpv6(text: string): number[] | null {
  const parsed = isIP(text) === 6 ? parse(text) : null;
  return parsed && bytesOf(parsed);
}

/** The bytes of an IPv4 or IPv6 address in text form (IPv6 may be bracketed); null when it is neither. */
export function parseIpAddress(text: string): number[] | null {
  const parsed = parse(text);
  return parsed && bytesOf(parsed);
}

function classifyIpv4(text: string): string | null {
  return IPV4_REFUSED.find((entry) => entry.list.check(text, "ipv4"))?.name ?? null;
}

function classifyIpv6(text: string, groups: readonly number[]): string | null {
  const special = IPV6_REFUSED.find((entry) => entry.list.check(text, "ipv6"));
  if (special) return special.name;
  const embedding = IPV4_EMBEDDING.find((entry) => entry.list.check(text, "ipv6"));
  if (embedding) {
    const high = groups[embedding.group]!;
    const low = groups[embedding.group + 1]!;
    const inner = classifyIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff].join("."));
    return inner === null ? null : `${embedding.name} ${inner}`;
  }
  return GLOBAL_UNICAST_V6.list.check(text, "ipv6") ? null : "reserved";
}

/**
 * Rule: only public unicast addresses are pushed to. Returns the name of the refused range an address
 * falls in ("private", "loopback", "IPv4-mapped private", …), or null for a public unicast address.
 * Text that is not an IP address is refused as "unparsable".
 */
export function classifyAddress(ip: string): string | null {
  const parsed = parse(ip);
  if (!parsed) return "unparsable";
  return parsed.family === "ipv4" ? classifyIpv4(parsed.text) : classifyIpv6(parsed.text, parsed.groups);
}
