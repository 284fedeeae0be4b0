import { parameterCatalogueSchema } from "@/lib/schemas/parameters";
import { getParameterCatalogue } from "@/lib/server/governance/parameter-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const parametersRouter = createTRPCRouter({
  /** The catalogue by category, each parameter with the value the active config version sets. */
  catalogue: publicProcedure
    .output(parameterCatalogueSchema)
    .query(({ ctx }) => getParameterCatalogue(ctx.db)),
});
