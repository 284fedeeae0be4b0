/**
 * Whether the production build in .next is current: a hash of every build input is stamped after a
 * build, and a build runs only when the stamp is missing or differs. Used by `npm start` and by the
 * benchmarks that serve the built app.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "prisma/schema.prisma",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const BUILD_STAMP = ".next/plenum-build-hash";

function listFiles(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry, { withFileTypes: true })
    .filter((child) => !(child.isDirectory() && child.name === "generated"))
    .flatMap((child) => listFiles(path.join(entry, child.name)))
    .filter((file) => !/\.(test|int\.test)\.tsx?$/.test(file));
}

function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of BUILD_INPUTS.flatMap(listFiles).sort()) {
    hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${code ?? signal})`)),
    );
  });
}

/** Runs `next build` unless .next already holds a build of exactly these sources. */
export async function buildWebAppIfNeeded(
  env: NodeJS.ProcessEnv,
  say: (message: string) => void,
): Promise<void> {
  const hash = sourceHash();
  const isBuilt = existsSync(".next/BUILD_ID") && existsSync(BUILD_STAMP);
  if (isBuilt && readFileSync(BUILD_STAMP, "utf8") === hash) {
    say("Web app is already built for these sources.");
    return;
  }
  say("Building the web app (first start or sources changed; takes a minute or two)…");
  await runCommand(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
    NODE_ENV: "production",
  });
  writeFileSync(BUILD_STAMP, hash);
}
