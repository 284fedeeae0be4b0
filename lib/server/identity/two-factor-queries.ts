import { isTwoFactorPrompted } from "@/lib/domain/identity/two-factor";
import type { TwoFactorStatus } from "@/lib/schemas/operator-account";
import type { SessionOperator } from "@/lib/schemas/session-operator";
import type { Db } from "@/lib/server/platform/db";

/** Whether `operator` signs in with a second factor, and whether Plenum should ask them to. */
export async function getTwoFactorStatus(db: Db, operator: SessionOperator): Promise<TwoFactorStatus> {
  const row = await db.operator.findUnique({
    where: { id: operator.id },
    select: { twoFactorEnabled: true },
  });
  const isEnabled = row?.twoFactorEnabled ?? false;
  return { isEnabled, isPrompted: isTwoFactorPrompted(operator.role, isEnabled) };
}
