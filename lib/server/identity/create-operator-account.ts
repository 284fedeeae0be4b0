import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { DomainError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";
import type { Db } from "@/lib/server/platform/db";
import { newPasswordProblem } from "./password-strength";
import { displayNameSchema, emailAddressSchema } from "@/lib/schemas/operator-account";

/** Better Auth's provider id for email + password accounts. */
export const CREDENTIAL_PROVIDER_ID = "credential";

/** The Better Auth Account row that lets `operatorId` sign in with the password behind `passwordHash`. */
export function credentialAccountRow(operatorId: string, passwordHash: string, now: Date) {
  return {
    id: randomBytes(24).toString("base64url"),
    accountId: operatorId,
    providerId: CREDENTIAL_PROVIDER_ID,
    operatorId,
    password: passwordHash,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Creates an operator who signs in with email + password, hashed the way Better Auth hashes
 * (scrypt), for the admin CLI. The display name and email follow lib/schemas/operator-account.ts
 * (BAD_INPUT naming the field), the password the same strength rule as sign-up; an existing email
 * is a CONFLICT.
 */
export async function createOperatorAccount(
  db: Db,
  {
    email,
    displayName,
    password,
    role,
    now,
  }: { email: string; displayName: string; password: string; role: Role; now: Date },
): Promise<{ id: string; email: string; displayName: string; role: Role }> {
  const checkedEmail = emailAddressSchema.safeParse(email);
  if (!checkedEmail.success) throw new DomainError("BAD_INPUT", checkedEmail.error.issues[0]!.message);
  const normalized = checkedEmail.data;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)) {
    throw new DomainError("BAD_INPUT", `"${email}" is not an email address.`);
  }
  const checkedName = displayNameSchema.safeParse(displayName);
  if (!checkedName.success) throw new DomainError("BAD_INPUT", checkedName.error.issues[0]!.message);
  const name = checkedName.data;
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new DomainError(
      "BAD_INPUT",
      `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
    );
  }
  const weak = await newPasswordProblem(password, { email: normalized, displayName: name });
  if (weak) throw new DomainError("BAD_INPUT", weak);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const existing = await tx.operator.findUnique({ where: { email: normalized }, select: { id: true } });
    if (existing) {
      throw new DomainError("CONFLICT", `An operator account with the email ${normalized} already exists.`);
    }
    const operator = await tx.operator.create({
      data: { email: normalized, displayName: name, role, createdAt: now, updatedAt: now },
      select: { id: true, email: true, displayName: true },
    });
    await tx.account.create({ data: credentialAccountRow(operator.id, passwordHash, now) });
    return { ...operator, role };
  });
}
