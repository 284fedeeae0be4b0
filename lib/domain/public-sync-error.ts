export const PUBLIC_SYNC_ERROR_MAX = 160;

/** IPv6 when it has "::" or at least four colons, so times like 12:30:45 are left alone. */
const ipv6 = (candidate: string) =>
  candidate.includes("::") || candidate.split(":").length > 4 ? "[address]" : candidate;

const REDACTIONS: readonly [RegExp, (match: string) => string][] = [
  [/whsec_[A-Za-z0-9+/=_-]*/g, () => "[secret]"],
  [/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, () => "[endpoint]"],
  [/\[[0-9a-f:.]*:[0-9a-f:.]*\](?::\d+)?/gi, () => "[address]"],
  [/(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi, ipv6],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, () => "[address]"],
];

/**
 * A stored sync error as the public may see it: endpoint URLs, IP addresses and anything shaped like a
 * webhook secret replaced, whitespace collapsed, cut to `max` characters. Null stays null.
 */
export function publicSyncError(error: string | null, max = PUBLIC_SYNC_ERROR_MAX): string | null {
  if (error === null) return null;
  let text = error;
  for (const [pattern, replacement] of REDACTIONS) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
