import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { ExportedBallot } from "./export-shapes";

/** hex(sha256(UTF-8 bytes)), as node-protocol.md "Public audit exports" defines a hash. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** RFC 8785 canonical JSON. */
export function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("This value has no JSON form, so it cannot be canonicalised.");
  return text;
}

export function ballotReceipt(roundId: string, ballot: ExportedBallot): string {
  const { operatorId, submittedAt } = ballot;
  const allocations = ballot.allocations.map(({ proposalId, votes }) => ({ proposalId, votes }));
  return sha256Hex(`${ballot.prevReceipt}\n${canonical({ roundId, operatorId, submittedAt, allocations })}`);
}
