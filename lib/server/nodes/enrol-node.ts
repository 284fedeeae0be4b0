import { randomBytes } from "node:crypto";
import { DomainError } from "@/lib/domain/errors";
import { enrolmentTokenStatus } from "@/lib/domain/node-protocol/enrolment-token-status";
import { mayUsePrivateEndpoint } from "@/lib/domain/node-protocol/private-endpoint";
import {
  enrolmentChallengeMessage,
  type NodeChallenge,
  type NodeRegistration,
  type NodeRegistrationRequest,
} from "@/lib/schemas/node-protocol";
import {
  ed25519PublicKeyRefusalFor,
  importEd25519PublicKey,
  isWeakEd25519PublicKey,
  verifyEd25519,
} from "@/lib/server/platform/ed25519";
import { fromBase64Url, utf8Bytes } from "@/lib/server/platform/encoding";
import type { Db } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { vetEndpointUrl, type ResolveHost } from "@/lib/server/platform/endpoint-url";
import { getNetworkInfo } from "../platform/ensure-platform";
import { hashEnrolmentToken } from "./enrolment-token-commands";
import { enforceRateLimit } from "../platform/rate-limit";
import { RATE_LIMITS } from "../platform/rate-limit-policies";
import { startNodeSync } from "../config-sync/node-sync-commands";

export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Spent and expired challenges are deleted this long after they expire. */
const CHALLENGE_RETENTION_MS = 60 * 60_000;
const UNKNOWN_REGION = "Unknown";

const NEW_CHALLENGE = "Ask for a new one with POST /api/v1/nodes/challenge and sign its message.";

/** Counts one challenge or register request from `clientIp` (each endpoint counted on its own) and throws when over. */
export function enforceEnrolmentRateLimit(
  db: Db,
  { endpoint, clientIp, now }: { endpoint: "challenge" | "register"; clientIp: string; now: Date },
): Promise<void> {
  return enforceRateLimit(db, RATE_LIMITS.nodeEnrolmentPerAddress, {
    subject: `${endpoint}:${clientIp}`,
    now,
  });
}

/** 400 for a small-order or non-canonically encoded key: any "signature" could verify under it. */
function refuseWeakPublicKey(publicKey: string): void {
  if (!isWeakEd25519PublicKey(publicKey)) return;
  throw new DomainError("BAD_INPUT", ed25519PublicKeyRefusalFor(publicKey)!);
}

/** Issues a single-use challenge for a node key; the node signs `message` to prove it holds the key. */
export async function createNodeChallenge(
  db: Db,
  { publicKey, now }: { publicKey: string; now: Date },
): Promise<NodeChallenge> {
  refuseWeakPublicKey(publicKey);
  try {
    importEd25519PublicKey(publicKey);
  } catch {
    throw new DomainError(
      "BAD_INPUT",
      "publicKey: is not an Ed25519 public key; send base64url (no padding) of the 32 raw key bytes.",
    );
  }
  const { networkId } = await getNetworkInfo(db);
  const challengeId = `chl_${randomBytes(16).toString("hex")}`;
  const expires = new Date(now.getTime() + CHALLENGE_TTL_MS);
  const expiresAt = expires.toISOString();
  const message = enrolmentChallengeMessage({ networkId, challengeId, publicKey, expiresAt });
  await db.nodeChallenge.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - CHALLENGE_RETENTION_MS) } },
  });
  await db.nodeChallenge.create({
    data: { id: challengeId, publicKey, message, expiresAt: expires, createdAt: now },
  });
  return { challengeId, message, expiresAt };
}

function tokenRefusal(status: string): DomainError {
  const messages: Record<string, string> = {
    unknown:
      "The enrolment token is not known. Copy it again from the operator's Enrolment tokens page (it starts with plnm_enr_), or ask them for a new one.",
    revoked: "The enrolment token was revoked by its operator. Ask them for a new one.",
    "used up":
      "The enrolment token has been used as many times as its operator allowed. Ask them for a new one.",
    expired: "The enrolment token has expired. Ask its operator for a new one (tokens last up to 7 days).",
  };
  return new DomainError("FORBIDDEN", messages[status] ?? messages.unknown!);
}

/**
 * Registers a node that proved it holds its key. Checks, in this order (the first failure answers):
 *   0. publicKey is an acceptable Ed25519 key: canonical, not a small-order point (400; a challenge
 *      issued before that rule cannot register such a key either);
 *   1. the challenge exists, is unused and unexpired (410 GONE);
 *   2. publicKey is the key the challenge was issued for (400);
 *   3. the signature over the challenge message verifies (401);
 *   4. the enrolment token is known, not revoked, not used up, not expired (403);
 *   5. the endpoint URL passes the safety rules (422; DNS is asked outside the transaction): loopback
 *      and private addresses only with `allowPrivateEndpoints` (PLENUM_ALLOW_PRIVATE_ENDPOINTS=1) or a
 *      token the demo fleet minted, whose permission the node keeps;
 *   then in ONE transaction: consume the challenge (410 if a concurrent request won), count the
 *   token use (403 if it was used up meanwhile), refuse a key that is already registered (409),
 *   create the node. Each step is a conditional update, so concurrent requests with one challenge
 *   create one node and a token with N uses never enrols N + 1 nodes; the key check sits inside the
 *   transaction so racing requests for one challenge all lose with 410, never 409.
 * Only a successful registration consumes the challenge (any refusal rolls back), so a node refused
 * for, say, its endpoint URL can fix it and retry with the same challenge within its 5 minutes.
 */
export async function registerNode(
  db: Db,
  {
    request,
    now,
    allowPrivateEndpoints,
    resolve,
  }: { request: NodeRegistrationRequest; now: Date; allowPrivateEndpoints: boolean; resolve?: ResolveHost },
): Promise<NodeRegistration> {
  refuseWeakPublicKey(request.publicKey);
  const challenge = await db.nodeChallenge.findUnique({
    where: { id: request.challengeId },
    select: { publicKey: true, message: true, expiresAt: true, consumedAt: true },
  });
  if (!challenge) throw new DomainError("GONE", `The challenge is unknown. ${NEW_CHALLENGE}`);
  if (challenge.consumedAt) throw new DomainError("GONE", `The challenge was already used. ${NEW_CHALLENGE}`);
  if (challenge.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError("GONE", `The challenge expired (challenges last 5 minutes). ${NEW_CHALLENGE}`);
  }
  if (challenge.publicKey !== request.publicKey) {
    throw new DomainError(
      "BAD_INPUT",
      "publicKey: differs from the key the challenge was issued for; send the same key to both endpoints.",
    );
  }
  if (!verifyEd25519(request.publicKey, utf8Bytes(challenge.message), fromBase64Url(request.signature))) {
    throw new DomainError(
      "UNAUTHENTICATED",
      "The signature does not verify: sign the UTF-8 bytes of the challenge's message exactly as received, with the private key of publicKey (Ed25519).",
    );
  }

  const token = await db.enrolmentToken.findUnique({
    where: { tokenHash: hashEnrolmentToken(request.enrolmentToken) },
    select: {
      id: true,
      operatorId: true,
      maxUses: true,
      usedCount: true,
      expiresAt: true,
      revokedAt: true,
      allowsPrivateEndpoint: true,
      operator: { select: { region: true } },
    },
  });
  if (!token) throw tokenRefusal("unknown");
  const status = enrolmentTokenStatus(token, now);
  if (status !== "active") throw tokenRefusal(status);

  const keyConflict = new DomainError(
    "CONFLICT",
    "A node with this public key is already registered. Each node needs its own key: run `npm run agent -- keygen` for a new node, or keep using the node id you were given.",
  );
  const endpoint = await vetEndpointUrl(request.endpointUrl, {
    allowPrivate: mayUsePrivateEndpoint({
      isAllowedPlatformWide: allowPrivateEndpoints,
      isAllowedForNode: token.allowsPrivateEndpoint,
      check: "registration",
    }),
    resolve,
  });
  const network = await getNetworkInfo(db);
  const webhookSecret = `whsec_${randomBytes(32).toString("base64")}`;

  try {
    const nodeId = await db.$transaction(async (tx) => {
      const consumed = await tx.nodeChallenge.updateMany({
        where: { id: request.challengeId, consumedAt: null, expiresAt: { gt: now } },
        data: { consumedAt: now },
      });
      if (consumed.count !== 1) {
        throw new DomainError("GONE", `The challenge was already used. ${NEW_CHALLENGE}`);
      }
      const counted = await tx.enrolmentToken.updateMany({
        where: {
          id: token.id,
          revokedAt: null,
          expiresAt: { gt: now },
          usedCount: { lt: tx.enrolmentToken.fields.maxUses },
        },
        data: { usedCount: { increment: 1 } },
      });
      if (counted.count !== 1) {
        const current = await tx.enrolmentToken.findUniqueOrThrow({
          where: { id: token.id },
          select: { maxUses: true, usedCount: true, expiresAt: true, revokedAt: true },
        });
        throw tokenRefusal(enrolmentTokenStatus(current, now));
      }
      const existing = await tx.node.findUnique({
        where: { publicKey: request.publicKey },
        select: { id: true },
      });
      if (existing) throw keyConflict;
      const node = await tx.node.create({
        data: {
          operatorId: token.operatorId,
          name: request.name,
          nameSearch: request.name.toLowerCase(),
          publicKey: request.publicKey,
          region: token.operator.region ?? UNKNOWN_REGION,
          status: "Active",
          createdAt: now,
          endpointUrl: endpoint.url,
          webhookSecret,
          enrolmentTokenId: token.id,
          allowsPrivateEndpoint: token.allowsPrivateEndpoint,
          verifiedAt: now,
        },
        select: { id: true },
      });
      await startNodeSync(tx, { nodeId: node.id, now });
      return node.id;
    });
    return {
      nodeId,
      webhookSecret,
      platformPublicKey: network.platformPublicKey,
      keyId: network.keyId,
      networkId: network.networkId,
    };
  } catch (error) {
    if (isUniqueViolation(error)) throw keyConflict;
    throw error;
  }
}
