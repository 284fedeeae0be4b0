import { buildConfigEnvelope, type NextPlatformKey } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import type { ConfigVersionResponse } from "@/lib/schemas/node-protocol";
import {
  NOT_BOOTSTRAPPED,
  PROTOCOL_FIELDS,
  toProtocolResponse,
} from "@/lib/server/governance/config-version-queries";
import { signConfigEnvelope } from "@/lib/server/governance/sign-config-envelope";
import type { DbOrTransaction, DbTransaction } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { getSigningKey } from "@/lib/server/platform/ensure-platform";
import { recordDesiredVersion } from "@/lib/server/config-sync/node-sync-commands";

/** Runs `work` in the caller's transaction when given one, else in a new transaction. */
function inTransaction<T>(db: DbOrTransaction, work: (tx: DbTransaction) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction(work) : work(db);
}

/**
 * Signs and stores version N+1 chained to version N. Pass a transaction client to make the version
 * part of a larger change; a concurrent issue that takes the same number fails with CONFLICT.
 */
export async function issueConfigVersion(
  db: DbOrTransaction,
  options: {
    params: ParameterValues;
    activateAt: Date;
    proposals: readonly string[];
    now: Date;
    /** Only for the version that rotates the platform key (rotate-platform-key.ts): the key that signs next. */
    nextPlatformKey?: NextPlatformKey;
  },
): Promise<ConfigVersionResponse> {
  const validation = validateParameterValues(options.params);
  if (!validation.ok) {
    const messages = validation.violations.map((violation) => violation.message);
    throw new DomainError(
      "UNPROCESSABLE",
      `The parameter values break ${messages.length === 1 ? "a rule" : `${messages.length} rules`}, so no config version was issued: ${messages.join(" ")}`,
      { violations: validation.violations },
    );
  }
  try {
    return await inTransaction(db, async (tx) => {
      const previous = await tx.configVersion.findFirst({
        orderBy: { version: "desc" },
        select: { version: true, sha256: true },
      });
      const network = await tx.network.findUnique({ where: { singleton: true }, select: { id: true } });
      if (!previous || !network) throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
      const signed = signConfigEnvelope(
        buildConfigEnvelope(previous, {
          networkId: network.id,
          issuedAt: options.now,
          activateAt: options.activateAt,
          proposals: options.proposals,
          params: validation.values,
          nextPlatformKey: options.nextPlatformKey,
        }),
        await getSigningKey(tx),
      );
      const row = await tx.configVersion.create({
        data: {
          version: previous.version + 1,
          envelope: signed.text,
          sha256: signed.sha256,
          prevSha256: previous.sha256,
          signature: signed.signature,
          keyId: signed.keyId,
          issuedAt: options.now,
          activateAt: options.activateAt,
        },
        select: PROTOCOL_FIELDS,
      });
      await recordDesiredVersion(tx, { version: row.version, now: options.now });
      return toProtocolResponse(row);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError(
      "CONFLICT",
      "Another config version was issued at the same moment; nothing was stored. Check the config history and try again.",
    );
  }
}
