import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import type { BetterAuthOptions } from "better-auth";
import type { z } from "zod";
import type { PasswordOwner } from "@/lib/domain/identity/password-strength";
import { newPasswordProblem } from "@/lib/server/identity/password-strength";
import {
  displayNameSchema,
  emailAddressSchema,
  SIGN_UP_REFUSED_MESSAGE,
} from "@/lib/schemas/operator-account";

/** Better Auth's paths that take an email, and those that take a display name (Better Auth calls it `name`). */
const EMAIL_PATHS = new Set(["/sign-up/email", "/sign-in/email"]);
const NAME_PATHS = new Set(["/sign-up/email", "/update-user"]);
/** Paths that set a new password, and the body field that carries it. Signing in never checks strength. */
const NEW_PASSWORD_FIELDS: Record<string, "password" | "newPassword"> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

type Field = "name" | "email" | "password" | "newPassword";

/** 400 with the field named: `{ code: "BAD_INPUT", field, message }`, the message a sentence for people. */
function refusal(field: Field, message: string): APIError {
  return new APIError("BAD_REQUEST", { code: "BAD_INPUT", field, message });
}

const firstIssue = (field: Field, error: z.ZodError) =>
  refusal(field, error.issues[0]?.message ?? `The ${field} is not valid.`);

/** The display name to store, or a 400 APIError naming the field. */
export function displayNameOrRefuse(raw: unknown): string {
  const parsed = displayNameSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue("name", parsed.error);
  return parsed.data;
}

function checkEmail(raw: unknown): void {
  const parsed = emailAddressSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue("email", parsed.error);
}

type Ctx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** Whose password it will be: the sign-up's e-mail and name, or the signed-in operator's. */
async function passwordOwner(ctx: Ctx, body: Record<string, unknown>): Promise<PasswordOwner> {
  if (ctx.path === "/sign-up/email") {
    return {
      email: typeof body.email === "string" ? body.email : null,
      displayName: typeof body.name === "string" ? body.name : null,
    };
  }
  const session = await getSessionFromCtx(ctx);
  return { email: session?.user.email ?? null, displayName: session?.user.name ?? null };
}

/**
 * A new password's length and strength (zxcvbn-ts, lib/server/identity/password-strength.ts); a
 * body without one is left to Better Auth, which refuses it.
 */
async function checkNewPassword(ctx: Ctx, body: Record<string, unknown>): Promise<void> {
  const field = NEW_PASSWORD_FIELDS[ctx.path];
  const password = field ? body[field] : undefined;
  if (!field || typeof password !== "string") return;
  const problem = await newPasswordProblem(password, await passwordOwner(ctx, body));
  if (problem) throw refusal(field, problem);
}

/**
 * A sign-up whose every field passed, for an e-mail that already has an account: the password is
 * hashed as a new account's would be (so the answer takes about as long), then SIGN_UP_REFUSED.
 * Better Auth would answer 422 USER_ALREADY_EXISTS at once, saying what it is.
 */
async function refuseRegisteredEmail(ctx: Ctx, body: Record<string, unknown>): Promise<void> {
  if (typeof body.email !== "string" || typeof body.password !== "string") return;
  const existing = await ctx.context.internalAdapter.findUserByEmail(body.email.toLowerCase());
  if (!existing) return;
  await ctx.context.password.hash(body.password);
  throw refusal("email", SIGN_UP_REFUSED_MESSAGE);
}

/**
 * Plenum's checks on what Better Auth takes from people, before it hashes a password or touches the
 * database: the email's length at sign-up and sign-in, the display name at sign-up and rename, a
 * new password's length and strength, and at sign-up last of all an e-mail already registered.
 */
export const checkAuthInput = createAuthMiddleware(async (ctx) => {
  const raw: unknown = ctx.body;
  if (typeof raw !== "object" || raw === null) return;
  const body = raw as Record<string, unknown>;
  if (EMAIL_PATHS.has(ctx.path) && "email" in body) checkEmail(body.email);
  if (NAME_PATHS.has(ctx.path) && (ctx.path === "/sign-up/email" || "name" in body)) {
    displayNameOrRefuse("name" in body ? body.name : undefined);
  }
  await checkNewPassword(ctx, body);
  if (ctx.path === "/sign-up/email") await refuseRegisteredEmail(ctx, body);
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
