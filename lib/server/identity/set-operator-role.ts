import { DomainError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import type { Db } from "@/lib/server/platform/db";

/**
 * Gives the operator with `email` the role `role`; their next request already carries it. With
 * `fromRoles`, an operator holding any other role is left alone (CONFLICT), so granting steward
 * never demotes an admin.
 */
export async function setOperatorRole(
  db: Db,
  { email, role, fromRoles }: { email: string; role: Role; fromRoles?: readonly Role[] },
): Promise<{ id: string; email: string; displayName: string; role: Role; previousRole: string }> {
  const normalized = email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const operator = await tx.operator.findUnique({
      where: { email: normalized },
      select: { id: true, role: true },
    });
    if (!operator) {
      throw new DomainError(
        "NOT_FOUND",
        `No operator account uses the email ${normalized}. Check the spelling, or ask them to sign up first.`,
      );
    }
    if (fromRoles && !fromRoles.some((allowed) => allowed === operator.role)) {
      throw new DomainError(
        "CONFLICT",
        `${normalized} is ${operator.role === "admin" ? "an" : "a"} ${operator.role}; nothing changed.`,
      );
    }
    const updated = await tx.operator.update({
      where: { id: operator.id },
      data: { role },
      select: { id: true, email: true, displayName: true },
    });
    return { ...updated, role, previousRole: operator.role };
  });
}
