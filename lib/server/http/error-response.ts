import { DOMAIN_ERRORS, type DomainError } from "@/lib/domain/errors";
import type { ErrorBody, ErrorBodyCode } from "@/lib/schemas/node-protocol";
import { jsonResponse } from "./json-response";

/** The protocol's error body `{ error: { code, message } }`; errors are never cached. */
export function errorResponse(
  status: number,
  code: ErrorBodyCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ErrorBody = { error: { code, message } };
  return jsonResponse(status, body, { "cache-control": "no-store", ...headers });
}

/** The whole seconds a RATE_LIMITED error asks the client to wait, or null when it names no wait. */
export function retryAfterSecondsOf(error: DomainError): number | null {
  const retryAfterSeconds = error.code === "RATE_LIMITED" ? error.details?.retryAfterSeconds : undefined;
  return typeof retryAfterSeconds === "number" && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
    ? Math.ceil(retryAfterSeconds)
    : null;
}

/** A rate-limited error that carries `details.retryAfterSeconds` also tells the client when to retry. */
export function domainErrorResponse(error: DomainError): Response {
  const retryAfterSeconds = retryAfterSecondsOf(error);
  const headers: Record<string, string> =
    retryAfterSeconds === null ? {} : { "retry-after": String(retryAfterSeconds) };
  return errorResponse(DOMAIN_ERRORS[error.code].http, error.code, error.message, headers);
}
