import { type DomainError, type DomainErrorCode } from "@/lib/domain/errors";
import type { ErrorBody, ErrorBodyCode } from "@/lib/schemas/node-protocol";
import { jsonResponse } from "./json-response";

/** The one place a DomainError code becomes an HTTP status. */
export const HTTP_STATUS_FOR_CODE: Record<DomainErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  NOT_READY: 503,
};

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

/** A rate-limited error that carries `details.retryAfterSeconds` also tells the client when to retry. */
export function domainErrorResponse(error: DomainError): Response {
  const retryAfterSeconds = error.code === "RATE_LIMITED" ? error.details?.retryAfterSeconds : undefined;
  const headers: Record<string, string> =
    typeof retryAfterSeconds === "number" && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
      ? { "retry-after": String(Math.ceil(retryAfterSeconds)) }
      : {};
  return errorResponse(HTTP_STATUS_FOR_CODE[error.code], error.code, error.message, headers);
}
