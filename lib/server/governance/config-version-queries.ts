import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { diffParameterValues } from "@/lib/domain/parameters/diff";
import {
  CONFIG_HISTORY_MAX_LIMIT,
  type ConfigHistory,
  type ConfigHistoryEntry,
} from "@/lib/schemas/config-history";
import type { ConfigVersionResponse } from "@/lib/schemas/node-protocol";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { signatureFingerprint, toBase64Url, utf8Bytes } from "@/lib/server/platform/encoding";

/** What the node protocol sends of a config version. */
export const PROTOCOL_FIELDS = {
  version: true,
  envelope: true,
  signature: true,
  keyId: true,
  sha256: true,
} as const;

export const NOT_BOOTSTRAPPED =
  "No config version exists yet: run `npm start` so the platform creates config version 1, then try again.";

export function toProtocolResponse(row: {
  version: number;
  envelope: string;
  signature: string;
  keyId: string;
  sha256: string;
}): ConfigVersionResponse {
  return {
    version: row.version,
    envelope: toBase64Url(utf8Bytes(row.envelope)),
    signature: row.signature,
    keyId: row.keyId,
    sha256: row.sha256,
  };
}

export async function getLatestConfigVersion(db: DbOrTransaction): Promise<ConfigVersionResponse> {
  const row = await db.configVersion.findFirst({ orderBy: { version: "desc" }, select: PROTOCOL_FIELDS });
  if (!row) throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
  return toProtocolResponse(row);
}

export async function getConfigVersion(db: DbOrTransaction, version: number): Promise<ConfigVersionResponse> {
  const row = await db.configVersion.findUnique({ where: { version }, select: PROTOCOL_FIELDS });
  if (row) return toProtocolResponse(row);
  const latest = await db.configVersion.findFirst({
    orderBy: { version: "desc" },
    select: { version: true },
  });
  throw new DomainError(
    "NOT_FOUND",
    latest
      ? `Config version ${version} does not exist; versions run from 1 to ${latest.version}. Fetch /api/v1/config/latest for the newest.`
      : `Config version ${version} does not exist: the platform has issued no config version yet.`,
  );
}

/**
 * The config version new changes build on: the newest one issued (by `issuedBy` when given), which may
 * still wait for activation. Round ratification applies passed changes on top of it.
 */
export async function newestConfigVersion(
  db: DbOrTransaction,
  { issuedBy }: { issuedBy?: Date } = {},
): Promise<{ version: number; params: ParameterValues }> {
  const row = await db.configVersion.findFirst({
    where: issuedBy === undefined ? {} : { issuedAt: { lte: issuedBy } },
    orderBy: { version: "desc" },
    select: { version: true, envelope: true },
  });
  if (!row) {
    throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
  }
  return { version: row.version, params: parseConfigEnvelope(row.envelope).params };
}

/** The version nodes should be running: the highest one the worker has marked activated. */
export async function getActiveConfigVersion(db: DbOrTransaction): Promise<{
  version: number;
  sha256: string;
  activateAt: Date;
  activatedAt: Date;
  proposals: string[];
  params: ParameterValues;
}> {
  const row = await db.configVersion.findFirst({
    where: { activatedAt: { not: null } },
    orderBy: { version: "desc" },
    select: { version: true, sha256: true, activateAt: true, activatedAt: true, envelope: true },
  });
  if (!row?.activatedAt) throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
  const { proposals, params } = parseConfigEnvelope(row.envelope);
  return {
    version: row.version,
    sha256: row.sha256,
    activateAt: row.activateAt,
    activatedAt: row.activatedAt,
    proposals,
    params,
  };
}

/** Config versions newest first, `limit` at a time; pass `nextBeforeVersion` back as `beforeVersion` for the next page. */
export async function listConfigHistory(
  db: DbOrTransaction,
  { limit = 20, beforeVersion }: { limit?: number; beforeVersion?: number } = {},
): Promise<ConfigHistory> {
  if (!Number.isInteger(limit) || limit < 1 || limit > CONFIG_HISTORY_MAX_LIMIT) {
    throw new DomainError(
      "BAD_INPUT",
      `limit must be a whole number from 1 to ${CONFIG_HISTORY_MAX_LIMIT}; got ${limit}.`,
    );
  }
  const active = await db.configVersion.findFirst({
    where: { activatedAt: { not: null } },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  // One row more than asked for: the predecessor of the oldest entry, to diff against, and the sign of another page.
  const rows = await db.configVersion.findMany({
    where: beforeVersion === undefined ? {} : { version: { lt: beforeVersion } },
    orderBy: { version: "desc" },
    take: limit + 1,
    select: {
      version: true,
      envelope: true,
      sha256: true,
      prevSha256: true,
      signature: true,
      keyId: true,
      issuedAt: true,
      activateAt: true,
      activatedAt: true,
    },
  });
  const parsed = rows.map((row) => ({ row, envelope: parseConfigEnvelope(row.envelope) }));
  const entries = parsed.slice(0, limit).map(({ row, envelope }, index): ConfigHistoryEntry => {
    const previous = parsed[index + 1];
    return {
      version: row.version,
      issuedAt: row.issuedAt,
      activateAt: row.activateAt,
      activatedAt: row.activatedAt,
      isActive: row.version === active?.version,
      sha256: row.sha256,
      prevSha256: row.prevSha256,
      keyId: row.keyId,
      signatureFingerprint: signatureFingerprint(row.signature),
      proposals: envelope.proposals,
      changes: previous ? diffParameterValues(previous.envelope.params, envelope.params) : [],
      params: envelope.params,
    };
  });
  const hasMore = rows.length > limit;
  return { entries, nextBeforeVersion: hasMore ? (entries.at(-1)?.version ?? null) : null };
}
