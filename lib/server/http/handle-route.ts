import { z } from "zod";
import { isDomainError } from "@/lib/domain/errors";
import { createLogger, type Logger } from "@/lib/server/platform/logger";
import { describeZodError } from "./describe-zod-error";
import { domainErrorResponse, errorResponse } from "./error-response";

const INTERNAL_MESSAGE =
  "Something went wrong on the platform. Try again in a minute; if it keeps failing, tell the platform's operators.";

const defaultLogger = createLogger({ fields: { component: "http" } });

/**
 * Wraps a route handler so every failure becomes the protocol's error body: DomainError → its
 * status, ZodError → 400 naming the field, anything else → 500 with a generic message (logged, never sent).
 */
export function handleRoute<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
  { logger = defaultLogger }: { logger?: Logger } = {},
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isDomainError(error)) return domainErrorResponse(error);
      if (error instanceof z.ZodError) return errorResponse(400, "BAD_INPUT", describeZodError(error));
      const request = args.find((arg): arg is Request => arg instanceof Request);
      logger.error("route handler failed", {
        error,
        method: request?.method,
        path: request ? new URL(request.url).pathname : undefined,
      });
      return errorResponse(500, "INTERNAL", INTERNAL_MESSAGE);
    }
  };
}
