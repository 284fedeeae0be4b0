import type { Db } from "../../lib/server/platform/db";

export interface AdminCommand {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; help: string; isRequired?: boolean }>;
  /** One required positional argument (`backup <file>`), passed to run() in `values[name]`. */
  argument?: { name: string; help: string };
  /** run() gets a client that has not connected yet: the command opens the database file itself. */
  opensDatabaseItself?: boolean;
  run: (db: Db, values: Record<string, string | boolean | undefined>) => Promise<void>;
}

/** Wrong usage found only once the command runs: exit 2 with the command's help. */
export class UsageError extends Error {}

export function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

export function wholeNumber(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d+$/.test(raw))
    throw new UsageError(`--${name} must be a whole number.`);
  return Number(raw);
}
