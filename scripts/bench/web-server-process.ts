import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

const SERVER_READY_MS = 120_000;

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * The production web server (scripts/web-server.ts) on the bench database, once it answers; `preloads`
 * are modules loaded with --import before it (after tsx).
 */
export async function startWebServer(
  databaseUrl: string,
  { preloads = [] }: { preloads?: readonly string[] } = {},
): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freeLoopbackPort();
  const imports = preloads.flatMap((preload) => ["--import", preload]);
  const child = spawn(process.execPath, ["--import", "tsx", ...imports, "scripts/web-server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      PLENUM_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVER_READY_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the web server exited with ${child.exitCode} during start-up`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/rounds/current`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) return { baseUrl, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error(
    `the web server did not answer GET /api/v1/rounds/current within ${SERVER_READY_MS / 1000} s`,
  );
}

export function stopWebServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
