import { createTRPCRouter } from "../init";
import { accountRouter } from "./account";
import { commentsRouter } from "./comments";
import { configRouter } from "./config";
import { enrolmentTokensRouter } from "./enrolment-tokens";
import { exploreRouter } from "./explore";
import { forecastsRouter } from "./forecasts";
import { forecastOutcomesRouter } from "./forecast-outcomes";
import { myNodesRouter } from "./my-nodes";
import { myStatsRouter } from "./my-stats";
import { networkRouter } from "./network";
import { nodesRouter } from "./nodes";
import { parametersRouter } from "./parameters";
import { proposalsRouter } from "./proposals";
import { roundsRouter } from "./rounds";
import { statsRouter } from "./stats";
import { syncRouter } from "./sync";
import { warningSignsRouter } from "./warning-signs";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  network: networkRouter,
  parameters: parametersRouter,
  config: configRouter,
  nodes: nodesRouter,
  enrolmentTokens: enrolmentTokensRouter,
  myNodes: myNodesRouter,
  myStats: myStatsRouter,
  sync: syncRouter,
  comments: commentsRouter,
  proposals: proposalsRouter,
  explore: exploreRouter,
  forecasts: forecastsRouter,
  forecastOutcomes: forecastOutcomesRouter,
  rounds: roundsRouter,
  stats: statsRouter,
  warningSigns: warningSignsRouter,
});

export type AppRouter = typeof appRouter;
