/** Requests signed by a node (node-protocol.md "Requests signed by a node"). */

export const NODE_REQUEST_SIGNING_PREFIX = "plenum-node-req-v1";
export const NODE_ID_HEADER = "plenum-node-id";
export const NODE_TIMESTAMP_HEADER = "plenum-timestamp";
export const NODE_SIGNATURE_HEADER = "plenum-signature";

/** A request is refused when its timestamp is further than this from the server clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const TIMESTAMP_PATTERN = /^(0|[1-9][0-9]{0,11})$/;
const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

export interface NodeRequestSigningFields {
  method: string;
  /** Path and query as sent, without scheme and host: see nodeRequestPath. */
  path: string;
  /** Unix seconds. */
  timestamp: number;
  bodySha256Hex: string;
}

/** The exact text a node signs: prefix, METHOD, PATH, timestamp and hex(sha256(body)), one per line. */
export function nodeRequestSigningInput({
  method,
  path,
  timestamp,
  bodySha256Hex,
}: NodeRequestSigningFields): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`The timestamp must be whole Unix seconds, got ${timestamp}`);
  }
  if (!SHA256_HEX_PATTERN.test(bodySha256Hex)) {
    throw new RangeError("The body hash must be 64 lower-case hex digits");
  }
  if (!path.startsWith("/") || /[\s]/.test(path)) {
    throw new RangeError(`The path must start with "/" and hold no whitespace, got ${JSON.stringify(path)}`);
  }
  return [NODE_REQUEST_SIGNING_PREFIX, method.toUpperCase(), path, String(timestamp), bodySha256Hex].join(
    "\n",
  );
}

/** PATH of the signing input: the URL's pathname, then "?" and the query when the URL has one. */
export function nodeRequestPath({ pathname, search }: { pathname: string; search: string }): string {
  return `${pathname}${search}`;
}

/** The `plenum-timestamp` header as Unix seconds, or null unless it is plain decimal digits. */
export function parseNodeTimestamp(header: string): number | null {
  return TIMESTAMP_PATTERN.test(header) ? Number(header) : null;
}

/** Seconds from the server clock to the request's timestamp, to the millisecond (positive: the node is ahead). */
export function clockSkewSeconds(timestamp: number, now: Date): number {
  return (timestamp * 1000 - now.getTime()) / 1000;
}

export function isWithinClockSkew(timestamp: number, now: Date): boolean {
  return Math.abs(timestamp * 1000 - now.getTime()) <= MAX_CLOCK_SKEW_SECONDS * 1000;
}

/** A signature must be remembered until its timestamp leaves the accepted window. */
export function replayRecordExpiresAt(timestamp: number): Date {
  return new Date((timestamp + MAX_CLOCK_SKEW_SECONDS) * 1000);
}

/** A remembered signature may be forgotten once no request carrying it could pass the clock check. */
export function isReplayRecordExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() < now.getTime();
}
