import { parametersByCategory, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import type { ParameterCatalogue } from "@/lib/schemas/parameters";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";
import type { DbOrTransaction } from "@/lib/server/platform/db";

/** The catalogue by category, each parameter with the value the active config version sets. */
export async function getParameterCatalogue(db: DbOrTransaction): Promise<ParameterCatalogue> {
  const active = await getActiveConfigVersion(db);
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
}
