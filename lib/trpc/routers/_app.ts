import { createTRPCRouter } from "../init";
import { accountRouter } from "./account";
import { configRouter } from "./config";
import { enrolmentTokensRouter } from "./enrolment-tokens";
import { myNodesRouter } from "./my-nodes";
import { networkRouter } from "./network";
import { nodesRouter } from "./nodes";
import { parametersRouter } from "./parameters";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  network: networkRouter,
  parameters: parametersRouter,
  config: configRouter,
  nodes: nodesRouter,
  enrolmentTokens: enrolmentTokensRouter,
  myNodes: myNodesRouter,
});

export type AppRouter = typeof appRouter;
