import { readFileSync } from "node:fs";
import type { z } from "zod";
import {
  auditExportSchema,
  bundleSchema,
  configVersionSchema,
  frozenForecastExportSchema,
  roundBallotsExportSchema,
  type AuditEvent,
  type AuditExport,
  type ConfigEnvelope,
  type FrozenForecastExport,
  type RoundBallotsExport,
  type RoundExports,
} from "./export-shapes";
import { frozenForecastIds } from "./check-frozen-forecasts";
import { count, type CheckGroup } from "./report";
import { closedRoundIds, type VerifyInput } from "./verify-exports";

/** The input cannot be read at all (exit 2); the message says what to do. */
export class InputError extends Error {}

/** What was found, and either the exports to verify or why their shape is wrong. */
export type LoadedExports = { found: string } & ({ input: VerifyInput } | { format: CheckGroup });

const AUDIT_PAGE = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatFailure(found: string, error: z.ZodError): LoadedExports {
  return {
    found,
    format: {
      check: "export format",
      summary: `not a valid ${found}`,
      differences: error.issues.map((issue) => ({
        where: issue.path.length > 0 ? issue.path.join(".") : "(top level)",
        what: issue.message,
      })),
    },
  };
}

/** An ?all=1 export lists an operator more than once; the ballot that counts is their last. */
function asRound(round: RoundBallotsExport): { found: string; round: RoundExports } {
  const last = new Map(round.ballots.map((ballot) => [ballot.operatorId, ballot]));
  if (last.size === round.ballots.length) {
    return {
      found: `round ballots export (round ${round.roundId}, counted ballots)`,
      round: { counted: round },
    };
  }
  const counted = round.ballots.filter((ballot) => last.get(ballot.operatorId) === ballot);
  return {
    found: `round ballots export (round ${round.roundId}, every stored ballot: ?all=1)`,
    round: { counted: { ...round, ballots: counted }, all: round },
  };
}

/** Detects which export a parsed JSON document is by its shape. */
export function interpretExport(json: unknown, source: string): LoadedExports {
  if (isRecord(json) && "rounds" in json) {
    const rounds = Array.isArray(json.rounds) ? json.rounds.length : 0;
    const forecasts = Array.isArray(json.forecasts)
      ? `, ${count(json.forecasts.length, "frozen forecast")}`
      : "";
    const found = `bundle (${json.audit ? "audit export and " : ""}${count(rounds, "round")}${forecasts})`;
    const bundle = bundleSchema.safeParse(json);
    return bundle.success ? { found, input: bundle.data } : formatFailure(found, bundle.error);
  }
  if (isRecord(json) && "events" in json && "head" in json) {
    const events = Array.isArray(json.events) ? json.events.length : 0;
    const found = `audit export (${count(events, "event")})`;
    const audit = auditExportSchema.safeParse(json);
    return audit.success ? { found, input: { audit: audit.data } } : formatFailure(found, audit.error);
  }
  if (isRecord(json) && "roundId" in json && "ballots" in json) {
    const round = roundBallotsExportSchema.safeParse(json);
    if (!round.success) return formatFailure("round ballots export", round.error);
    const { found, round: exports } = asRound(round.data);
    return { found, input: { rounds: [exports] } };
  }
  if (isRecord(json) && "proposalId" in json && "payload" in json) {
    const found = `frozen forecast export (proposal ${String(json.proposalId)})`;
    const forecast = frozenForecastExportSchema.safeParse(json);
    return forecast.success
      ? { found, input: { forecasts: [forecast.data] } }
      : formatFailure(found, forecast.error);
  }
  throw new InputError(
    `${source} is not an audit export ({events, head} from /api/v1/audit), a round ballots export ({roundId, …, ballots} from /api/v1/rounds/<id>/ballots), a frozen forecast export ({proposalId, …, payload} from /api/v1/proposals/<id>/frozen-forecast) or a bundle ({"audit": …, "rounds": [{"counted": …, "all": …}], "forecasts": […]}).`,
  );
}

export function readExportFile(file: string): LoadedExports {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(
      `Cannot read ${file} (${reason}). Give the path of a saved export (or a bundle), or the server's base URL (http://… or https://…).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${file} is not JSON (${(error as Error).message}). Save the export exactly as the server sent it.`,
    );
  }
  return interpretExport(json, file);
}

/** The JSON body at `url`; with `allowMissing`, undefined when the server answers 404. */
async function getJson(
  url: string,
  { allowMissing = false }: { allowMissing?: boolean } = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new InputError(
      `Could not reach ${url} (${cause}). Check the base URL (e.g. http://localhost:3000) and that the Plenum server is running.`,
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InputError(
      `${url} answered ${response.status} with something that is not JSON: is this a Plenum server?`,
    );
  }
  if (allowMissing && response.status === 404) return undefined;
  if (!response.ok) {
    const message = isRecord(body) && isRecord(body.error) ? String(body.error.message) : text.slice(0, 200);
    throw new InputError(`${url} answered ${response.status}: ${message}`);
  }
  return body;
}

async function fetchConfig(
  base: string,
  version: number | "latest",
): Promise<{ config: ConfigEnvelope } | { failure: LoadedExports }> {
  const url = `${base}/api/v1/config/${version}`;
  const config = configVersionSchema.safeParse(await getJson(url));
  return config.success
    ? { config: config.data }
    : { failure: formatFailure(`config version ${url}`, config.error) };
}

/**
 * The version a round that created none was ratified against: the one before the next version a later
 * round created, or the newest when none did since.
 */
function versionBuiltOn(audit: AuditExport, closeSeq: number): number | "latest" {
  const next = audit.events.find(
    (event) =>
      event.seq > closeSeq &&
      event.type === "config.version-created" &&
      typeof event.data.version === "number",
  );
  return next ? (next.data.version as number) - 1 : "latest";
}

/**
 * Everything a server publishes: /api/v1/audit page by page up to its head, then the counted and
 * ?all=1 ballots of every round a round.closed event names and the config versions it built on and
 * created, and the frozen forecast of every proposal a proposal.forecast-frozen event names. `progress`
 * gets one line per step.
 */
export async function fetchExports(
  baseUrl: string,
  progress: (line: string) => void,
): Promise<LoadedExports> {
  const base = baseUrl.replace(/\/+$/, "");
  const events: AuditEvent[] = [];
  let head = { seq: 0, hash: "" };
  for (let after = 0; ;) {
    const url = `${base}/api/v1/audit?after=${after}&limit=${AUDIT_PAGE}`;
    const page = auditExportSchema.safeParse(await getJson(url));
    if (!page.success) return formatFailure(`audit export page ${url}`, page.error);
    events.push(...page.data.events);
    head = page.data.head;
    const last = page.data.events.at(-1)?.seq;
    if (head.seq > AUDIT_PAGE)
      progress(`audit: ${count(events.length, "event")} of ${head.seq.toLocaleString("en-US")} fetched`);
    if (last === undefined || last >= head.seq || last <= after) break;
    after = last;
  }
  const audit = { events, head };
  const closed = [...closedRoundIds(audit)];
  const rounds: RoundExports[] = [];
  for (const [index, [roundId, closeSeq]] of closed.entries()) {
    progress(`round ${roundId}: fetching ballots and config versions (${index + 1} of ${closed.length})`);
    const url = `${base}/api/v1/rounds/${encodeURIComponent(roundId)}/ballots`;
    const counted = roundBallotsExportSchema.safeParse(await getJson(url));
    if (!counted.success) return formatFailure(`round ballots export ${url}`, counted.error);
    const all = roundBallotsExportSchema.safeParse(await getJson(`${url}?all=1`));
    if (!all.success) return formatFailure(`round ballots export ${url}?all=1`, all.error);
    const version = counted.data.configVersion;
    const previous = await fetchConfig(
      base,
      version === null ? versionBuiltOn(audit, closeSeq) : version - 1,
    );
    if ("failure" in previous) return previous.failure;
    const next = version === null ? null : await fetchConfig(base, version);
    if (next && "failure" in next) return next.failure;
    rounds.push({
      counted: counted.data,
      all: all.data,
      configs: { base: previous.config, created: next?.config ?? null },
    });
  }
  const forecasts: FrozenForecastExport[] = [];
  const frozen = [...frozenForecastIds(audit.events).keys()];
  if (frozen.length > 0) progress(`frozen forecasts: fetching ${count(frozen.length, "export")}`);
  for (const proposalId of frozen) {
    const url = `${base}/api/v1/proposals/${encodeURIComponent(proposalId)}/frozen-forecast`;
    const body = await getJson(url, { allowMissing: true });
    // A forecast the chain froze but the server no longer has is a difference the check names, not bad input.
    if (body === undefined) continue;
    const forecast = frozenForecastExportSchema.safeParse(body);
    if (!forecast.success) return formatFailure(`frozen forecast export ${url}`, forecast.error);
    forecasts.push(forecast.data);
  }
  return {
    found:
      forecasts.length === 0
        ? `server ${base}: audit export (${count(events.length, "event")}) and ${count(rounds.length, "closed round")}`
        : `server ${base}: audit export (${count(events.length, "event")}), ${count(rounds.length, "closed round")} and ${count(forecasts.length, "frozen forecast")}`,
    input: { audit, rounds, forecasts },
  };
}
