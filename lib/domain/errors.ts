/**
 * Every code a service may throw, with the HTTP status (lib/server/http/error-response.ts) and the
 * tRPC code (lib/trpc/init.ts) it becomes: the one table both transports read.
 */
export const DOMAIN_ERRORS = {
  BAD_INPUT: { http: 400, trpc: "BAD_REQUEST" },
  UNAUTHENTICATED: { http: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND" },
  CONFLICT: { http: 409, trpc: "CONFLICT" },
  // tRPC has no 410: the web app shows a gone thing as not found, the node protocol says 410.
  GONE: { http: 410, trpc: "NOT_FOUND" },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNPROCESSABLE: { http: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  NOT_READY: { http: 503, trpc: "SERVICE_UNAVAILABLE" },
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;
export const DOMAIN_ERROR_CODES = Object.keys(DOMAIN_ERRORS) as DomainErrorCode[];

/**
 * The one error type services throw for expected failures. `code` decides the tRPC code and HTTP
 * status (DOMAIN_ERRORS); `message` tells a person what to do next.
 */
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
