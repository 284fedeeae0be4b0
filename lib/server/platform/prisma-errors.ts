function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** A write hit a unique key (Prisma P2002): the row it tried to create already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return errorCode(error) === "P2002";
}

/**
 * Another transaction holds the lock we need: a Prisma write conflict or deadlock (P2034), SQLite busy, or
 * PostgreSQL serialization failure / deadlock (40001, 40P01). A transaction that merely timed out is not this.
 */
export function isLockContention(error: unknown): boolean {
  if (errorCode(error) === "P2034") return true;
  const message = error instanceof Error ? error.message : "";
  return /\b40001\b|\b40P01\b|could not serialize|deadlock detected|database is locked|SQLITE_BUSY/i.test(
    message,
  );
}
