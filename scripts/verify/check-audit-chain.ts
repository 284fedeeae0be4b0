import type { AuditExport } from "./export-shapes";
import { canonical, sha256Hex } from "./hashing";
import { count, shortHash, type CheckGroup, type Difference } from "./report";

/**
 * seq consecutive from 1, each prevHash the hash before it ("" first), each hash =
 * sha256(prevHash + "\n" + canonical({ seq, at, type, subject, data })), and the head is the last event.
 * Every event is compared with the one actually before it, so a deleted or moved row shows up where it is.
 */
export function checkAuditChain(audit: AuditExport): CheckGroup {
  const differences: Difference[] = [];
  let previous = { seq: 0, hash: "" };
  for (const event of audit.events) {
    const where = `seq ${event.seq}`;
    if (event.seq !== previous.seq + 1) {
      differences.push({
        where,
        what: "seq does not follow the event before it",
        expected: previous.seq + 1,
        found: event.seq,
      });
    }
    if (event.prevHash !== previous.hash) {
      differences.push({
        where,
        what: "prevHash is not the hash of the event before it",
        expected: previous.hash,
        found: event.prevHash,
      });
    }
    const { seq, at, type, subject, data } = event;
    const hash = sha256Hex(`${event.prevHash}\n${canonical({ seq, at, type, subject, data })}`);
    if (event.hash !== hash) {
      differences.push({
        where,
        what: `hash does not match the event's content (${type} on ${subject})`,
        expected: hash,
        found: event.hash,
      });
    }
    previous = { seq: event.seq, hash: event.hash };
  }
  if (audit.head.seq !== previous.seq || audit.head.hash !== previous.hash) {
    differences.push({
      where: "head",
      what:
        audit.head.seq > previous.seq
          ? "the export stops before the chain head: export every page (or run the verifier on the base URL)"
          : "head is not the last event",
      expected: previous,
      found: audit.head,
    });
  }
  return {
    check: "audit chain",
    summary: `${count(audit.events.length, "event")}, head ${shortHash(audit.head.hash)}`,
    differences,
  };
}
