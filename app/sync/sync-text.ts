/** 7 → "v7"; no version → "none". */
export function versionText(version: number | null): string {
  return version === null || version === 0 ? "none" : `v${version}`;
}

const OUTCOME_LABELS: Record<string, string> = {
  ack: "Acknowledged",
  stale: "Node is ahead (STALE)",
  gap: "Node misses versions (GAP)",
  nack: "Refused (NACK)",
  credentials: "Signature refused",
  gone: "Node left",
  overloaded: "Busy, asked to wait",
  transient: "Failed, will retry",
  timeout: "No answer in time",
  "bad-reply": "Unreadable answer",
  refused: "Address not allowed",
};

/** What a delivery attempt came to, in words; an unknown outcome is shown as stored. */
export function attemptOutcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}
