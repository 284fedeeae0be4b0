import { parametersByCategory, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { getActiveConfigVersion } from "@/lib/server/governance/issue-config-version";
import { createTRPCRouter, publicProcedure } from "../init";

export const parametersRouter = createTRPCRouter({
  /** The catalogue by category, each parameter with the value the active config version sets. */
  catalogue: publicProcedure.query(async ({ ctx }) => {
    const active = await getActiveConfigVersion(ctx.db);
    return {
      version: active.version,
      categories: parametersByCategory().map(({ category, parameters }) => ({
        id: category.id,
        label: category.label,
        description: category.description,
        parameters: parameters.map((parameter) => {
          const key = parameter.key as ParameterKey;
          return {
            key,
            label: parameter.label,
            description: parameter.description,
            unit: parameter.unit,
            kind: parameter.kind,
            min: parameter.min,
            max: parameter.max,
            default: parameter.default,
            step: parameter.step,
            whenRaised: parameter.whenRaised,
            whenLowered: parameter.whenLowered,
            value: active.params[key],
          };
        }),
      })),
    };
  }),
});
