import { APIError, createAuthMiddleware } from "better-auth/api";
import type { BetterAuthOptions } from "better-auth";
import type { z } from "zod";
import { displayNameSchema, emailAddressSchema } from "@/lib/schemas/operator-account";

/** Better Auth's paths that take an email, and those that take a display name (Better Auth calls it `name`). */
const EMAIL_PATHS = new Set(["/sign-up/email", "/sign-in/email"]);
const NAME_PATHS = new Set(["/sign-up/email", "/update-user"]);

/** 400 with the field named: `{ code: "BAD_INPUT", field, message }`, the message a sentence for people. */
function refusal(field: "name" | "email", error: z.ZodError): APIError {
  const message = error.issues[0]?.message ?? `The ${field} is not valid.`;
  return new APIError("BAD_REQUEST", { code: "BAD_INPUT", field, message });
}

/** The display name to store, or a 400 APIError naming the field. */
export function displayNameOrRefuse(raw: unknown): string {
  const parsed = displayNameSchema.safeParse(raw);
  if (!parsed.success) throw refusal("name", parsed.error);
  return parsed.data;
}

function checkEmail(raw: unknown): void {
  const parsed = emailAddressSchema.safeParse(raw);
  if (!parsed.success) throw refusal("email", parsed.error);
}

/**
 * Plenum's checks on what Better Auth takes from people, before it hashes a password or touches the
 * database: the email's length at sign-up and sign-in, the display name at sign-up and rename.
 */
export const checkAuthInput = createAuthMiddleware(async (ctx) => {
  const body: unknown = ctx.body;
  if (typeof body !== "object" || body === null) return;
  if (EMAIL_PATHS.has(ctx.path) && "email" in body) checkEmail(body.email);
  if (NAME_PATHS.has(ctx.path) && (ctx.path === "/sign-up/email" || "name" in body)) {
    displayNameOrRefuse("name" in body ? body.name : undefined);
  }
});

/**
 * The display-name rule on every write of an operator through Better Auth, whatever the endpoint:
 * the name is stored the way displayNameSchema outputs it (NFC, trimmed, spaces collapsed).
 */
export const operatorDatabaseHooks = {
  user: {
    create: {
      before: async (user) => ({ data: { ...user, name: displayNameOrRefuse(user.name) } }),
    },
    update: {
      before: async (user) =>
        user.name === undefined ? undefined : { data: { ...user, name: displayNameOrRefuse(user.name) } },
    },
  },
} satisfies BetterAuthOptions["databaseHooks"];
