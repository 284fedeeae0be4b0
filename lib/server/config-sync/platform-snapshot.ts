import type { KeyObject } from "node:crypto";
import { selectActiveVersion } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import type { PlatformVersions } from "@/lib/domain/sync/push-outcome";
import type { ConfigVersionResponse } from "@/lib/schemas/node-protocol";
import { importEd25519PrivateKey } from "@/lib/server/platform/ed25519";
import { toBase64Url, utf8Bytes } from "@/lib/server/platform/encoding";
import type { Db } from "@/lib/server/platform/db";
import { getPushSigningKeys } from "@/lib/server/platform/platform-keys";

/** What one sync pass needs from the platform: its versions, the key that signs pushes and the bundle items. */
export interface PlatformSnapshot extends PlatformVersions {
  networkId: string;
  /**
   * The keys that sign pushes: the signing key first, then every retired key still in its rotation
   * overlap (one `v1a,` signature each, so nodes that have not yet seen the rotation still verify).
   */
  platformKeys: KeyObject[];
  /** The protocol objects of these versions (loaded once per pass and cached). */
  bundle(versions: readonly number[]): Promise<ConfigVersionResponse[]>;
  /** The JSON body of a push of these versions (built once per pass). */
  pushBody(versions: readonly number[]): Promise<string>;
}

/** The last imported signing keys: passes run every second and the keys rarely change. */
let importedKeys = new Map<string, KeyObject>();

function platformKeysFor(pems: readonly string[]): KeyObject[] {
  const next = new Map(pems.map((pem) => [pem, importedKeys.get(pem) ?? importEd25519PrivateKey(pem)]));
  importedKeys = next;
  return pems.map((pem) => next.get(pem)!);
}

export async function loadPlatformSnapshot(db: Db, now: Date): Promise<PlatformSnapshot> {
  const [network, rows, keys] = await Promise.all([
    db.network.findUnique({ where: { singleton: true }, select: { id: true } }),
    db.configVersion.findMany({
      orderBy: { version: "asc" },
      select: { version: true, sha256: true, activateAt: true },
    }),
    getPushSigningKeys(db, now),
  ]);
  const latest = rows.at(-1);
  if (!network || !latest) {
    throw new DomainError(
      "NOT_READY",
      "No config version exists yet: start the platform (npm start) so it creates version 1.",
    );
  }
  const cache = new Map<number, ConfigVersionResponse>();
  const bodies = new Map<string, Promise<string>>();
  const snapshot: PlatformSnapshot = {
    networkId: network.id,
    latestVersion: latest.version,
    activeVersion: selectActiveVersion(rows, now)?.version ?? 0,
    versions: new Map(rows.map((row) => [row.version, { sha256: row.sha256, activateAt: row.activateAt }])),
    platformKeys: platformKeysFor(keys.map((key) => key.privateKeyPem)),
    async bundle(versions) {
      const missing = versions.filter((version) => !cache.has(version));
      if (missing.length > 0) {
        const loaded = await db.configVersion.findMany({
          where: { version: { in: missing } },
          select: { version: true, envelope: true, signature: true, keyId: true, sha256: true },
        });
        for (const row of loaded) {
          cache.set(row.version, {
            version: row.version,
            envelope: toBase64Url(utf8Bytes(row.envelope)),
            signature: row.signature,
            keyId: row.keyId,
            sha256: row.sha256,
          });
        }
      }
      return versions.map((version) => {
        const item = cache.get(version);
        if (!item) throw new Error(`config version ${version} vanished while a push was being prepared`);
        return item;
      });
    },
    pushBody(versions) {
      const key = versions.join(",");
      let body = bodies.get(key);
      if (!body) {
        body = snapshot
          .bundle(versions)
          .then((bundle) => JSON.stringify({ type: "config.bundle", networkId: network.id, bundle }));
        bodies.set(key, body);
        body.catch(() => bodies.delete(key));
      }
      return body;
    },
  };
  return snapshot;
}
