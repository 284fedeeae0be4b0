/**
 * `npm run admin -- <command>`: administration from the server's shell (the first admin, steward roles,
 * enrolment tokens for automation, opening and closing a voting round now, computing due epochs, rebuilding
 * missing telemetry rollups). Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import { parseArgs } from "node:util";
import { isDomainError } from "../lib/domain/errors";
import { formatPercent } from "../lib/domain/format-percent";
import type { Db } from "../lib/server/db";

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; help: string; isRequired?: boolean }>;
  run: (db: Db, values: Record<string, string | boolean | undefined>) => Promise<void>;
}

class UsageError extends Error {}

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

function wholeNumber(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d+$/.test(raw))
    throw new UsageError(`--${name} must be a whole number.`);
  return Number(raw);
}

const COMMANDS: Record<string, Command> = {
  "create-admin": {
    summary: "Create an admin account (or promote an existing one with --promote).",
    usage: "create-admin --email <email> --name <display name> --password <password> [--promote]",
    options: {
      email: { type: "string", help: "the admin's email (their sign-in name)", isRequired: true },
      name: { type: "string", help: "display name shown in Plenum" },
      password: { type: "string", help: "10 to 128 characters" },
      promote: { type: "boolean", help: "when the email already has an account, make it admin instead" },
    },
    async run(db, values) {
      const email = String(values.email);
      const { setOperatorRole } = await import("../lib/server/services/operator-roles");
      if (values.promote) {
        const exists = await db.operator.findUnique({
          where: { email: email.trim().toLowerCase() },
          select: { id: true },
        });
        if (exists) {
          const operator = await setOperatorRole(db, { email, role: "admin" });
          say(`${operator.email} (${operator.displayName}) is now an admin (was ${operator.previousRole}).`);
          return;
        }
      }
      if (typeof values.name !== "string" || typeof values.password !== "string") {
        throw new UsageError("create-admin needs --name and --password for a new account.");
      }
      const { createOperatorAccount } = await import("../lib/server/services/operator-accounts");
      try {
        const operator = await createOperatorAccount(db, {
          email,
          displayName: values.name,
          password: values.password,
          role: "admin",
          now: new Date(),
        });
        say(`Created admin ${operator.email} (${operator.displayName}). Sign in at /sign-in.`);
      } catch (error) {
        if (isDomainError(error) && error.code === "CONFLICT") {
          throw new Error(`${error.message} Add --promote to make that account an admin.`);
        }
        throw error;
      }
    },
  },
  "grant-steward": {
    summary: "Make an operator a steward (moderation rights).",
    usage: "grant-steward --email <email>",
    options: { email: { type: "string", help: "the operator's email", isRequired: true } },
    async run(db, values) {
      const { setOperatorRole } = await import("../lib/server/services/operator-roles");
      const operator = await setOperatorRole(db, {
        email: String(values.email),
        role: "steward",
        fromRoles: ["operator", "steward"],
      });
      say(`${operator.email} (${operator.displayName}) is now a steward.`);
    },
  },
  "revoke-steward": {
    summary: "Take the steward role away (the account stays an ordinary operator).",
    usage: "revoke-steward --email <email>",
    options: { email: { type: "string", help: "the steward's email", isRequired: true } },
    async run(db, values) {
      const { setOperatorRole } = await import("../lib/server/services/operator-roles");
      const operator = await setOperatorRole(db, {
        email: String(values.email),
        role: "operator",
        fromRoles: ["steward", "operator"],
      });
      say(`${operator.email} (${operator.displayName}) is now an ordinary operator.`);
    },
  },
  "create-token": {
    summary: "Create an enrolment token for an operator's nodes (printed once; store it safely).",
    usage: "create-token --email <email> --label <label> [--uses N] [--expires-hours H]",
    options: {
      email: { type: "string", help: "the operator who will own the enrolled nodes", isRequired: true },
      label: { type: "string", help: "what the token is for, e.g. the machine's name", isRequired: true },
      uses: { type: "string", help: "how many nodes may enrol with it (default 1)" },
      "expires-hours": { type: "string", help: "hours until it expires (default 24, at most 168)" },
    },
    async run(db, values) {
      const email = String(values.email).trim().toLowerCase();
      const operator = await db.operator.findUnique({ where: { email }, select: { id: true } });
      if (!operator) throw new Error(`No operator account uses the email ${email}. Create it first.`);
      const { createEnrolmentToken } = await import("../lib/server/services/enrolment-tokens");
      const created = await createEnrolmentToken(db, {
        operatorId: operator.id,
        label: String(values.label),
        maxUses: wholeNumber(values, "uses"),
        expiresInHours: wholeNumber(values, "expires-hours"),
        now: new Date(),
      });
      say(
        `Enrolment token "${created.label}" for ${email}: ${created.maxUses} use(s), expires ${created.expiresAt.toISOString()}.`,
      );
      say("Shown once, never again:");
      say(created.token);
    },
  },
  "round open": {
    summary: "Open a voting round now with every queued proposal (the worker does this on its own schedule).",
    usage: "round open [--cut-discussion]",
    options: {
      "cut-discussion": {
        type: "boolean",
        help: "also put proposals still in discussion to the vote (those needing no confirmation)",
      },
    },
    async run(db, values) {
      const { openRound } = await import("../lib/server/services/open-round");
      const round = await openRound(db, {
        now: new Date(),
        cutDiscussionShort: values["cut-discussion"] === true,
      });
      const titles = await proposalTitles(db, round.proposalIds);
      say(
        `Opened voting round ${round.number} with ${round.proposalIds.length} proposal(s); it closes at ${round.closesAt.toISOString()}.`,
      );
      for (const proposalId of round.proposalIds) say(`  ${proposalId}  ${titles.get(proposalId)}`);
      say(
        `${round.voters} operator(s) may vote, with ${round.eligibleNodes} eligible node(s) between them. Close it early with \`npm run admin -- round close\`.`,
      );
    },
  },
  "round close": {
    summary: "Close the open voting round now: recount, ratify and issue the next config version.",
    usage: "round close",
    options: {},
    async run(db) {
      const { closeRound } = await import("../lib/server/services/close-round");
      const round = await closeRound(db, { now: new Date() });
      const titles = await proposalTitles(
        db,
        round.decisions.map((decision) => decision.proposalId),
      );
      say(`Closed voting round ${round.number} at ${round.closedAt.toISOString()}.`);
      for (const decision of round.decisions) {
        say(
          `  ${decision.outcome.padEnd(10)} ${titles.get(decision.proposalId)} (${decision.proposalId}): net ${decision.net}, turnout ${formatPercent(decision.turnout)}. ${decision.reason}`,
        );
      }
      say(
        round.configVersion === null
          ? "Nothing passed, so no config version was created."
          : `Config version ${round.configVersion} was created; it activates at ${round.activateAt!.toISOString()}.`,
      );
    },
  },
  "epochs run": {
    summary:
      "Compute every finished day's rewards and ratings not yet in the reward ledger (the worker does this too).",
    usage: "epochs run",
    options: {},
    async run(db) {
      const { runDueEpochs } = await import("../lib/server/services/epochs");
      const { computed, lastDay, isBusy } = await runDueEpochs(db, { now: new Date() });
      if (lastDay !== null) say(`Computed ${computed} epoch(s), up to ${lastDay}.`);
      say(
        isBusy
          ? "Stopped: another process (the worker?) holds the database lock for an epoch. Run this again in a minute."
          : lastDay === null
            ? "No epoch was due: every finished day is already in the reward ledger (or no telemetry has arrived yet)."
            : "Every finished day is now in the reward ledger.",
      );
    },
  },
  "rollups rebuild": {
    summary:
      "Build the telemetry rollups from the raw samples when none exist (a database from before rollups; npm start does it too).",
    usage: "rollups rebuild",
    options: {},
    async run(db) {
      const { rebuildRollupsIfMissing } = await import("../lib/server/services/telemetry-rollups");
      const rebuild = await rebuildRollupsIfMissing(db);
      say(
        rebuild.isRebuilt
          ? `Built the rollups from ${rebuild.samples} raw sample(s) of ${rebuild.nodes} node(s): ${rebuild.networkHours} hour(s), ${rebuild.networkDays} day(s).`
          : `Nothing to do: ${rebuild.reason}.`,
      );
    },
  },
};

async function proposalTitles(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.proposal.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, title: true },
  });
  return new Map(rows.map((row) => [row.id, `“${row.title}”`]));
}

/** A command's name is one word, or two for a group ("round open"). */
function findCommand(argv: readonly string[]): { name: string; rest: string[] } | null {
  const [first, second, ...others] = argv;
  if (first && second && COMMANDS[`${first} ${second}`]) return { name: `${first} ${second}`, rest: others };
  return first ? { name: first, rest: argv.slice(1) } : null;
}

function commandHelp(name: string, command: Command): string {
  const options = Object.entries(command.options).map(
    ([option, spec]) => `  --${option.padEnd(15)} ${spec.help}${spec.isRequired ? " (required)" : ""}`,
  );
  return [`npm run admin -- ${command.usage}`, "", command.summary, "", "Options:", ...options].join("\n");
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
    values = parseArgs({
      args: rest,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
    }).values as Record<string, string | boolean | undefined>;
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
  const { getDb } = await import("../lib/server/db");
  const db = await getDb();
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
