import { z } from "zod";
import { formatLimit, type ParameterKind } from "@/lib/domain/parameters/format-amount";

export type ParameterCategory = {
  readonly id: string;
  readonly label: string;
  readonly description: string;
};

/** The catalogue's sections, in the order pages show them. */
export const PARAMETER_CATEGORIES = [
  {
    id: "reward",
    label: "Rewards",
    description:
      "How many credits a node earns for sharing data and staying online, and the most the network pays out each day.",
  },
  {
    id: "service",
    label: "Proof of service",
    description:
      "What a node's reports may claim before the platform refuses them as implausible: earnings and votes rest on service the platform can check.",
  },
  {
    id: "freeRider",
    label: "Free-riders",
    description: "How the network treats nodes that take much more data than they give back.",
  },
  {
    id: "selection",
    label: "Peer selection",
    description: "How nodes pick which other nodes to fetch data from, and how each node's rating is earned.",
  },
  {
    id: "roles",
    label: "Roles",
    description: "What a node needs to be trusted with special jobs, such as acting as a guard node.",
  },
  {
    id: "gov",
    label: "Governance",
    description:
      "How the community proposes, discusses and votes on changes to these rules, and who may vote.",
  },
] as const satisfies readonly ParameterCategory[];

export type ParameterCategoryId = (typeof PARAMETER_CATEGORIES)[number]["id"];

type ParameterSpec = {
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  readonly kind: ParameterKind;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Increment for form inputs. */
  readonly step: number;
  /** Fraction digits always shown for decimals (1 → "1.0 credits/GB"). */
  readonly minFractionDigits: number;
  readonly category: ParameterCategoryId;
  readonly whenRaised: string;
  readonly whenLowered: string;
  /**
   * Added to the catalogue after configs were first signed: a stored config version without it has
   * its default (signed envelopes are never rewritten).
   */
  readonly addedLater?: true;
};

export type ParameterDefinition = ParameterSpec & { readonly schema: z.ZodNumber };

function parameterSchema(spec: ParameterSpec): z.ZodNumber {
  const limit = (value: number) => formatLimit(spec, value);
  const number = z.number({ error: `${spec.label} must be a finite number` });
  const whole =
    spec.kind === "integer" ? number.int({ error: `${spec.label} must be a whole number` }) : number;
  return whole
    .min(spec.min, { error: `${spec.label} must be at least ${limit(spec.min)}` })
    .max(spec.max, { error: `${spec.label} must be at most ${limit(spec.max)}` });
}

export function defineParameter<const S extends ParameterSpec>(
  spec: S,
): S & { readonly schema: z.ZodNumber } {
  return { ...spec, schema: parameterSchema(spec) };
}
