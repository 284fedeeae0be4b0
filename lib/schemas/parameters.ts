import { z } from "zod";
import { PARAMETER_KEYS, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { PARAMETER_CATEGORIES, type ParameterCategoryId } from "@/lib/domain/parameters/parameter-definition";
import { type ParameterKind } from "@/lib/domain/parameters/format-amount";

export const parameterKeySchema = z.enum(PARAMETER_KEYS as [ParameterKey, ...ParameterKey[]]);

const CATEGORY_IDS = PARAMETER_CATEGORIES.map((category) => category.id) as [
  ParameterCategoryId,
  ...ParameterCategoryId[],
];
export const parameterCategoryIdSchema = z.enum(CATEGORY_IDS, {
  error: `Category is one of ${CATEGORY_IDS.join(", ")}`,
});

const parameterKindSchema = z.enum(["integer", "decimal", "share"]) satisfies z.ZodType<ParameterKind>;

/** One catalogue entry as pages show it, with the value the active config version sets. */
const catalogueParameterSchema = z.object({
  key: parameterKeySchema,
  label: z.string(),
  description: z.string(),
  unit: z.string(),
  kind: parameterKindSchema,
  min: z.number(),
  max: z.number(),
  default: z.number(),
  step: z.number(),
  whenRaised: z.string(),
  whenLowered: z.string(),
  value: z.number(),
});

/** The parameter catalogue by category, with the values of the active config version (`version`). */
export const parameterCatalogueSchema = z.object({
  version: z.int(),
  categories: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      description: z.string(),
      parameters: z.array(catalogueParameterSchema),
    }),
  ),
});
export type ParameterCatalogue = z.infer<typeof parameterCatalogueSchema>;
