import { randomBytes } from "node:crypto";
import { buildConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type { NetworkInfo } from "@/lib/schemas/node-protocol";
import { signConfigEnvelope } from "@/lib/server/governance/sign-config-envelope";
import type { Db, DbOrTransaction } from "@/lib/server/platform/db";
import { configurePlatformKeys, platformKeySetting, type PlatformKeySetting } from "./platform-key-store";
import {
  createFirstPlatformKey,
  getSigningKey,
  NOT_BOOTSTRAPPED,
  reconcilePlatformKeys,
  SIGNING_KEY,
} from "./platform-keys";

export { getSigningKey };

async function findNetworkId(db: DbOrTransaction): Promise<string | null> {
  const network = await db.network.findUnique({ where: { singleton: true }, select: { id: true } });
  return network?.id ?? null;
}

/**
 * Creates the network, the platform key and config version 1 (the catalogue defaults, active at
 * once) in one transaction the first time it runs; afterwards it only returns the network id.
 * Either way the platform's private keys end up where `keys` says (default: PLENUM_PLATFORM_KEY_FILE,
 * PLENUM_PLATFORM_KEY, else the database): see reconcilePlatformKeys — a key file others may read, or a
 * signing key whose private key is nowhere, stops start-up with a PlatformKeyError saying what to do.
 */
export async function ensurePlatform(
  db: Db,
  { networkName, now, keys }: { networkName: string; now: Date; keys?: PlatformKeySetting },
): Promise<{ networkId: string; created: boolean }> {
  if (keys) configurePlatformKeys(keys);
  const existing = await findNetworkId(db);
  if (existing) {
    await reconcilePlatformKeys(db, { now });
    return { networkId: existing, created: false };
  }

  const networkId = `net_${randomBytes(8).toString("hex")}`;
  const key = createFirstPlatformKey(platformKeySetting());
  const genesis = signConfigEnvelope(
    buildConfigEnvelope(null, {
      networkId,
      issuedAt: now,
      activateAt: now,
      proposals: [],
      params: defaultParameterValues(),
    }),
    key,
  );
  try {
    await db.$transaction(async (tx) => {
      await tx.network.create({ data: { id: networkId, name: networkName, createdAt: now } });
      await tx.platformKey.create({
        data: {
          keyId: key.keyId,
          publicKey: key.publicKey,
          privateKeyPem: key.storedPrivateKeyPem,
          createdAt: now,
        },
      });
      await tx.configVersion.create({
        data: {
          version: 1,
          envelope: genesis.text,
          sha256: genesis.sha256,
          prevSha256: "",
          signature: genesis.signature,
          keyId: genesis.keyId,
          issuedAt: now,
          activateAt: now,
          activatedAt: now,
        },
      });
    });
  } catch (error) {
    // Another process bootstrapping at the same time won the singleton row (a unique violation, or
    // SQLite refusing the second writer): its network is the one to use.
    const winner = await findNetworkId(db);
    if (winner) {
      await reconcilePlatformKeys(db, { now });
      return { networkId: winner, created: false };
    }
    throw error;
  }
  return { networkId, created: true };
}

export async function getNetworkInfo(db: DbOrTransaction): Promise<NetworkInfo> {
  const network = await db.network.findUnique({
    where: { singleton: true },
    select: { id: true, name: true },
  });
  const latest = await db.configVersion.findFirst({
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const key = await db.platformKey.findFirst({ ...SIGNING_KEY, select: { keyId: true, publicKey: true } });
  if (!network || !latest || !key) throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
  const { keyId, publicKey } = key;
  return {
    networkId: network.id,
    name: network.name,
    platformPublicKey: publicKey,
    keyId,
    latestVersion: latest.version,
  };
}
