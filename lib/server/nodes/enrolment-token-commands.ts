import { randomBytes } from "node:crypto";
import { DomainError } from "@/lib/domain/errors";
import {
  createEnrolmentTokenInputSchema,
  ENROLMENT_TOKEN_PREFIX,
  MAX_ACTIVE_ENROLMENT_TOKENS,
  type CreateEnrolmentTokenInput,
  type CreatedEnrolmentToken,
  type RevokedEnrolmentToken,
} from "@/lib/schemas/enrolment-tokens";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { Db, DbOrTransaction } from "@/lib/server/platform/db";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";

const HOUR_MS = 3_600_000;

/** Tokens are stored only as this hash; a database leak reveals no usable token. */
export function hashEnrolmentToken(token: string): string {
  return sha256Hex(token);
}

function activeTokenFilter(operatorId: string, now: Date) {
  return { operatorId, revokedAt: null, expiresAt: { gt: now } };
}

type CreateEnrolmentTokenOptions = CreateEnrolmentTokenInput & { operatorId: string; now: Date };

/**
 * Creates a token for an operator (web UI and admin CLI); at most 20 usable tokens at once. Its nodes
 * must use public https endpoints (unless the platform runs with PLENUM_ALLOW_PRIVATE_ENDPOINTS=1).
 */
export function createEnrolmentToken(
  db: Db,
  options: CreateEnrolmentTokenOptions,
): Promise<CreatedEnrolmentToken> {
  return insertEnrolmentToken(db, options, { allowsPrivateEndpoint: false });
}

/**
 * The demo fleet's token for its own nodes, whose endpoints are on 127.0.0.1: nodes enrolled with it may
 * use loopback and private endpoints. Only the fleet, which runs beside the platform with access to its
 * database, calls this; nothing on the web or in the admin CLI does.
 */
export function createFleetEnrolmentToken(
  db: Db,
  options: CreateEnrolmentTokenOptions,
): Promise<CreatedEnrolmentToken> {
  return insertEnrolmentToken(db, options, { allowsPrivateEndpoint: true });
}

async function insertEnrolmentToken(
  db: Db,
  { operatorId, now, ...input }: CreateEnrolmentTokenOptions,
  { allowsPrivateEndpoint }: { allowsPrivateEndpoint: boolean },
): Promise<CreatedEnrolmentToken> {
  const parsed = createEnrolmentTokenInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError("BAD_INPUT", parsed.error.issues.map((issue) => issue.message).join("; "));
  }
  const { label, maxUses, expiresInHours } = parsed.data;
  const token = `${ENROLMENT_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + expiresInHours * HOUR_MS);
  return db.$transaction(async (tx) => {
    const live = await tx.enrolmentToken.findMany({
      where: activeTokenFilter(operatorId, now),
      select: { usedCount: true, maxUses: true },
    });
    const activeCount = live.filter((row) => row.usedCount < row.maxUses).length;
    if (activeCount >= MAX_ACTIVE_ENROLMENT_TOKENS) {
      throw new DomainError(
        "CONFLICT",
        `You already have ${activeCount} active enrolment tokens, the most allowed. Revoke one you no longer need, or wait until one expires, then create a new one.`,
      );
    }
    const { id } = await tx.enrolmentToken.create({
      data: {
        operatorId,
        label,
        tokenHash: hashEnrolmentToken(token),
        maxUses,
        expiresAt,
        createdAt: now,
        allowsPrivateEndpoint,
      },
      select: { id: true },
    });
    return { id, token, label, maxUses, expiresAt };
  });
}

/**
 * A signed-in operator creating a token for themselves: counted against RATE_LIMITS.enrolmentTokenCreate
 * first. The admin CLI creates tokens with createEnrolmentToken and the demo fleet with
 * createFleetEnrolmentToken, unlimited.
 */
export async function createOwnEnrolmentToken(
  db: Db,
  options: CreateEnrolmentTokenOptions,
): Promise<CreatedEnrolmentToken> {
  await enforceRateLimit(db, RATE_LIMITS.enrolmentTokenCreate, {
    subject: options.operatorId,
    now: options.now,
  });
  return createEnrolmentToken(db, options);
}

/** Revokes one of the operator's own tokens (idempotent); someone else's token is NOT_FOUND. */
export async function revokeEnrolmentToken(
  db: DbOrTransaction,
  { operatorId, tokenId, now }: { operatorId: string; tokenId: string; now: Date },
): Promise<RevokedEnrolmentToken> {
  await db.enrolmentToken.updateMany({
    where: { id: tokenId, operatorId, revokedAt: null },
    data: { revokedAt: now },
  });
  const token = await db.enrolmentToken.findFirst({
    where: { id: tokenId, operatorId },
    select: { id: true, revokedAt: true },
  });
  if (!token?.revokedAt) {
    throw new DomainError(
      "NOT_FOUND",
      "You have no enrolment token with this id. Reload the token list to see your current tokens.",
    );
  }
  return { id: token.id, revokedAt: token.revokedAt };
}
