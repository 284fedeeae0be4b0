import type { KeyObject } from "node:crypto";
import { selectActiveVersion } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import type { PlatformVersions } from "@/lib/domain/sync/push-outcome";
import type { ConfigVersionResponse } from "@/lib/schemas/node-protocol";
import { importEd25519PrivateKey } from "@/lib/server/platform/ed25519";
import { toBase64Url, utf8Bytes } from "@/lib/server/platform/encoding";
import type { Db } from "@/lib/server/platform/db";
import { getSigningKey } from "@/lib/server/platform/ensure-platform";

/** What one sync pass needs from the platform: its versions, the key that signs pushes and the bundle items. */
export interface PlatformSnapshot extends PlatformVersions {
  networkId: string;
  platformKey: KeyObject;
  /** The protocol objects of these versions (loaded once per pass and cached). */
  bundle(versions: readonly number[]): Promise<ConfigVersionResponse[]>;
  /** The JSON body of a push of these versions (built once per pass). */
  pushBody(versions: readonly number[]): Promise<string>;
}

/** The last imported signing key: passes run every second and the key rarely changes. */
let importedKey: { pem: string; key: KeyObject } | undefined;

function platformKeyFor(pem: string): KeyObject {
  if (importedKey?.pem !== pem) importedKey = { pem, key: importEd25519PrivateKey(pem) };
  return importedKey.key;
}

export async function loadPlatformSnapshot(db: Db, now: Date): Promise<PlatformSnapshot> {
  const [network, rows, key] = await Promise.all([
    db.network.findUnique({ where: { singleton: true }, select: { id: true } }),
    db.configVersion.findMany({
      orderBy: { version: "asc" },
      select: { version: true, sha256: true, activateAt: true },
    }),
    getSigningKey(db),
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
    platformKey: platformKeyFor(key.privateKeyPem),
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
