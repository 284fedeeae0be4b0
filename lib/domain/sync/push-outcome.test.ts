import { describe, expect, it } from "vitest";
import {
  applyPushOutcome,
  nextAction,
  type NodeSyncState,
  type OutcomeContext,
  type PlatformVersions,
} from "./push-outcome";
import type { PushOutcome } from "./push-reply";

const NOW = new Date("2026-11-25T12:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const sha = (version: number) => String(version).padStart(64, "0");
const HOUR = 60 * 60_000;

/** Versions 1–3 active, 4 scheduled in 1 h. */
const platform: PlatformVersions = {
  latestVersion: 4,
  activeVersion: 3,
  versions: new Map(
    [1, 2, 3, 4].map((version) => [
      version,
      { sha256: sha(version), activateAt: version === 4 ? later(HOUR) : later(-HOUR) },
    ]),
  ),
};

const state = (overrides: Partial<NodeSyncState> = {}): NodeSyncState => ({
  desiredVersion: 4,
  acknowledgedVersion: 2,
  acknowledgedSha256: sha(2),
  observedVersion: 2,
  observedSha256: sha(2),
  status: "Pending",
  failureCount: 0,
  failingSince: null,
  nextAttemptAt: NOW,
  nextReadBackAt: null,
  lastAttemptAt: null,
  lastError: null,
  nackedVersion: null,
  ...overrides,
});

const push = (versions: number[]): OutcomeContext => ({
  now: NOW,
  random: () => 0.5,
  platform,
  attempt: { kind: "push", versions },
});
const readBack: OutcomeContext = { now: NOW, random: () => 0.5, platform, attempt: { kind: "read-back" } };

describe("applyPushOutcome", () => {
  it("ACK of everything: Synced, back-off reset, read back 5 min after the scheduled activation", () => {
    const result = applyPushOutcome(
      state({ failureCount: 0 }),
      { kind: "ack", activeVersion: 3, stagedVersion: 4, sha256: sha(4) },
      push([3, 4]),
    );
    expect(result.state).toMatchObject({
      status: "Synced",
      acknowledgedVersion: 4,
      acknowledgedSha256: sha(4),
      observedVersion: 3,
      failureCount: 0,
    });
    expect(result.state.nextReadBackAt).toEqual(later(HOUR + 5 * 60_000));
    expect(result.state.nextAttemptAt).toEqual(result.state.nextReadBackAt);
    expect(result.isFollowUpDue).toBe(false);
  });

  it("ACK after failures (a reconnect): reads back at once", () => {
    const result = applyPushOutcome(
      state({ failureCount: 3, failingSince: later(-HOUR) }),
      { kind: "ack", activeVersion: 3, stagedVersion: 4, sha256: sha(4) },
      push([3, 4]),
    );
    expect(result.state).toMatchObject({
      status: "Synced",
      failureCount: 0,
      failingSince: null,
      nextReadBackAt: NOW,
      nextAttemptAt: NOW,
    });
    expect(result.isFollowUpDue).toBe(true);
  });

  it.each<[string, NodeSyncState, PushOutcome, OutcomeContext, Partial<NodeSyncState>, boolean]>([
    [
      "ACK of part of the versions: pushes the rest at once",
      state(),
      { kind: "ack", activeVersion: 3, stagedVersion: 3, sha256: sha(3) },
      push([3]),
      { status: "Pending", acknowledgedVersion: 3, nextAttemptAt: NOW },
      true,
    ],
    [
      "ACK with a wrong hash: Degraded, retried on the schedule",
      state(),
      { kind: "ack", activeVersion: 3, stagedVersion: 4, sha256: sha(9) },
      push([3, 4]),
      { status: "Degraded", acknowledgedVersion: 2, failureCount: 1, nextAttemptAt: later(5_000) },
      false,
    ],
    [
      "ACK of a version never issued: Quarantined",
      state(),
      { kind: "ack", activeVersion: 7, stagedVersion: 7, sha256: sha(7) },
      push([3, 4]),
      { status: "Quarantined", nextAttemptAt: later(24 * HOUR) },
      false,
    ],
    [
      "STALE ahead of every version: Quarantined",
      state(),
      { kind: "stale", currentVersion: 9 },
      push([3, 4]),
      { status: "Quarantined" },
      false,
    ],
    [
      "STALE at the latest: acknowledged, hash read back at once",
      state(),
      { kind: "stale", currentVersion: 4 },
      push([3, 4]),
      { status: "Pending", acknowledgedVersion: 4, acknowledgedSha256: null, nextReadBackAt: NOW },
      true,
    ],
    [
      "STALE below what was sent: Degraded",
      state(),
      { kind: "stale", currentVersion: 1 },
      push([3, 4]),
      { status: "Degraded", failureCount: 1 },
      false,
    ],
    [
      "GAP: resend from currentVersion + 1 at once",
      state({ acknowledgedVersion: 3 }),
      { kind: "gap", currentVersion: 1 },
      push([4]),
      { acknowledgedVersion: 1, status: "Pending", nextAttemptAt: NOW },
      true,
    ],
    [
      "GAP that would loop: Degraded",
      state({ acknowledgedVersion: 3 }),
      { kind: "gap", currentVersion: 3 },
      push([4]),
      { status: "Degraded", failureCount: 1 },
      false,
    ],
    [
      "NACK: Degraded, version held back, no back-off",
      state({ failureCount: 2 }),
      { kind: "nack", currentVersion: 2, code: "CHAIN_MISMATCH", message: "no." },
      push([3, 4]),
      { status: "Degraded", nackedVersion: 4, failureCount: 0 },
      false,
    ],
    [
      "401: Degraded with the schedule",
      state(),
      { kind: "credentials", httpStatus: 401, message: "bad v1" },
      push([3, 4]),
      { status: "Degraded", failureCount: 1, nextAttemptAt: later(5_000) },
      false,
    ],
    ["410: Gone", state(), { kind: "gone" }, push([3, 4]), { status: "Gone" }, false],
    [
      "429 with Retry-After 1 h on the 2nd failure: 2 × 5 min",
      state({ failureCount: 1, failingSince: NOW }),
      { kind: "overloaded", httpStatus: 429, retryAfterSeconds: 3_600 },
      push([3, 4]),
      { status: "Pending", failureCount: 2, nextAttemptAt: later(10 * 60_000) },
      false,
    ],
    [
      "timeout: at least 60 s",
      state(),
      { kind: "transient", httpStatus: null, isTimeout: true, error: "slow" },
      push([3, 4]),
      { failureCount: 1, nextAttemptAt: later(60_000), lastError: "slow" },
      false,
    ],
    [
      "failing for 120 h: Unreachable, probed daily",
      state({ failureCount: 20, failingSince: later(-120 * HOUR) }),
      { kind: "transient", httpStatus: 502, isTimeout: false, error: "502" },
      push([3, 4]),
      { status: "Unreachable", nextAttemptAt: later(24 * HOUR) },
      false,
    ],
    [
      "a failed read-back of a synced node keeps it Synced",
      state({ status: "Synced", acknowledgedVersion: 4 }),
      { kind: "transient", httpStatus: null, isTimeout: false, error: "reset" },
      readBack,
      { status: "Synced", failureCount: 1 },
      false,
    ],
    [
      "read-back showing lost versions: OutOfSync, pushed again at once",
      state({ status: "Synced", acknowledgedVersion: 4 }),
      { kind: "ack", activeVersion: 2, stagedVersion: 2, sha256: sha(2) },
      readBack,
      { status: "OutOfSync", acknowledgedVersion: 2, nextAttemptAt: NOW },
      true,
    ],
    [
      "read-back of a node that never activated the active version: OutOfSync",
      state({ status: "Synced", acknowledgedVersion: 4 }),
      { kind: "ack", activeVersion: 2, stagedVersion: 4, sha256: sha(4) },
      readBack,
      { status: "OutOfSync", acknowledgedVersion: 4 },
      false,
    ],
    [
      "endpoint refused at connect time: Degraded",
      state(),
      { kind: "refused", error: "loopback" },
      push([3, 4]),
      { status: "Degraded", lastError: "loopback", failureCount: 1 },
      false,
    ],
  ])("%s", (_, before, outcome, ctx, expected, isFollowUpDue) => {
    const result = applyPushOutcome(before, outcome, ctx);
    expect(result.state).toMatchObject({ ...expected, lastAttemptAt: NOW, desiredVersion: 4 });
    expect(result.isFollowUpDue).toBe(isFollowUpDue);
  });

  it("clears a refusal once a newer version exists and the node takes it", () => {
    const result = applyPushOutcome(
      state({ status: "Degraded", nackedVersion: 3, acknowledgedVersion: 2 }),
      { kind: "ack", activeVersion: 3, stagedVersion: 4, sha256: sha(4) },
      push([3, 4]),
    );
    expect(result.state).toMatchObject({ status: "Synced", nackedVersion: null });
  });
});

describe("nextAction", () => {
  it.each<[string, Partial<NodeSyncState>, ReturnType<typeof nextAction>]>([
    ["behind: push the missing versions", { acknowledgedVersion: 2 }, { kind: "push", versions: [3, 4] }],
    [
      "refused the latest: wait",
      { acknowledgedVersion: 2, nackedVersion: 4, nextReadBackAt: later(HOUR) },
      { kind: "wait" },
    ],
    [
      "in sync, read-back due: read back",
      { acknowledgedVersion: 4, nextReadBackAt: NOW },
      { kind: "read-back" },
    ],
    [
      "in sync, read-back later: wait",
      { acknowledgedVersion: 4, nextReadBackAt: later(HOUR) },
      { kind: "wait" },
    ],
    [
      "OutOfSync with nothing to push: read back",
      { acknowledgedVersion: 4, status: "OutOfSync", nextReadBackAt: later(HOUR) },
      { kind: "read-back" },
    ],
    ["Quarantined: only read back", { acknowledgedVersion: 1, status: "Quarantined" }, { kind: "read-back" }],
    ["Gone: nothing", { status: "Gone" }, { kind: "wait" }],
  ])("%s", (_, overrides, expected) => {
    expect(nextAction(state(overrides), platform, NOW)).toEqual(expected);
  });
});
