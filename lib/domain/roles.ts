import { z } from "zod";

/** Every operator has the operator role; stewards moderate; admins also manage roles. */
export const ROLES = ["operator", "steward", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Stewards and admins may moderate discussion and cancel spam proposals. */
export function canModerate(role: Role): boolean {
  return role === "steward" || role === "admin";
}

export function isAdmin(role: Role): boolean {
  return role === "admin";
}
