import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import {
  computeEpoch,
  epochRewardParams,
  EpochNotComputable,
  type EpochResult,
  type EpochStatus,
} from "@/lib/domain/rewards/compute-epoch";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbTransaction } from "@/lib/server/platform/db";
import { isLockContention, isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { configInForce, loadEpochInputs, type EpochInputs } from "./epoch-input-queries";

export const EPOCH_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 120_000 } as const;
/** Longest blocked reason stored: a database error's message can run to pages. */
const MAX_REASON_LENGTH = 1_000;

export const dayText = (day: Date) => day.toISOString().slice(0, 10);

/** A computed epoch with what its rows are written from. */
export interface ComputedEpoch {
  result: EpochResult;
  configVersion: number;
  inputs: EpochInputs;
}

/** The Epoch row's figures of a computed epoch. */
export function computedEpochFields({ result, configVersion }: ComputedEpoch, now: Date) {
  return {
    configVersion,
    computedAt: now,
    nodes: result.nodes.length,
    paidNodes: result.paidNodes,
    freeRiders: result.freeRiders,
    freeRidersInGrace: result.freeRidersInGrace,
    emissionCapMicro: result.emissionCapMicro,
    unscaledMicro: result.unscaledMicro,
    paidMicro: result.paidMicro,
    scale: result.scale,
    bytesUp: result.bytesUp,
    corroboratedBytesUp: result.corroboratedBytesUp,
    paidBytesUp: result.paidBytesUp,
    status: "Computed" satisfies EpochStatus,
    blockedReason: null,
  };
}

/** The Epoch row of an epoch that could not be computed: nothing paid, the reason in words. */
export function blockedEpochFields({ configVersion, reason }: EpochFailure, now: Date) {
  return {
    configVersion,
    computedAt: now,
    nodes: 0,
    paidNodes: 0,
    freeRiders: 0,
    freeRidersInGrace: 0,
    emissionCapMicro: 0n,
    unscaledMicro: 0n,
    paidMicro: 0n,
    scale: 1,
    bytesUp: 0n,
    corroboratedBytesUp: 0n,
    paidBytesUp: 0n,
    status: "Blocked" satisfies EpochStatus,
    blockedReason: reason,
  };
}

export async function insertLedgerLines(tx: DbTransaction, { result, inputs }: ComputedEpoch): Promise<void> {
  const usage = new Map(inputs.nodes.map((input) => [input.nodeId, input.usage]));
  await tx.rewardLedgerEntry.createMany({
    data: result.nodes.map((node) => {
      const nodeUsage = usage.get(node.nodeId);
      return {
        day: result.day,
        nodeId: node.nodeId,
        operatorId: node.operatorId,
        uptimeSeconds: nodeUsage?.uptimeSeconds ?? 0,
        windowSeconds: nodeUsage?.windowSeconds ?? 0,
        bytesUp: node.bytesUp,
        bytesDown: nodeUsage?.bytesDown ?? 0n,
        latencyMsSeconds: nodeUsage?.latencyMsSeconds ?? 0n,
        corroboratedBytesUp: node.corroboratedBytesUp,
        paidBytesUp: node.paidBytesUp,
        clusterPrefix: inputs.clusters.get(node.nodeId) ?? null,
        classification: node.classification,
        unscaledMicro: node.unscaledMicro,
        rewardMicro: node.rewardMicro,
        speed: node.speed,
        reliability: node.reliability,
        contribution: node.contribution,
        score: node.score,
        ratingBefore: node.ratingBefore,
        rating: node.rating,
      };
    }),
  });
}

/** Why an epoch could not be computed; thrown out of its transaction so the Blocked row is stored in a fresh one. */
export class EpochFailure extends Error {
  override name = "EpochFailure";
  constructor(
    readonly day: Date,
    readonly configVersion: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function errorCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}

/**
 * The database busy, unreachable or out of time (another worker's lock, P1xxx connection errors, P2024
 * pool timeout, P2028 transaction timeout): the next run retries, so the epoch is not blocked for it.
 */
function isPassingDatabaseTrouble(error: unknown): boolean {
  const code = errorCode(error);
  return (
    isLockContention(error) ||
    isUniqueViolation(error) ||
    /^P1\d{3}$/.test(code) ||
    code === "P2024" ||
    code === "P2028"
  );
}

/**
 * A failure as a blocked epoch's reason: EpochNotComputable's own words (the figure, the bound, what to
 * do), else the error's message (its last line: a database error's ends with the cause) and what to do.
 */
function blockedReason(error: unknown, day: Date): string {
  if (error instanceof EpochNotComputable) return error.message.slice(0, MAX_REASON_LENGTH);
  const message = error instanceof Error ? error.message : String(error);
  const cause = (message.split("\n").findLast((line) => line.trim()) ?? "unknown error").trim();
  const reason = `Computing the epoch of ${dayText(day)} failed: ${cause.replace(/\.?$/, ".")} Repair the cause, then run \`npm run admin -- rerun-epoch ${dayText(day)}\`.`;
  return reason.slice(0, MAX_REASON_LENGTH);
}

/**
 * Computes the epoch of `day` from the database and writes it with `write`, inside `tx`. Any failure other
 * than passing database trouble (a figure too large to store, an unreadable config, a rule's error, a
 * row the database refuses) becomes an EpochFailure carrying the reason the Blocked row will store.
 */
export async function computeAndWrite(
  tx: DbTransaction,
  day: Date,
  write: (computed: ComputedEpoch) => Promise<void>,
): Promise<ComputedEpoch> {
  const config = await configInForce(tx, day);
  try {
    const params = parseConfigEnvelope(config.envelope).params;
    const inputs = await loadEpochInputs(tx, day);
    const result = computeEpoch({ day, params: epochRewardParams(params), nodes: inputs.nodes });
    const computed = { result, configVersion: config.version, inputs };
    await write(computed);
    return computed;
  } catch (error) {
    if (isPassingDatabaseTrouble(error)) throw error;
    throw new EpochFailure(day, config.version, blockedReason(error, day));
  }
}

/** SQLite: a write first takes the write lock up front, so a second worker waits here and then reads what the first stored. */
export async function takeEpochLock(tx: DbTransaction): Promise<void> {
  await tx.$executeRaw(Prisma.sql`UPDATE "Epoch" SET "day" = "day" WHERE 1 = 0`);
}
