import type { Role } from "@/lib/domain/roles";

/**
 * The badge shown beside a person's name for their role, from the account's role on the server —
 * never from the name, which may not claim one (display-name.ts). Ordinary operators get none.
 */
export function roleBadgeLabel(role: Role): "Steward" | "Admin" | null {
  if (role === "steward") return "Steward";
  if (role === "admin") return "Admin";
  return null;
}
