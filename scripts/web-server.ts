/**
 * The production web server: Next.js behind a plain node:http server that owns `x-forwarded-for`
 * and request bodies. `next start` keeps a client-supplied x-forwarded-for, so a client could pick
 * the address that rate limits see; here the header is replaced by the socket's address unless
 * PLENUM_TRUST_PROXY=1 says a load balancer in front sets it. Next.js reads any body whole, so the
 * request guard (web-server/request-guard.ts) refuses one over its path's limit before it is
 * buffered, and a JSON body that is not UTF-8 or nests too deep before it is parsed. Responses to
 * requests that came over https carry Strict-Transport-Security.
 */
import { createServer } from "node:http";
import next from "next";
import { pinForwardedFor } from "./web-server/pin-forwarded-for";
import { loadEnv } from "../lib/server/platform/env";
import { createLogger } from "../lib/server/platform/logger";
import { serveGuarded } from "./web-server/request-guard";
import { isServedOverHttps, STRICT_TRANSPORT_SECURITY } from "./web-server/strict-transport-security";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger({ level: env.PLENUM_LOG_LEVEL, fields: { process: "web" } });
  const app = next({ dev: false, dir: process.cwd(), port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer();
  serveGuarded(
    server,
    (request, response) => {
      if (isServedOverHttps(request, { trustProxy: env.PLENUM_TRUST_PROXY }))
        response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
      pinForwardedFor(request, { trustProxy: env.PLENUM_TRUST_PROXY });
      handle(request, response).catch((error: unknown) => {
        log.error("request failed", { url: request.url, error });
        if (!response.headersSent) response.writeHead(500).end();
      });
    },
    { onRefuse: (refusal) => log.warn("request refused", { ...refusal }) },
  );
  server.listen(env.PORT, () => log.info("web app listening", { port: env.PORT }));

  const stop = (signal: NodeJS.Signals) => {
    log.info("web app stopping", { signal });
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  main().catch((error: unknown) => {
    process.stderr.write(`The web app cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
