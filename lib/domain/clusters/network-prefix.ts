/** The cluster of every request whose source address could not be read. */
export const UNKNOWN_CLUSTER_PREFIX = "unknown";

/** How wide a network cluster is: the active config's gov.clusterPrefixV4 / gov.clusterPrefixV6. */
export interface ClusterPrefixLengths {
  v4Bits: number;
  v6Bits: number;
}

type ParsedAddress = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  // "010" is refused, not read as 10 or as octal 8: the address must have one meaning.
  return octets.every((octet, index) => octet <= 255 && String(octet) === match[index + 1]) ? octets : null;
}

/** The 16 bytes of an IPv6 address (an embedded IPv4 tail allowed), or null. */
function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === "") return [];
    const groups: number[] = [];
    const pieces = part.split(":");
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes(".")) {
        const tail = parseIpv4(piece);
        if (!tail) return null;
        groups.push((tail[0]! << 8) | tail[1]!, (tail[2]! << 8) | tail[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
      groups.push(parseInt(piece, 16));
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** An IP address as bytes, IPv4-mapped IPv6 (::ffff:a.b.c.d) read as the IPv4 address it carries. */
export function parseAddress(text: string): ParsedAddress | null {
  const address = text
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "");
  const v4 = parseIpv4(address);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIpv6(address);
  if (!v6) return null;
  const isMapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return isMapped ? { family: 4, bytes: v6.slice(12) } : { family: 6, bytes: v6 };
}

function masked(bytes: readonly number[], bits: number): number[] {
  return bytes.map((byte, index) => {
    const keep = Math.max(0, Math.min(8, bits - index * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
}

/** RFC 5952 text of 16 bytes: lower case, the longest run of two or more zero groups as "::". */
function formatIpv6(bytes: readonly number[]): string {
  const groups = Array.from({ length: 8 }, (_, index) => (bytes[index * 2]! << 8) | bytes[index * 2 + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * The network cluster an address belongs to (product.md "Who counts"): its IPv4 /v4Bits or IPv6 /v6Bits
 * prefix in canonical text ("203.0.113.0/24", "2001:db8:7::/48"); null when the text is not an address.
 */
export function networkPrefix(address: string, lengths: ClusterPrefixLengths): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return null;
  if (parsed.family === 4) return `${masked(parsed.bytes, lengths.v4Bits).join(".")}/${lengths.v4Bits}`;
  return `${formatIpv6(masked(parsed.bytes, lengths.v6Bits))}/${lengths.v6Bits}`;
}

function prefixSortKey(prefix: string): { family: number; bytes: number[]; bits: number } | null {
  const slash = prefix.lastIndexOf("/");
  const parsed = slash < 0 ? null : parseAddress(prefix.slice(0, slash));
  const bits = Number(prefix.slice(slash + 1));
  if (!parsed || !Number.isInteger(bits)) return null;
  return { family: parsed.family, bytes: parsed.bytes, bits };
}

/**
 * Orders prefixes by address, as numbers (IPv4 before IPv6, then byte by byte, then the shorter
 * prefix first); text that is no prefix comes last, by its characters. "Ties: the smallest prefix".
 */
export function comparePrefixes(a: string, b: string): number {
  const keyA = prefixSortKey(a);
  const keyB = prefixSortKey(b);
  if (!keyA || !keyB) {
    if (keyA) return -1;
    if (keyB) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (keyA.family !== keyB.family) return keyA.family - keyB.family;
  for (let index = 0; index < keyA.bytes.length; index += 1) {
    const difference = keyA.bytes[index]! - keyB.bytes[index]!;
    if (difference !== 0) return difference;
  }
  return keyA.bits - keyB.bits;
}

/** The prefix counted most often; ties go to the smallest prefix (comparePrefixes). Null for none. */
export function mostFrequentPrefix(
  counts: Iterable<readonly [prefix: string, count: number]>,
): string | null {
  let best: { prefix: string; count: number } | null = null;
  for (const [prefix, count] of counts) {
    if (count <= 0) continue;
    if (!best || count > best.count || (count === best.count && comparePrefixes(prefix, best.prefix) < 0)) {
      best = { prefix, count };
    }
  }
  return best?.prefix ?? null;
}
