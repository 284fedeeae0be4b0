import { describe, expect, it } from "vitest";
import { SYNC_STATUSES } from "./sync-status";
import { canRetryNodeSyncNow, isRetryableSyncStatus, mayRetryNodeSync, type SyncViewer } from "./retry-now";

const owner: SyncViewer = { id: "op_owner", role: "operator" };
const otherOperator: SyncViewer = { id: "op_other", role: "operator" };
const steward: SyncViewer = { id: "op_steward", role: "steward" };
const admin: SyncViewer = { id: "op_admin", role: "admin" };

describe("isRetryableSyncStatus", () => {
  it.each(SYNC_STATUSES.map((status) => [status, ["Degraded", "OutOfSync", "Unreachable"].includes(status)]))(
    "%s is retryable: %s",
    (status, expected) => {
      expect(isRetryableSyncStatus(status)).toBe(expected);
    },
  );

  it("refuses a status it does not know", () => {
    expect(isRetryableSyncStatus("unknown")).toBe(false);
  });
});

describe("mayRetryNodeSync", () => {
  it.each([
    ["the node's operator", owner, true],
    ["another operator", otherOperator, false],
    ["a steward", steward, true],
    ["an admin", admin, true],
    ["an anonymous visitor", null, false],
  ] as const)("%s may ask: %s", (_who, viewer, expected) => {
    expect(mayRetryNodeSync(viewer, owner.id)).toBe(expected);
  });
});

describe("canRetryNodeSyncNow", () => {
  const node = { operatorId: owner.id, status: "Degraded", hasEndpoint: true };
  it.each([
    ["a failing node with an endpoint, for its operator", owner, node, true],
    ["a failing node with an endpoint, for a steward", steward, node, true],
    ["a failing node, for another operator", otherOperator, node, false],
    ["a failing node, for an anonymous visitor", null, node, false],
    ["a node without an endpoint", owner, { ...node, hasEndpoint: false }, false],
    ["a synced node", owner, { ...node, status: "Synced" }, false],
    ["an unreachable node", admin, { ...node, status: "Unreachable" }, true],
    ["a quarantined node", admin, { ...node, status: "Quarantined" }, false],
  ] as const)("%s: %s", (_case, viewer, candidate, expected) => {
    expect(canRetryNodeSyncNow(viewer, candidate)).toBe(expected);
  });
});
