/**
 * The one error type services throw for expected failures. `code` decides the tRPC code and HTTP
 * status (lib/server/http/error-response.ts, lib/trpc/init.ts); `message` tells a person what to do next.
 */
export const DOMAIN_ERROR_CODES = [
  "BAD_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "GONE",
  "UNPROCESSABLE",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "NOT_READY",
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
