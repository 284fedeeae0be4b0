import { DomainError } from "@/lib/domain/errors";
import { PROPOSAL_EVENT_TYPES, proposalSubject } from "@/lib/domain/governance/proposal-events";
import type { FrozenForecastExport } from "@/lib/schemas/forecast-outcome";
import type { DbOrTransaction } from "@/lib/server/platform/db";

/**
 * GET /api/v1/proposals/{proposalId}/frozen-forecast: the forecast frozen when the proposal passed, as
 * stored (the payload parsed back from its canonical JSON), so anyone can recompute its sha256 and find
 * it in the proposal.forecast-frozen audit event.
 */
export async function exportFrozenForecast(
  db: DbOrTransaction,
  { proposalId }: { proposalId: string },
): Promise<FrozenForecastExport> {
  const row = await db.frozenForecast.findUnique({
    where: { proposalId },
    select: { proposalId: true, configVersion: true, frozenAt: true, sha256: true, payload: true },
  });
  if (!row) {
    throw new DomainError(
      "NOT_FOUND",
      `No forecast is frozen for proposal ${proposalId}. Forecasts are frozen only for passed proposals, shortly after their round closed; the ${PROPOSAL_EVENT_TYPES.forecastFrozen} events of the audit export (GET /api/v1/audit) name them.`,
    );
  }
  return {
    proposalId: row.proposalId,
    configVersion: row.configVersion,
    frozenAt: row.frozenAt.toISOString(),
    sha256: row.sha256,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

/** The seq and hash the chain recorded when the proposal's forecast was frozen, or null when it holds none. */
export async function frozenForecastEvent(
  db: DbOrTransaction,
  proposalId: string,
): Promise<{ seq: number; sha256: string | null } | null> {
  const event = await db.governanceEvent.findFirst({
    where: { subject: proposalSubject(proposalId), type: PROPOSAL_EVENT_TYPES.forecastFrozen },
    orderBy: { seq: "asc" },
    select: { seq: true, data: true },
  });
  if (!event) return null;
  const data = JSON.parse(event.data) as { sha256?: unknown };
  return { seq: event.seq, sha256: typeof data.sha256 === "string" ? data.sha256 : null };
}
