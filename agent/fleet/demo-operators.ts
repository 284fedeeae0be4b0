import { DEMO_LARGE_CLUSTER } from "../../demo/data/demo-names";
import { type Db } from "../../lib/server/platform/db";

/** The fleet runs beside the platform: it reads demo operators and mints their enrolment tokens directly. */
export interface FleetOperators {
  /** email → operator id */
  idByEmail: Map<string, string>;
  ordinaryEmails: string[];
  largeOperatorEmail?: string;
}

const ORDINARY_MAX_NODES = 3;

export async function loadFleetOperators(db: Db): Promise<FleetOperators> {
  const operators = await db.operator.findMany({
    select: { id: true, email: true, displayName: true, _count: { select: { nodes: true } } },
    orderBy: { email: "asc" },
  });
  return {
    idByEmail: new Map(operators.map((operator) => [operator.email, operator.id])),
    ordinaryEmails: operators
      .filter((operator) => operator._count.nodes <= ORDINARY_MAX_NODES)
      .map((operator) => operator.email),
    largeOperatorEmail: operators.find((operator) => operator.displayName === DEMO_LARGE_CLUSTER.displayName)
      ?.email,
  };
}

/**
 * One token per operator, good for exactly the nodes the fleet is about to enrol for them. The tokens
 * let those nodes use the fleet's loopback endpoints (the platform refuses them for anyone else).
 */
export async function mintFleetTokens(
  db: Db,
  { uses, idByEmail, now }: { uses: Map<string, number>; idByEmail: Map<string, string>; now: Date },
): Promise<Map<string, string>> {
  const { createFleetEnrolmentToken } = await import("../../lib/server/nodes/enrolment-token-commands");
  const tokens = new Map<string, string>();
  for (const [email, maxUses] of uses) {
    const operatorId = idByEmail.get(email);
    if (!operatorId) throw new Error(`no operator with the email ${email} in the database`);
    const { token } = await createFleetEnrolmentToken(db, {
      operatorId,
      label: "demo fleet",
      maxUses,
      expiresInHours: 1,
      now,
    });
    tokens.set(email, token);
  }
  return tokens;
}
