import { hashPassword } from "better-auth/crypto";
import { DEMO_PASSWORD, demoRoleFor } from "@/lib/domain/demo/demo-accounts";
import { DEMO_GENESIS_DAYS_AGO, demoConfigHistory } from "@/lib/domain/demo/demo-config-history";
import { generateDemoNetwork } from "@/lib/domain/demo/demo-network";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type { NodeStatus } from "@/lib/schemas/nodes";
import type { Db } from "@/lib/server/db";
import { activateDueConfigVersions } from "@/lib/server/services/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/services/config-versions";
import { credentialAccountRow } from "@/lib/server/services/operator-accounts";
import { ensurePlatform } from "@/lib/server/services/platform-bootstrap";
import { seedDemoProposals } from "@/lib/server/services/seed-demo-proposals";

const DAY_MS = 86_400_000;
const SEED_TRANSACTION_TIMEOUT_MS = 30_000;

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Fills an EMPTY database with the "Demo Swarm": the platform (genesis 30 days ago), its operators
 * (accounts that sign in with DEMO_PASSWORD; one steward, one admin), 300 nodes, config versions 2 and 3
 * activated in the past, and proposals with their discussions. Any existing network or operator
 * leaves the database untouched.
 */
export async function seedDemoNetwork(
  db: Db,
  { seed, now }: { seed: number; now: Date },
): Promise<{
  seeded: boolean;
  reason?: string;
  summary?: { operators: number; nodes: number; configVersions: number; proposals: number; comments: number };
}> {
  const [network, operatorCount] = await Promise.all([
    db.network.findUnique({ where: { singleton: true }, select: { name: true } }),
    db.operator.count(),
  ]);
  if (network) {
    return {
      seeded: false,
      reason: `the database already holds the network "${network.name}"; demo data only goes into an empty database (point DATABASE_URL at a new one to see the demo)`,
    };
  }
  if (operatorCount > 0) {
    return {
      seeded: false,
      reason: `the database already holds ${operatorCount} operator(s); demo data only goes into an empty database`,
    };
  }

  const demo = generateDemoNetwork({ seed, now });
  const { created } = await ensurePlatform(db, {
    networkName: demo.networkName,
    now: daysBefore(now, DEMO_GENESIS_DAYS_AGO),
  });
  if (!created) {
    return { seeded: false, reason: "another process created the network at the same moment" };
  }

  const history = demoConfigHistory(defaultParameterValues());
  // scrypt is deliberately slow: one hash serves every demo account (they share the demo password).
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      await tx.operator.createMany({
        data: demo.operators.map((operator) => ({ ...operator, role: demoRoleFor(operator.email) })),
      });
      await tx.account.createMany({
        data: demo.operators.map((operator) =>
          credentialAccountRow(operator.id, demoPasswordHash, operator.createdAt),
        ),
      });
      await tx.node.createMany({
        data: demo.nodes.map((node) => {
          const status: NodeStatus = node.status;
          return { ...node, status };
        }),
      });
      for (const step of history) {
        const activateAt = daysBefore(now, step.activateDaysAgo);
        await issueConfigVersion(tx, {
          params: step.params,
          activateAt,
          proposals: [],
          now: daysBefore(now, step.issuedDaysAgo),
        });
        // Activated when it was due, as the worker would have done, so the history shows real dates.
        await activateDueConfigVersions(tx, { now: activateAt });
      }
    },
    { timeout: SEED_TRANSACTION_TIMEOUT_MS },
  );
  const discussions = await seedDemoProposals(db, { operators: demo.operators, now });
  return {
    seeded: true,
    summary: {
      operators: demo.operators.length,
      nodes: demo.nodes.length,
      configVersions: 1 + history.length,
      ...discussions,
    },
  };
}
