import { createTRPCRouter } from "../init";
import { configRouter } from "./config";
import { networkRouter } from "./network";
import { nodesRouter } from "./nodes";
import { parametersRouter } from "./parameters";

export const appRouter = createTRPCRouter({
  network: networkRouter,
  parameters: parametersRouter,
  config: configRouter,
  nodes: nodesRouter,
});

export type AppRouter = typeof appRouter;
