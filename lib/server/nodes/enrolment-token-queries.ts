import { enrolmentTokenStatus } from "@/lib/domain/node-protocol/enrolment-token-status";
import type { EnrolmentTokenRow } from "@/lib/schemas/enrolment-tokens";
import type { DbOrTransaction } from "@/lib/server/platform/db";

const LISTED_TOKENS = 100;

/** The operator's tokens, newest first; never the token or its hash. */
export async function listEnrolmentTokens(
  db: DbOrTransaction,
  { operatorId, now }: { operatorId: string; now: Date },
): Promise<EnrolmentTokenRow[]> {
  const rows = await db.enrolmentToken.findMany({
    where: { operatorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LISTED_TOKENS,
    select: {
      id: true,
      label: true,
      maxUses: true,
      usedCount: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
    },
  });
  return rows.map((row) => ({
    ...row,
    usesLeft: Math.max(0, row.maxUses - row.usedCount),
    status: enrolmentTokenStatus(row, now),
  }));
}
