import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { DOMAIN_ERRORS, isDomainError, type DomainErrorCode } from "@/lib/domain/errors";
import { canModerate, isAdmin } from "@/lib/domain/roles";
import type { SessionOperator } from "@/lib/schemas/session-operator";
import type { Db } from "@/lib/server/platform/db";
import type { RequestSettings } from "@/lib/server/platform/env";

export type { SessionOperator };

export interface TrpcContext {
  db: Db;
  now: () => Date;
  /** Null for anonymous requests. */
  operator: SessionOperator | null;
  /** The client's address, for rate limits; null when unknown (server-side calls). */
  clientIp: string | null;
  settings: RequestSettings;
}

const trpcCode = (code: DomainErrorCode): TRPCError["code"] => DOMAIN_ERRORS[code].trpc;

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        domainCode: isDomainError(cause) ? cause.code : null,
        fieldErrors: cause instanceof z.ZodError ? z.flattenError(cause).fieldErrors : null,
      },
    };
  },
});

/** Turns a DomainError thrown by a service into the matching tRPC error, message intact. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCode(cause.code), message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** Any signed-in operator; `ctx.operator` is non-null inside. */
export const operatorProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.operator) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
  }
  return next({ ctx: { ...ctx, operator: ctx.operator } });
});

export const stewardProcedure = operatorProcedure.use(({ ctx, next }) => {
  if (!canModerate(ctx.operator.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only stewards and admins can do this." });
  }
  return next();
});

export const adminProcedure = operatorProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.operator.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do this." });
  }
  return next();
});
