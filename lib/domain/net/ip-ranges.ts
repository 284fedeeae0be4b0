/**
 * Address ranges Plenum never pushes to (node-protocol.md "Endpoint URL safety"). Pure: addresses are
 * parsed here from their text form, so the same rules run at registration and at connect time.
 */

type Bytes = readonly number[];

interface Range {
  /** First address of the range as bytes (4 for IPv4, 16 for IPv6). */
  base: Bytes;
  prefix: number;
  /** How the refusal names it: "resolves to 10.0.0.5, a private address". */
  name: string;
}

const v4 = (cidr: string, name: string): Range => {
  const [address, prefix] = cidr.split("/");
  return { base: parseIpv4(address!)!, prefix: Number(prefix), name };
};

const v6 = (cidr: string, name: string): Range => {
  const [address, prefix] = cidr.split("/");
  return { base: parseIpv6(address!)!, prefix: Number(prefix), name };
};

const IPV4_REFUSED: readonly Range[] = [
  v4("0.0.0.0/8", '"this network"'),
  v4("10.0.0.0/8", "private"),
  v4("100.64.0.0/10", "carrier-grade NAT"),
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local"),
  v4("172.16.0.0/12", "private"),
  v4("192.0.0.0/24", "IETF protocol assignment"),
  v4("192.0.2.0/24", "documentation"),
  v4("192.168.0.0/16", "private"),
  v4("198.18.0.0/15", "benchmarking"),
  v4("198.51.100.0/24", "documentation"),
  v4("203.0.113.0/24", "documentation"),
  v4("224.0.0.0/4", "multicast"),
  v4("255.255.255.255/32", "broadcast"),
  v4("240.0.0.0/4", "reserved"),
];

const IPV6_REFUSED: readonly Range[] = [
  v6("::/128", "unspecified"),
  v6("::1/128", "loopback"),
  v6("100::/64", "discard-only"),
  v6("2001:db8::/32", "documentation"),
  v6("2001::/23", "IETF protocol assignment"),
  v6("fc00::/7", "unique local"),
  v6("fe80::/10", "link-local"),
  v6("fec0::/10", "site-local"),
  v6("ff00::/8", "multicast"),
];

/** IPv6 forms that carry an IPv4 address: the embedded address decides. [range, offset of the v4 bytes] */
const IPV4_EMBEDDING: readonly [Range, number][] = [
  [v6("::ffff:0:0/96", "IPv4-mapped"), 12],
  [v6("::/96", "IPv4-compatible"), 12],
  [v6("64:ff9b::/96", "NAT64"), 12],
  [v6("64:ff9b:1::/48", "local NAT64"), 12],
  [v6("2002::/16", "6to4"), 2],
];

const GLOBAL_UNICAST_V6 = v6("2000::/3", "global unicast");

function inRange(bytes: Bytes, range: Range): boolean {
  if (bytes.length !== range.base.length) return false;
  let remaining = range.prefix;
  for (let index = 0; remaining > 0; index += 1, remaining -= 8) {
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    if ((bytes[index]! & mask) !== (range.base[index]! & mask)) return false;
  }
  return true;
}

/** Four bytes of a dotted-quad IPv4 address; null for anything else (leading zeros included). */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^(0|[1-9][0-9]{0,2})$/.test(part) ? Number(part) : 256));
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

/** Sixteen bytes of an IPv6 address (with `::` and an optional trailing dotted quad); null otherwise. */
export function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === "") return [];
    const groups: number[] = [];
    const parts = half.split(":");
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1 && part.includes(".")) {
        const quad = parseIpv4(part);
        if (!quad) return null;
        groups.push((quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        groups.push(parseInt(part, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  // A dotted quad may only end the address.
  if (halves.length === 2 && halves[0]!.includes(".")) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** The bytes of an IPv4 or IPv6 address in text form (IPv6 may be bracketed); null when it is neither. */
export function parseIpAddress(text: string): number[] | null {
  const unbracketed = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return parseIpv4(unbracketed) ?? (unbracketed.includes(":") ? parseIpv6(unbracketed) : null);
}

function classifyBytes(bytes: Bytes): string | null {
  if (bytes.length === 4) return IPV4_REFUSED.find((range) => inRange(bytes, range))?.name ?? null;
  const special = IPV6_REFUSED.find((range) => inRange(bytes, range));
  if (special) return special.name;
  const embedding = IPV4_EMBEDDING.find(([range]) => inRange(bytes, range));
  if (embedding) {
    const [range, offset] = embedding;
    const inner = classifyBytes(bytes.slice(offset, offset + 4));
    return inner === null ? null : `${range.name} ${inner}`;
  }
  return inRange(bytes, GLOBAL_UNICAST_V6) ? null : "reserved";
}

/**
 * Rule: only public unicast addresses are pushed to. Returns the name of the refused range an address
 * falls in ("private", "loopback", "IPv4-mapped private", …), or null for a public unicast address.
 * Text that is not an IP address is refused as "unparsable".
 */
export function classifyAddress(ip: string): string | null {
  const bytes = parseIpAddress(ip);
  return bytes ? classifyBytes(bytes) : "unparsable";
}
