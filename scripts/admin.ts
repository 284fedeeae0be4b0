/**
 * `npm run admin -- <command>`: administration from the server's shell (the first admin, steward roles,
 * enrolment tokens for automation, opening and closing a voting round now, computing due epochs, re-running
 * a blocked epoch, recomputing stored ratings under the rating rule, rebuilding missing telemetry rollups,
 * backing up and restoring the SQLite database). Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import { parseArgs } from "node:util";
import { say, UsageError, type AdminCommand } from "./admin/admin-command";
import { BACKUP_COMMANDS } from "./admin/backup-commands";
import { EPOCH_COMMANDS } from "./admin/epoch-commands";
import { OPERATOR_COMMANDS } from "./admin/operator-commands";
import { PLATFORM_KEY_COMMANDS } from "./admin/platform-key-commands";
import { RATING_COMMANDS } from "./admin/rating-commands";
import { ROUND_COMMANDS } from "./admin/round-commands";
import { WORKER_JOB_COMMANDS } from "./admin/worker-job-commands";

const COMMANDS: Record<string, AdminCommand> = {
  ...OPERATOR_COMMANDS,
  ...ROUND_COMMANDS,
  ...WORKER_JOB_COMMANDS,
  ...EPOCH_COMMANDS,
  ...RATING_COMMANDS,
  ...PLATFORM_KEY_COMMANDS,
  ...BACKUP_COMMANDS,
};

/** A command's name is one word, or two for a group ("round open"). */
function findCommand(argv: readonly string[]): { name: string; rest: string[] } | null {
  const [first, second, ...others] = argv;
  if (first && second && COMMANDS[`${first} ${second}`]) return { name: `${first} ${second}`, rest: others };
  return first ? { name: first, rest: argv.slice(1) } : null;
}

function commandHelp(name: string, command: AdminCommand): string {
  const options = Object.entries(command.options).map(
    ([option, spec]) => `  --${option.padEnd(15)} ${spec.help}${spec.isRequired ? " (required)" : ""}`,
  );
  const argument = command.argument
    ? ["Arguments:", `  ${`<${command.argument.name}>`.padEnd(17)} ${command.argument.help}`, ""]
    : [];
  return [
    `npm run admin -- ${command.usage}`,
    "",
    command.summary,
    "",
    ...argument,
    "Options:",
    ...options,
  ].join("\n");
}

function overallHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(15)} ${command.summary}`);
  return [
    "npm run admin -- <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "`npm run admin -- <command> --help` shows a command's options. DATABASE_URL selects the database.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const found = findCommand(argv);
  const name = found?.name;
  const rest = found?.rest ?? [];
  if (!name || name === "--help" || name === "-h" || name === "help") {
    say(overallHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${overallHelp()}\n`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([option, spec]) => [option, { type: spec.type }]),
    );
    const parsed = parseArgs({
      args: rest,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: command.argument !== undefined,
    });
    values = parsed.values as Record<string, string | boolean | undefined>;
    if (command.argument && !values.help) {
      if (parsed.positionals.length !== 1) {
        throw new Error(
          parsed.positionals.length === 0
            ? `Missing <${command.argument.name}>.`
            : `Give one <${command.argument.name}>, not ${parsed.positionals.length}: ${parsed.positionals.join(" ")}.`,
        );
      }
      values[command.argument.name] = parsed.positionals[0];
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${commandHelp(name, command)}\n`);
    return 2;
  }
  if (values.help) {
    say(commandHelp(name, command));
    return 0;
  }
  const missing = Object.entries(command.options).filter(
    ([option, spec]) => spec.isRequired && !values[option],
  );
  if (missing.length > 0) {
    const names = missing.map(([option]) => `--${option}`).join(", ");
    process.stderr.write(`Missing ${names}.\n\n${commandHelp(name, command)}\n`);
    return 2;
  }
  const { createDb, getDb } = await import("../lib/server/platform/db");
  const { databaseFromEnv } = await import("../lib/server/platform/database-url");
  // A client that has not connected (Prisma connects on the first query) for commands that open the
  // database file themselves, e.g. restore into a folder that does not exist yet.
  const db = command.opensDatabaseItself ? createDb(databaseFromEnv(process.env)) : await getDb();
  try {
    await command.run(db, values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${commandHelp(name, command)}\n`);
      return 2;
    }
    process.stderr.write(`${name} failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admin failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
