/**
 * Sign-in for the demo network's operators: every demo account shares this password. Demo data
 * only: `npm start` prints it, and the accounts use the reserved `.example` domain.
 */
export const DEMO_PASSWORD = "demo-swarm-2026";

/** An ordinary operator of the demo network (seed 20261125), with nodes of their own. */
export const DEMO_OPERATOR_EMAIL = "thiago.almeida@demo-swarm.example";
export const DEMO_STEWARD_EMAIL = "petra.novakova@demo-swarm.example";
export const DEMO_ADMIN_EMAIL = "kai.nakamura@demo-swarm.example";

/** The three accounts `npm start` prints: they must be able to take part in every demo round. */
export const DEMO_ACCOUNT_EMAILS: readonly string[] = [
  DEMO_OPERATOR_EMAIL,
  DEMO_STEWARD_EMAIL,
  DEMO_ADMIN_EMAIL,
];

/** The role a demo operator gets: the two named accounts are steward and admin, the rest operators. */
export function demoRoleFor(email: string): "operator" | "steward" | "admin" {
  if (email === DEMO_ADMIN_EMAIL) return "admin";
  if (email === DEMO_STEWARD_EMAIL) return "steward";
  return "operator";
}
