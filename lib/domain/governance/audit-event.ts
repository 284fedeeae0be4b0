import canonicalize from "canonicalize";

export interface AuditEventFields {
  seq: number;
  /** ISO-8601 UTC with milliseconds, as `Date.prototype.toISOString()` writes it. */
  at: string;
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

/** RFC 8785 canonical JSON; throws for values JSON cannot represent (undefined, functions, NaN). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("This value has no JSON form, so it cannot be canonicalised.");
  return text;
}

/** The exact text an audit event's hash covers: prevHash + "\n" + canonical({ seq, at, type, subject, data }). */
export function auditEventHashInput(prevHash: string, event: AuditEventFields): string {
  const { seq, at, type, subject, data } = event;
  return `${prevHash}\n${canonicalJson({ seq, at, type, subject, data })}`;
}

export interface ChainedAuditEvent extends AuditEventFields {
  prevHash: string;
  hash: string;
}

/**
 * Checks a run of events starting at seq 1 (or after `start`): seqs consecutive, each prevHash the hash
 * before it, each hash recomputed with `hashText`. Returns the seq where the chain first breaks, or null.
 */
export function findBrokenAuditEvent(
  events: readonly ChainedAuditEvent[],
  hashText: (text: string) => string,
  start: { seq: number; hash: string } = { seq: 0, hash: "" },
): number | null {
  let previous = start;
  for (const event of events) {
    const isValid =
      event.seq === previous.seq + 1 &&
      event.prevHash === previous.hash &&
      event.hash === hashText(auditEventHashInput(event.prevHash, event));
    if (!isValid) return previous.seq + 1;
    previous = { seq: event.seq, hash: event.hash };
  }
  return null;
}
