import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/lib/server/db";
import { createLogger } from "@/lib/server/logger";
import { appRouter } from "@/lib/trpc/routers/_app";

const log = createLogger({ fields: { component: "trpc" } });

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({ db: await getDb(), now: () => new Date(), operator: null, clientIp: null }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log.error("tRPC procedure failed", { path, error: error.cause ?? error });
      }
    },
  });
}

export { handler as GET, handler as POST };
