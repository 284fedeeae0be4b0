import { isIP } from "node:net";
import { isDomainError } from "@/lib/domain/errors";
import { mayUsePrivateEndpoint } from "@/lib/domain/node-protocol/private-endpoint";
import { pushWebhookId } from "@/lib/domain/sync/bundle-selection";
import {
  applyPushOutcome,
  nextAction,
  type NodeSyncState,
  type OutcomeContext,
} from "@/lib/domain/sync/push-outcome";
import { classifyPushReply, classifyReadBackReply, type PushOutcome } from "@/lib/domain/sync/push-reply";
import type { Logger } from "@/lib/server/platform/logger";
import { vetEndpointUrl, type VettedEndpoint } from "@/lib/server/platform/endpoint-url";
import type { AttemptRecorder } from "./attempt-recorder";
import type { ConcurrencyLimiter } from "./destination-limiter";
import type { PlatformSnapshot } from "./platform-snapshot";
import { requestNode, type NodeExchange } from "./push-client";
import { signPush } from "./sign-push";

/** Attempts one claim may make in a row (a GAP resend, the rest of a long catch-up, a read-back after STALE). */
export const MAX_ATTEMPTS_PER_CLAIM = 4;
const FALLBACK_READ_BACK_MS = 6 * 60 * 60_000;

export interface PassCounters {
  pushed: number;
  acknowledged: number;
  failed: number;
  readBacks: number;
}

export interface DeliveryContext {
  recorder: AttemptRecorder;
  now: () => Date;
  random: () => number;
  logger: Logger;
  platform: PlatformSnapshot;
  /** PLENUM_ALLOW_PRIVATE_ENDPOINTS: every node may use private endpoints (development). */
  allowPrivateEndpoints: boolean;
  perDestination: ConcurrencyLimiter;
  inFlight: ConcurrencyLimiter;
  timeouts?: { connectMs: number; totalMs: number };
  /** The worker is stopping: start no new request. */
  stopSignal: AbortSignal;
  /** Aborts requests still running when the worker has to stop. */
  requestSignal: AbortSignal;
  counters: PassCounters;
}

export interface DeliverableNode {
  nodeId: string;
  endpointUrl: string;
  webhookSecret: string;
  /** A demo fleet node: its endpoint may be loopback or private. */
  allowsPrivateEndpoint: boolean;
  state: NodeSyncState;
}

const FAILURES = new Set<PushOutcome["kind"]>([
  "overloaded",
  "transient",
  "bad-reply",
  "refused",
  "credentials",
]);

/** Pushes to or reads back one claimed node until it needs nothing more now, recording every attempt. */
export async function deliverToNode(ctx: DeliveryContext, node: DeliverableNode): Promise<void> {
  let state = node.state;
  for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_CLAIM; attempt++) {
    if (ctx.stopSignal.aborted) return;
    const now = ctx.now();
    const action = nextAction(state, ctx.platform, now);
    if (action.kind === "wait") {
      if (attempt === 0) await parkUntilDue(ctx, node.nodeId, state, now);
      return;
    }
    const startedAt = now;
    const body = action.kind === "push" ? await ctx.platform.pushBody(action.versions) : undefined;
    const exchange = await exchangeWithNode(
      ctx,
      node,
      action.kind === "push" ? { versions: action.versions, body: body! } : null,
    );
    if (exchange === "interrupted") return;
    const outcome =
      action.kind === "push"
        ? classifyPushReply(exchange.reply, ctx.now())
        : classifyReadBackReply(exchange.reply, ctx.now());
    const outcomeContext: OutcomeContext = {
      now: ctx.now(),
      random: ctx.random,
      platform: ctx.platform,
      attempt: action.kind === "push" ? { kind: "push", versions: action.versions } : { kind: "read-back" },
    };
    const result = applyPushOutcome(state, outcome, outcomeContext);
    countAttempt(ctx.counters, action.kind, outcome);
    if (result.alert) ctx.logger.error("sync alert", { nodeId: node.nodeId, alert: result.alert });
    await recordAttempt(ctx, node.nodeId, {
      kind: action.kind,
      startedAt,
      exchange,
      version: action.kind === "push" ? (action.versions.at(-1) ?? null) : null,
      outcome,
      error: result.state.lastError,
      state: result.state,
    });
    state = result.state;
    if (!result.isFollowUpDue) return;
  }
}

type Exchange = NodeExchange & { httpStatus: number | null };

async function exchangeWithNode(
  ctx: DeliveryContext,
  node: DeliverableNode,
  push: { versions: readonly number[]; body: string } | null,
): Promise<Exchange | "interrupted"> {
  const refused = (message: string): Exchange => ({
    reply: { transportError: "refused", message },
    durationMs: 0,
    bytesRead: 0,
    replyExcerpt: null,
    httpStatus: null,
  });
  const allowPrivate = mayUsePrivateEndpoint({
    isAllowedPlatformWide: ctx.allowPrivateEndpoints,
    isAllowedForNode: node.allowsPrivateEndpoint,
    check: "push",
  });
  let vetted: VettedEndpoint;
  try {
    vetted = await vetEndpointUrl(node.endpointUrl, { allowPrivate });
  } catch (error) {
    if (isDomainError(error)) return refused(error.message);
    throw error;
  }
  // A host name is vetted again at connect time (its DNS may have changed while the request queued);
  // an IP literal cannot change, so its first vetting stands.
  const isLiteral = isIP(new URL(vetted.url).hostname.replace(/^\[|\]$/g, "")) !== 0;
  return ctx.perDestination.run(vetted.addresses[0]!, () =>
    ctx.inFlight.run("worker", async () => {
      if (ctx.stopSignal.aborted) return "interrupted" as const;
      if (!isLiteral) {
        try {
          vetted = await vetEndpointUrl(node.endpointUrl, { allowPrivate });
        } catch (error) {
          if (isDomainError(error)) return refused(error.message);
          throw error;
        }
      }
      const headers = push
        ? signPush({
            webhookId: pushWebhookId(node.nodeId, push.versions),
            // Wall-clock seconds: the node checks them against its own clock (±5 min).
            timestampSeconds: Math.floor(Date.now() / 1000),
            body: push.body,
            webhookSecret: node.webhookSecret,
            platformKey: ctx.platform.platformKeys,
          })
        : {};
      const exchange = await requestNode({
        url: vetted.url,
        address: vetted.addresses[0]!,
        method: push ? "POST" : "GET",
        headers,
        body: push?.body,
        timeouts: ctx.timeouts,
        signal: ctx.requestSignal,
      });
      if (ctx.requestSignal.aborted) return "interrupted" as const;
      return { ...exchange, httpStatus: "httpStatus" in exchange.reply ? exchange.reply.httpStatus : null };
    }),
  );
}

function countAttempt(counters: PassCounters, kind: "push" | "read-back", outcome: PushOutcome): void {
  if (kind === "push") counters.pushed += 1;
  else counters.readBacks += 1;
  if (kind === "push" && outcome.kind === "ack") counters.acknowledged += 1;
  if (FAILURES.has(outcome.kind)) counters.failed += 1;
}

function outcomeName(outcome: PushOutcome): string {
  return outcome.kind === "transient" && outcome.isTimeout ? "timeout" : outcome.kind;
}

async function recordAttempt(
  ctx: DeliveryContext,
  nodeId: string,
  attempt: {
    kind: "push" | "read-back";
    startedAt: Date;
    exchange: Exchange;
    version: number | null;
    outcome: PushOutcome;
    error: string | null;
    state: NodeSyncState;
  },
): Promise<void> {
  await ctx.recorder.record(
    nodeId,
    {
      kind: attempt.kind,
      startedAt: attempt.startedAt,
      durationMs: attempt.exchange.durationMs,
      version: attempt.version,
      httpStatus: attempt.exchange.httpStatus,
      outcome: outcomeName(attempt.outcome),
      error: attempt.error,
      replyExcerpt: attempt.exchange.replyExcerpt,
    },
    attempt.state,
  );
}

/** A due node with nothing to do yet waits for its next read-back. */
async function parkUntilDue(
  ctx: DeliveryContext,
  nodeId: string,
  state: NodeSyncState,
  now: Date,
): Promise<void> {
  const nextAttemptAt = state.nextReadBackAt ?? new Date(now.getTime() + FALLBACK_READ_BACK_MS);
  const due =
    nextAttemptAt.getTime() > now.getTime() ? nextAttemptAt : new Date(now.getTime() + FALLBACK_READ_BACK_MS);
  await ctx.recorder.update(nodeId, { nextAttemptAt: due, desiredVersion: ctx.platform.latestVersion });
}
