import { roleSchema } from "@/lib/domain/roles";
import type { SessionOperator } from "@/lib/schemas/session-operator";
import { authFor, type Auth } from "@/lib/server/platform/auth";
import type { Db } from "@/lib/server/platform/db";

/**
 * The operator whose session cookie is in `headers`, or null (no cookie, expired or revoked
 * session). Reads the database session every time, so a sign-out or a role change applies at once.
 */
export async function getSessionOperator(
  db: Db,
  headers: Headers,
  { auth = authFor(db) }: { auth?: Auth } = {},
): Promise<SessionOperator | null> {
  const session = await auth.api.getSession({ headers, query: { disableCookieCache: true } });
  if (!session) return null;
  const { user } = session;
  const role = roleSchema.safeParse(user.role);
  return {
    id: user.id,
    displayName: user.name,
    email: user.email,
    role: role.success ? role.data : "operator",
  };
}
