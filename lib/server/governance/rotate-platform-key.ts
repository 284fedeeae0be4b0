import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import {
  overlapDaysProblem,
  overlapEndsAt,
  PLATFORM_KEY_EVENT_TYPES,
  platformKeySubject,
} from "@/lib/domain/config/platform-key-rotation";
import { DomainError } from "@/lib/domain/errors";
import { configVersionSubject, ROUND_EVENT_TYPES } from "@/lib/domain/voting/round-events";
import type { Db } from "@/lib/server/platform/db";
import { platformKeySetting } from "@/lib/server/platform/platform-key-store";
import {
  createNextPlatformKey,
  getSigningKey,
  reconcilePlatformKeys,
} from "@/lib/server/platform/platform-keys";
import { appendGovernanceEvents, withGovernanceTransaction } from "./governance-chain";
import { issueConfigVersion } from "./issue-config-version";

export interface PlatformKeyRotation {
  retiredKeyId: string;
  keyId: string;
  publicKey: string;
  /** The version signed by the retired key that names the new one (nextPlatformKey). */
  version: number;
  /** Until then the retired key still signs pushes; afterwards its private key is removed. */
  validUntil: Date;
}

/**
 * Rotates the platform's signing key (`npm run admin -- rotate-platform-key`):
 *   1. keys past their overlap are removed first (the same clean-up as at start);
 *   2. a new key is made and stored where the current one is (the database, or appended to the key file);
 *   3. in one governance transaction: config version N+1 — the newest version's params, no proposals,
 *      active now — signed by the CURRENT key and carrying `nextPlatformKey`, so every node that trusts
 *      the current key learns the new one from the platform itself; the current key retired with
 *      `validUntil = now + overlap`; the new key stored as the signing key; the events
 *      config.version-created and platform-key.rotated appended to the governance chain.
 * From then on the new key signs new versions and GET /api/v1/network names it; pushes carry one
 * signature per key until the overlap ends.
 */
export async function rotatePlatformKey(
  db: Db,
  { now, overlapDays }: { now: Date; overlapDays: number },
): Promise<PlatformKeyRotation> {
  const problem = overlapDaysProblem(overlapDays);
  if (problem) throw new DomainError("BAD_INPUT", problem);
  await reconcilePlatformKeys(db, { now });
  const setting = platformKeySetting();
  const current = await getSigningKey(db);
  const next = createNextPlatformKey(setting);
  const validUntil = overlapEndsAt(now, overlapDays);
  try {
    return await withGovernanceTransaction(db, async (tx) => {
      const latest = await tx.configVersion.findFirst({
        orderBy: { version: "desc" },
        select: { envelope: true },
      });
      if (!latest) throw new DomainError("NOT_READY", "No config version exists yet: run `npm start` first.");
      const issued = await issueConfigVersion(tx, {
        params: parseConfigEnvelope(latest.envelope).params,
        activateAt: now,
        proposals: [],
        now,
        nextPlatformKey: { keyId: next.keyId, publicKey: next.publicKey },
      });
      const retired = await tx.platformKey.updateMany({
        where: { keyId: current.keyId, retiredAt: null },
        data: { retiredAt: now, validUntil },
      });
      if (issued.keyId !== current.keyId || retired.count !== 1) {
        throw new DomainError(
          "CONFLICT",
          "Another rotation of the platform key ran at the same moment; nothing was changed by this one. Check `GET /api/v1/network` and run it again if needed.",
        );
      }
      await tx.platformKey.create({
        data: {
          keyId: next.keyId,
          publicKey: next.publicKey,
          privateKeyPem: next.storedPrivateKeyPem,
          createdAt: now,
        },
      });
      await appendGovernanceEvents(
        tx,
        [
          {
            type: ROUND_EVENT_TYPES.configVersionCreated,
            subject: configVersionSubject(issued.version),
            data: {
              version: issued.version,
              sha256: issued.sha256,
              activateAt: now.toISOString(),
              proposals: [],
              reason: "platform-key-rotation",
            },
          },
          {
            type: PLATFORM_KEY_EVENT_TYPES.rotated,
            subject: platformKeySubject(next.keyId),
            data: {
              keyId: next.keyId,
              publicKey: next.publicKey,
              retiredKeyId: current.keyId,
              validUntil: validUntil.toISOString(),
              announcedIn: issued.version,
            },
          },
        ],
        now,
      );
      return {
        retiredKeyId: current.keyId,
        keyId: next.keyId,
        publicKey: next.publicKey,
        version: issued.version,
        validUntil,
      };
    });
  } catch (error) {
    next.discard();
    throw error;
  }
}
