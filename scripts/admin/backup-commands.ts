import { databaseFromEnv } from "../../lib/server/platform/database-url";
import { say, type AdminCommand } from "./admin-command";

/** Connection parameters Prisma reads that libpq (pg_dump, pg_restore) would refuse. */
const PRISMA_ONLY_PARAMETERS = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "pgbouncer",
  "statement_cache_size",
  "socket_timeout",
];

/** The URL as libpq takes it, with its password masked, for commands printed on a terminal. */
function libpqUrlWithoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  for (const name of PRISMA_ONLY_PARAMETERS) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** PostgreSQL is backed up with its own tools; these commands say exactly how. */
function postgresInstructions(url: string, file: string, direction: "backup" | "restore"): string {
  const database = decodeURIComponent(new URL(url).pathname.slice(1)) || "(the URL's database)";
  const target = libpqUrlWithoutPassword(url);
  const lines =
    direction === "backup"
      ? [
          `DATABASE_URL is PostgreSQL (database "${database}"): back it up with pg_dump, which takes a consistent`,
          "snapshot while the web app and the worker keep running:",
          "",
          `  pg_dump --format=custom --file="${file}" --dbname="${target}"`,
        ]
      : [
          `DATABASE_URL is PostgreSQL (database "${database}"): stop the web app and the worker, restore with`,
          "pg_restore, then apply the migrations this build has and the backup lacks:",
          "",
          `  pg_restore --clean --if-exists --no-owner --single-transaction --dbname="${target}" "${file}"`,
          "  npm run db:deploy",
        ];
  return [
    ...lines,
    "",
    "(Give the password with PGPASSWORD or ~/.pgpass rather than on the command line.) For point-in-time",
    "recovery, archive the write-ahead log (archive_mode, or pg_basebackup plus WAL archiving).",
  ].join("\n");
}

/** Online backup of the database and restore from one. */
export const BACKUP_COMMANDS: Record<string, AdminCommand> = {
  backup: {
    summary:
      "Write a consistent copy of the SQLite database to <file> while the web app and the worker keep running.",
    usage: "backup <file> [--force]",
    argument: { name: "file", help: "where to write the backup (refused if it exists, unless --force)" },
    opensDatabaseItself: true,
    options: { force: { type: "boolean", help: "replace <file> if it already exists" } },
    async run(_db, values) {
      const file = values.file as string;
      const target = databaseFromEnv(process.env);
      if (target.kind === "postgres") {
        say(postgresInstructions(target.url, file, "backup"));
        throw new Error("npm run admin -- backup copies SQLite databases only; use pg_dump as shown above.");
      }
      const { backupSqliteDatabase } = await import("./sqlite-backup");
      const { describeSummary } = await import("./sqlite-file");
      const started = Date.now();
      const summary = await backupSqliteDatabase({
        databasePath: target.filePath,
        to: file,
        force: values.force === true,
        say,
      });
      say(`Backup written in ${((Date.now() - started) / 1000).toFixed(1)} s and checked:`);
      for (const line of describeSummary(summary)) say(line);
      say(`Restore it with: npm run admin -- restore ${file}`);
    },
  },
  restore: {
    summary:
      "Replace the SQLite database with the backup <file> (the replaced one is kept), then apply newer migrations.",
    usage: "restore <file> [--force]",
    argument: { name: "file", help: "a backup written by `npm run admin -- backup`" },
    opensDatabaseItself: true,
    options: {
      force: {
        type: "boolean",
        help: "restore even while the database looks in use (a running worker or web app)",
      },
    },
    async run(_db, values) {
      const file = values.file as string;
      const target = databaseFromEnv(process.env);
      if (target.kind === "postgres") {
        say(postgresInstructions(target.url, file, "restore"));
        throw new Error(
          "npm run admin -- restore restores SQLite databases only; use pg_restore as shown above.",
        );
      }
      const { restoreSqliteDatabase } = await import("./sqlite-restore");
      const { describeSummary } = await import("./sqlite-file");
      const { deployMigrations } = await import("../prisma");
      const result = await restoreSqliteDatabase({
        from: file,
        databasePath: target.filePath,
        force: values.force === true,
        say,
        deployMigrations: () => deployMigrations(process.env, { isQuiet: true }),
      });
      say("Restored:");
      for (const line of describeSummary(result.restored)) say(line);
      say("Start the platform again with npm start.");
    },
  },
};
