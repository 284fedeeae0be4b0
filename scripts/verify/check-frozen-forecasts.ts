import type { AuditEvent, FrozenForecastExport } from "./export-shapes";
import { canonical, sha256Hex } from "./hashing";
import { count, type CheckGroup, type Difference } from "./report";

export const FORECAST_FROZEN = "proposal.forecast-frozen";
const DECIDED = "proposal.decided";

/** Proposal ids the audit chain froze a forecast for, with the seq of their first proposal.forecast-frozen event. */
export function frozenForecastIds(events: readonly AuditEvent[]): Map<string, number> {
  const frozen = new Map<string, number>();
  for (const event of events) {
    const proposalId =
      event.type === FORECAST_FROZEN ? /^proposal:(.+)$/.exec(event.subject)?.[1] : undefined;
    if (proposalId !== undefined && !frozen.has(proposalId)) frozen.set(proposalId, event.seq);
  }
  return frozen;
}

/** The chain's events about one forecast: its proposal.forecast-frozen events and the decision before them. */
function chainDifferences(
  forecast: FrozenForecastExport,
  recomputed: string,
  events: readonly AuditEvent[],
): Difference[] {
  const subject = `proposal:${forecast.proposalId}`;
  const frozen = events.filter((event) => event.type === FORECAST_FROZEN && event.subject === subject);
  if (frozen.length === 0) {
    return [
      {
        where: `proposal ${forecast.proposalId}`,
        what: `no ${FORECAST_FROZEN} event in the audit chain commits to this forecast`,
      },
    ];
  }
  const differences: Difference[] = [];
  if (frozen.length > 1) {
    differences.push({
      where: `proposal ${forecast.proposalId}`,
      what: `the audit chain froze its forecast more than once (seqs ${frozen.map((event) => event.seq).join(", ")})`,
    });
  }
  const event = frozen[0]!;
  const where = `seq ${event.seq} (${FORECAST_FROZEN}), proposal ${forecast.proposalId}`;
  if (event.data.sha256 !== recomputed) {
    differences.push({
      where,
      what: "the frozen forecast's recomputed sha256 differs from the hash the audit chain recorded when it was frozen",
      expected: event.data.sha256,
      found: recomputed,
    });
  }
  if (event.data.configVersion !== forecast.configVersion) {
    differences.push({
      where,
      what: "the export's config version differs from the one the audit chain recorded",
      expected: event.data.configVersion,
      found: forecast.configVersion,
    });
  }
  const decided = events.filter(
    (candidate) => candidate.type === DECIDED && candidate.subject === subject && candidate.seq < event.seq,
  );
  const decision = decided.at(-1);
  if (!decision || decision.data.outcome !== "passed") {
    differences.push({
      where,
      what: "a forecast is frozen only for a passed proposal, but the chain has no proposal.decided event passing it before",
      expected: "passed",
      found: decision?.data.outcome ?? null,
    });
  } else if (decision.data.configVersion !== forecast.configVersion) {
    differences.push({
      where,
      what: `the config version differs from the one its ratification created (seq ${decision.seq}, proposal.decided)`,
      expected: decision.data.configVersion,
      found: forecast.configVersion,
    });
  }
  return differences;
}

/**
 * Each exported frozen forecast: sha256(canonical(payload)) equals the hash exported with it and the hash
 * its proposal.forecast-frozen event recorded in the audit chain (so the forecast shown under "Did it work?"
 * is the one made at ratification); the payload names the same proposal and config version; the proposal
 * passed, creating that version. With the audit chain, every forecast it froze must be exported.
 */
export function checkFrozenForecasts(
  forecasts: readonly FrozenForecastExport[],
  events: readonly AuditEvent[] | undefined,
): CheckGroup {
  const differences: Difference[] = [];
  const exported = new Set<string>();
  for (const forecast of forecasts) {
    const where = `proposal ${forecast.proposalId}`;
    if (exported.has(forecast.proposalId)) differences.push({ where, what: "is exported twice" });
    exported.add(forecast.proposalId);
    const recomputed = sha256Hex(canonical(forecast.payload));
    if (recomputed !== forecast.sha256) {
      differences.push({
        where,
        what: "sha256(canonical(payload)) differs from the sha256 exported with it",
        expected: recomputed,
        found: forecast.sha256,
      });
    }
    for (const field of ["proposalId", "configVersion"] as const) {
      if (forecast.payload[field] !== forecast[field]) {
        differences.push({
          where,
          what: `the payload's ${field} differs from the export's`,
          expected: forecast[field],
          found: forecast.payload[field],
        });
      }
    }
    if (events) differences.push(...chainDifferences(forecast, recomputed, events));
  }
  if (events) {
    for (const [proposalId, seq] of frozenForecastIds(events)) {
      if (!exported.has(proposalId)) {
        differences.push({
          where: `proposal ${proposalId}`,
          what: `frozen in the audit chain (seq ${seq}) but its forecast export is missing`,
        });
      }
    }
  }
  return {
    check: "frozen forecasts",
    summary: `${count(forecasts.length, "frozen forecast")}${events ? ", each against its audit event" : ""}`,
    differences,
  };
}
