/** RFC 5321's limits: at most 64 octets before the "@" and 254 in all. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;

const utf8 = new TextEncoder();

/**
 * What is wrong with `email`'s length, or null: a sentence naming the field and the limit. Only
 * the shape Plenum stores is checked here (one "@", the part before it 1–64 octets, the whole at
 * most 254); the address syntax itself is Better Auth's check.
 */
export function emailAddressProblem(email: string): string | null {
  const address = email.trim();
  if (address.length > EMAIL_MAX_LENGTH || utf8.encode(address).length > EMAIL_MAX_LENGTH) {
    return `Email is at most ${EMAIL_MAX_LENGTH} characters`;
  }
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return "Email must be an address such as name@example.org";
  const localOctets = utf8.encode(address.slice(0, at)).length;
  if (localOctets > EMAIL_LOCAL_PART_MAX_LENGTH) {
    return `Email: the part before the @ is at most ${EMAIL_LOCAL_PART_MAX_LENGTH} characters (this one has ${localOctets})`;
  }
  return null;
}
