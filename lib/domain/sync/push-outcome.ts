import { selectBundleVersions } from "./bundle-selection";
import type { PushOutcome } from "./push-reply";
import { nextReadBackAt } from "./read-back-schedule";
import { nextRetry, type FailureKind } from "./retry-schedule";
import { ACTIVATION_GRACE_MS, type SyncStatus } from "./sync-status";

/** The per-node delivery state the engine keeps (the NodeSync row without its lease). */
export interface NodeSyncState {
  desiredVersion: number;
  acknowledgedVersion: number | null;
  acknowledgedSha256: string | null;
  observedVersion: number | null;
  observedSha256: string | null;
  status: SyncStatus;
  failureCount: number;
  failingSince: Date | null;
  nextAttemptAt: Date;
  nextReadBackAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  nackedVersion: number | null;
}

export interface PlatformVersions {
  latestVersion: number;
  activeVersion: number;
  versions: ReadonlyMap<number, { sha256: string; activateAt: Date }>;
}

export interface OutcomeContext {
  now: Date;
  random: () => number;
  platform: PlatformVersions;
  /** What was attempted: a push of these versions (ascending) or a read-back. */
  attempt: { kind: "push"; versions: readonly number[] } | { kind: "read-back" };
}

export interface OutcomeResult {
  state: NodeSyncState;
  /** Attempt again at once, in the same claim (GAP, or more versions to send). */
  isFollowUpDue: boolean;
  /** Something an operator should look at (bad credentials, a lying node). */
  alert: string | null;
}

/** Which action a due node needs now: push the bundle, read its state back, or nothing yet. */
export function nextAction(
  state: NodeSyncState,
  platform: PlatformVersions,
  now: Date,
): { kind: "push"; versions: number[] } | { kind: "read-back" } | { kind: "wait" } {
  if (state.status === "Gone") return { kind: "wait" };
  const versions =
    state.status === "Quarantined"
      ? []
      : selectBundleVersions({
          acknowledgedVersion: state.acknowledgedVersion,
          latestVersion: platform.latestVersion,
          activeVersion: platform.activeVersion,
          nackedVersion: state.nackedVersion,
        });
  if (versions.length > 0) return { kind: "push", versions };
  const isReadBackDue =
    state.status === "OutOfSync" ||
    state.status === "Quarantined" ||
    (state.nextReadBackAt !== null && state.nextReadBackAt.getTime() <= now.getTime());
  return isReadBackDue ? { kind: "read-back" } : { kind: "wait" };
}

/**
 * The next NodeSync fields after one attempt, following the answer table of node-protocol.md
 * "Push" and the retry and read-back rules of "Delivery rules".
 */
export function applyPushOutcome(
  state: NodeSyncState,
  outcome: PushOutcome,
  ctx: OutcomeContext,
): OutcomeResult {
  const { platform } = ctx;
  const pushedHighest = ctx.attempt.kind === "push" ? (ctx.attempt.versions.at(-1) ?? 0) : null;
  const pushedFirst = ctx.attempt.kind === "push" ? (ctx.attempt.versions[0] ?? 0) : null;
  const base: NodeSyncState = { ...state, desiredVersion: platform.latestVersion, lastAttemptAt: ctx.now };
  switch (outcome.kind) {
    case "ack": {
      if (outcome.stagedVersion > platform.latestVersion) {
        return quarantine(base, ctx, `reports version ${outcome.stagedVersion}`);
      }
      const ours = platform.versions.get(outcome.stagedVersion);
      const isFresh = outcome.stagedVersion === 0 && outcome.sha256 === null;
      if (!isFresh && outcome.sha256 !== ours?.sha256) {
        const error = `The node reports sha256 ${outcome.sha256 ?? "null"} for version ${outcome.stagedVersion}, but the platform's is ${ours?.sha256}. Check the node's stored config; it may be corrupted or tampered with.`;
        return { ...fail(base, ctx, "transient", { status: "Degraded", error }), alert: error };
      }
      return contact(base, ctx, {
        acknowledgedVersion: outcome.stagedVersion,
        acknowledgedSha256: outcome.sha256,
        observedVersion: outcome.activeVersion,
        observedSha256: outcome.sha256,
        wentBackwards:
          ctx.attempt.kind === "read-back" && outcome.stagedVersion < (state.acknowledgedVersion ?? 0),
      });
    }
    case "stale": {
      if (outcome.currentVersion > platform.latestVersion) {
        return quarantine(base, ctx, `claims version ${outcome.currentVersion}`);
      }
      if (pushedHighest !== null && outcome.currentVersion < pushedHighest) {
        const error = `The node answered STALE with currentVersion ${outcome.currentVersion}, below the version ${pushedHighest} it was sent; its endpoint does not follow the protocol.`;
        return noFollowUp(fail(base, ctx, "transient", { status: "Degraded", error }));
      }
      return contact(base, ctx, {
        acknowledgedVersion: outcome.currentVersion,
        acknowledgedSha256: null,
        isReadBackNeeded: true,
      });
    }
    case "gap": {
      if (pushedFirst !== null && outcome.currentVersion + 1 >= pushedFirst) {
        const error = `The node answered GAP with currentVersion ${outcome.currentVersion}, but the bundle started at version ${pushedFirst}; its endpoint does not follow the protocol.`;
        return noFollowUp(fail(base, ctx, "transient", { status: "Degraded", error }));
      }
      return contact(base, ctx, { acknowledgedVersion: outcome.currentVersion, acknowledgedSha256: null });
    }
    case "nack": {
      const error = `The node refused version ${pushedHighest ?? "?"} (NACK ${outcome.code}): ${outcome.message} It is not sent again until a newer version exists or someone retries.`;
      const readBackAt = scheduleReadBack(base, ctx, false);
      return {
        state: {
          ...base,
          status: "Degraded",
          nackedVersion: pushedHighest,
          failureCount: 0,
          failingSince: null,
          lastError: error,
          nextReadBackAt: readBackAt,
          nextAttemptAt: readBackAt,
        },
        isFollowUpDue: false,
        alert: null,
      };
    }
    case "credentials": {
      const error = `The node refused the push signature (HTTP ${outcome.httpStatus}: ${outcome.message}). Check that the node uses the webhook secret and platform key from its registration.`;
      return { ...fail(base, ctx, "transient", { status: "Degraded", error }), alert: error };
    }
    case "gone":
      return {
        state: {
          ...base,
          status: "Gone",
          lastError: "The node answered 410: it left the network. Nothing more is pushed to it.",
        },
        isFollowUpDue: false,
        alert: null,
      };
    case "overloaded":
      return noFollowUp(
        fail(base, ctx, "overloaded", {
          error: `The node is overloaded (HTTP ${outcome.httpStatus}${outcome.retryAfterSeconds === null ? "" : `, Retry-After ${outcome.retryAfterSeconds} s`}).`,
          retryAfterSeconds: outcome.retryAfterSeconds,
        }),
      );
    case "transient":
      return noFollowUp(
        fail(base, ctx, outcome.isTimeout ? "timeout" : "transient", { error: outcome.error }),
      );
    case "bad-reply":
      return noFollowUp(fail(base, ctx, "transient", { status: "Degraded", error: outcome.error }));
    case "refused":
      return noFollowUp(fail(base, ctx, "transient", { status: "Degraded", error: outcome.error }));
  }
}

function noFollowUp(result: Omit<OutcomeResult, "alert"> & { alert?: string | null }): OutcomeResult {
  return { state: result.state, isFollowUpDue: false, alert: result.alert ?? null };
}

function quarantine(base: NodeSyncState, ctx: OutcomeContext, claim: string): OutcomeResult {
  const error = `The node ${claim}, but the platform's latest is ${ctx.platform.latestVersion}: it is quarantined and nothing is pushed until an operator checks it and retries.`;
  const probeAt = new Date(ctx.now.getTime() + 24 * 60 * 60_000);
  return {
    state: {
      ...base,
      status: "Quarantined",
      failureCount: 0,
      failingSince: null,
      lastError: error,
      nextReadBackAt: probeAt,
      nextAttemptAt: probeAt,
    },
    isFollowUpDue: false,
    alert: error,
  };
}

function fail(
  base: NodeSyncState,
  ctx: OutcomeContext,
  kind: FailureKind,
  options: { error: string; status?: SyncStatus; retryAfterSeconds?: number | null },
): { state: NodeSyncState; isFollowUpDue: false } {
  const failingSince = base.failingSince ?? ctx.now;
  const failureCount = base.failureCount + 1;
  const retry = nextRetry({
    failureCount,
    failingForMs: ctx.now.getTime() - failingSince.getTime(),
    kind,
    retryAfterSeconds: options.retryAfterSeconds,
    random: ctx.random(),
  });
  return {
    state: {
      ...base,
      status: retry.isUnreachable ? "Unreachable" : (options.status ?? failureStatus(base, ctx)),
      failureCount,
      failingSince,
      lastError: options.error,
      nextAttemptAt: new Date(ctx.now.getTime() + retry.delayMs),
    },
    isFollowUpDue: false,
  };
}

/** A failed read-back of a node that held everything leaves it Synced; other statuses that name a problem stay. */
function failureStatus(base: NodeSyncState, ctx: OutcomeContext): SyncStatus {
  if (base.status === "Synced" && ctx.attempt.kind === "read-back") return "Synced";
  if (["Degraded", "OutOfSync", "Quarantined"].includes(base.status)) return base.status;
  return "Pending";
}

function scheduleReadBack(state: NodeSyncState, ctx: OutcomeContext, isReconnect: boolean): Date {
  const upcoming: Date[] = [];
  for (const [version, { activateAt }] of ctx.platform.versions) {
    if (version <= (state.acknowledgedVersion ?? 0) && activateAt.getTime() > ctx.now.getTime()) {
      upcoming.push(activateAt);
    }
  }
  return nextReadBackAt({ now: ctx.now, random: ctx.random(), upcomingActivations: upcoming, isReconnect });
}

/** The node answered as the protocol expects: reset the back-off and decide what comes next. */
function contact(
  base: NodeSyncState,
  ctx: OutcomeContext,
  seen: {
    acknowledgedVersion: number;
    acknowledgedSha256: string | null;
    observedVersion?: number;
    observedSha256?: string | null;
    wentBackwards?: boolean;
    isReadBackNeeded?: boolean;
  },
): OutcomeResult {
  const { platform, now } = ctx;
  const state: NodeSyncState = {
    ...base,
    acknowledgedVersion: seen.acknowledgedVersion,
    acknowledgedSha256: seen.acknowledgedSha256,
    observedVersion: seen.observedVersion ?? base.observedVersion,
    observedSha256: seen.observedSha256 !== undefined ? seen.observedSha256 : base.observedSha256,
    failureCount: 0,
    failingSince: null,
    lastError: null,
  };
  if (state.nackedVersion !== null && platform.latestVersion > state.nackedVersion)
    state.nackedVersion = null;
  const isReconnect = base.failureCount > 0 && ctx.attempt.kind === "push";
  const readBackAt = seen.isReadBackNeeded === true ? now : scheduleReadBack(state, ctx, isReconnect);
  state.nextReadBackAt = readBackAt;
  const hasMoreToSend =
    selectBundleVersions({
      acknowledgedVersion: state.acknowledgedVersion,
      latestVersion: platform.latestVersion,
      activeVersion: platform.activeVersion,
      nackedVersion: state.nackedVersion,
    }).length > 0;
  if (hasMoreToSend) {
    state.status = seen.wentBackwards === true ? "OutOfSync" : "Pending";
    state.nextAttemptAt = now;
    return { state, isFollowUpDue: true, alert: null };
  }
  state.status = contactStatus(state, ctx);
  state.nextAttemptAt = readBackAt;
  return { state, isFollowUpDue: readBackAt.getTime() <= now.getTime(), alert: null };
}

function contactStatus(state: NodeSyncState, ctx: OutcomeContext): SyncStatus {
  const { platform, now } = ctx;
  if (state.nackedVersion !== null) return "Degraded";
  if ((state.acknowledgedVersion ?? 0) < platform.latestVersion) return "Pending";
  if (state.acknowledgedSha256 === null) return "Pending";
  if (state.observedVersion !== null && ctx.attempt.kind === "read-back") {
    const activeSince = platform.versions.get(platform.activeVersion)?.activateAt ?? now;
    const isPastGrace = now.getTime() - activeSince.getTime() >= ACTIVATION_GRACE_MS;
    if (state.observedVersion < platform.activeVersion && isPastGrace) return "OutOfSync";
  }
  return "Synced";
}
