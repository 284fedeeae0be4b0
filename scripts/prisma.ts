/**
 * The one way to run the Prisma CLI here. Prisma 6 tries to download native engines before it
 * starts; the placeholders below stop that (the JS engines configured in prisma.config.ts are used).
 *
 *   tsx scripts/prisma.ts generate   both clients (SQLite and PostgreSQL)
 *   tsx scripts/prisma.ts deploy     apply migrations to DATABASE_URL's database
 *   tsx scripts/prisma.ts <args…>    any other prisma command, passed through
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseFromEnv } from "../lib/server/platform/database-url";

const PLACEHOLDER_ENGINE = process.execPath;

export function runPrisma(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  { isQuiet = false }: { isQuiet?: boolean } = {},
): void {
  const result = spawnSync(process.execPath, [prismaCliPath(), ...args], {
    // Quiet runs keep Prisma's banner out of `npm start` and show its output only when it fails.
    stdio: isQuiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: {
      ...env,
      PRISMA_QUERY_ENGINE_LIBRARY: PLACEHOLDER_ENGINE,
      PRISMA_SCHEMA_ENGINE_BINARY: PLACEHOLDER_ENGINE,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL: env.DATABASE_URL?.trim() || "file:./data/plenum.db",
    },
  });
  if (result.status !== 0) {
    if (isQuiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`prisma ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  }
}

function prismaCliPath(): string {
  return path.resolve("node_modules/prisma/build/index.js");
}

export function generateClients(): void {
  runPrisma(["generate", "--schema", "prisma/schema.prisma"]);
  runPrisma(["generate", "--schema", "prisma/postgres/schema.prisma"]);
}

export function deployMigrations(
  env: NodeJS.ProcessEnv = process.env,
  options: { isQuiet?: boolean } = {},
): void {
  const target = databaseFromEnv(env);
  if (target.kind === "sqlite" && target.filePath !== ":memory:") {
    mkdirSync(path.dirname(target.filePath), { recursive: true });
  }
  runPrisma(["migrate", "deploy"], env, options);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === "generate" && rest.length === 0) generateClients();
    else if (command === "deploy") deployMigrations();
    else runPrisma(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
