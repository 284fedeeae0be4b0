import { randomBytes } from "node:crypto";
import { buildConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type { NetworkInfo } from "@/lib/schemas/node-protocol";
import { generateEd25519KeyPair, keyIdFor } from "@/lib/server/platform/ed25519";
import { signConfigEnvelope } from "@/lib/server/governance/sign-config-envelope";
import type { Db, DbOrTransaction } from "@/lib/server/platform/db";

const NOT_BOOTSTRAPPED =
  "The platform has not been set up yet: run `npm start` (it applies the migrations like `npm run db:deploy` " +
  "and creates the network, its signing key and config version 1), then try again.";

const SIGNING_KEY = {
  where: { retiredAt: null },
  orderBy: [{ createdAt: "desc" as const }, { keyId: "desc" as const }],
};

async function findNetworkId(db: DbOrTransaction): Promise<string | null> {
  const network = await db.network.findUnique({ where: { singleton: true }, select: { id: true } });
  return network?.id ?? null;
}

/**
 * Creates the network, the platform key and config version 1 (the catalogue defaults, active at
 * once) in one transaction the first time it runs; afterwards it only returns the network id.
 */
export async function ensurePlatform(
  db: Db,
  { networkName, now }: { networkName: string; now: Date },
): Promise<{ networkId: string; created: boolean }> {
  const existing = await findNetworkId(db);
  if (existing) return { networkId: existing, created: false };

  const networkId = `net_${randomBytes(8).toString("hex")}`;
  const pair = generateEd25519KeyPair();
  const key = { keyId: keyIdFor(pair.publicKey), privateKeyPem: pair.privateKeyPem };
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
          publicKey: pair.publicKey,
          privateKeyPem: key.privateKeyPem,
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
    if (winner) return { networkId: winner, created: false };
    throw error;
  }
  return { networkId, created: true };
}

/** The key that signs new versions: the newest one not retired. The private key never leaves the server. */
export async function getSigningKey(
  db: DbOrTransaction,
): Promise<{ keyId: string; publicKey: string; privateKeyPem: string }> {
  const key = await db.platformKey.findFirst({
    ...SIGNING_KEY,
    select: { keyId: true, publicKey: true, privateKeyPem: true },
  });
  if (!key) throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
  return key;
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
