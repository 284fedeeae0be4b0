import { z } from "zod";
import { PROPOSAL_CHANGE_COUNT } from "@/lib/domain/governance/proposal-limits";
import {
  EXPLORE_GOAL_IDS,
  EXPLORE_GOALS,
  type ExploreGoalId,
} from "@/lib/domain/network-model/explore-goals";
import { MODEL_METRIC_IDS } from "@/lib/domain/network-model/model-types";
import {
  PARAMETERS,
  isParameterKey,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { validateParameterChanges } from "@/lib/domain/parameters/validate";

/** Explore: turn a goal in plain words into candidate rule changes (lib/domain/network-model/explore-*.ts). */

export const exploreGoalIdSchema = z.enum(EXPLORE_GOAL_IDS);

/** The goals as people choose them: title, one sentence, and the rules each keeps. */
export const EXPLORE_GOAL_CHOICES = EXPLORE_GOAL_IDS.map((id: ExploreGoalId) => ({
  id,
  title: EXPLORE_GOALS[id].title,
  description: EXPLORE_GOALS[id].description,
  keeps: EXPLORE_GOALS[id].constraints.map((constraint) => constraint.sentence),
  headlineMetrics: [...EXPLORE_GOALS[id].headlineMetrics],
}));
export type ExploreGoalChoice = (typeof EXPLORE_GOAL_CHOICES)[number];

export const startExploreInputSchema = z.object({ goal: exploreGoalIdSchema });
export type StartExploreInput = z.infer<typeof startExploreInputSchema>;

export const exploreRunIdSchema = z.string().min(1).max(64);
export const exploreRunInputSchema = z.object({ id: exploreRunIdSchema });

export const startExploreOutputSchema = z.object({
  id: exploreRunIdSchema,
  /** True when an earlier search for the same goal, rules and days was reused instead of starting another. */
  reused: z.boolean(),
});

const spreadSchema = z.object({ p10: z.number(), median: z.number(), p90: z.number() });
const outcomeFiguresSchema = z.object({
  runs: z.int().min(1),
  metrics: z.object(Object.fromEntries(MODEL_METRIC_IDS.map((id) => [id, spreadSchema]))) as z.ZodObject<
    Record<(typeof MODEL_METRIC_IDS)[number], typeof spreadSchema>
  >,
  bindingDaysShare: z.number().min(0).max(1),
});

const parameterKeySchema = z
  .string()
  .refine(isParameterKey, { error: "not a known parameter" }) as z.ZodType<ParameterKey>;

export const exploreCandidateSchema = z.object({
  changes: z.array(z.object({ key: parameterKeySchema, from: z.number(), to: z.number() })).min(1),
  rulesChanged: z.int().min(1),
  improvement: z.number(),
  changeSize: z.number().min(0),
  current: outcomeFiguresSchema,
  proposed: outcomeFiguresSchema,
});
export type ExploreCandidateView = z.infer<typeof exploreCandidateSchema>;

/** What a finished run stores in ExploreRun.candidates: the result and the network state it ran on. */
export const exploreRunOutcomeSchema = z.object({
  /** The newest computed day the model's start state was built from (dedupes later requests). */
  newestEpochDay: z.coerce.date(),
  modelVersion: z.string(),
  /** True when the time bound stopped the search before it evaluated all it planned. */
  stoppedEarly: z.boolean(),
  result: z.object({
    goal: exploreGoalIdSchema,
    evaluated: z.int().min(0),
    planned: z.int().min(0),
    days: z.int().min(1),
    isFinal: z.boolean(),
    candidates: z.array(exploreCandidateSchema).max(5),
  }),
});
export type ExploreRunOutcome = z.infer<typeof exploreRunOutcomeSchema>;

export const EXPLORE_RUN_STATUSES = ["Queued", "Running", "Done", "Failed"] as const;

export const exploreRunViewSchema = z.object({
  id: exploreRunIdSchema,
  goal: exploreGoalIdSchema,
  status: z.enum(EXPLORE_RUN_STATUSES),
  /** The config version whose rules the candidates change. */
  baseVersion: z.int().min(1),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  evaluated: z.int().min(0),
  planned: z.int().min(0),
  /** Searches waiting before this one (0 unless it is queued). */
  queuedAhead: z.int().min(0),
  /** Why it failed, in words; null unless it failed. */
  error: z.string().nullable(),
  /** Null until it is done. */
  outcome: exploreRunOutcomeSchema.nullable(),
});
export type ExploreRunView = z.infer<typeof exploreRunViewSchema>;

/**
 * A prefilled proposal from Explore, as `/proposals/new?changes=key:value,key:value` carries it: known
 * parameters, each once, each value a plain number within its bounds (shares as 0–1, as stored).
 */
export const proposalPrefillSchema = z
  .string()
  .max(2_000, { error: "The suggested changes are too long" })
  .transform((text, ctx) => {
    const pairs = text.split(",").filter((pair) => pair.trim() !== "");
    if (pairs.length < PROPOSAL_CHANGE_COUNT.min || pairs.length > PROPOSAL_CHANGE_COUNT.max) {
      ctx.addIssue({
        code: "custom",
        message: `Suggest between ${PROPOSAL_CHANGE_COUNT.min} and ${PROPOSAL_CHANGE_COUNT.max} changes`,
      });
      return z.NEVER;
    }
    const changes: { key: ParameterKey; toValue: number }[] = [];
    for (const pair of pairs) {
      const [key = "", value = "", ...rest] = pair.trim().split(":");
      const number = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(value) ? Number(value) : Number.NaN;
      if (!isParameterKey(key)) {
        ctx.addIssue({ code: "custom", message: `"${key}" is not a known parameter` });
      } else if (rest.length > 0 || !Number.isFinite(number)) {
        ctx.addIssue({ code: "custom", message: `${PARAMETERS[key].label} needs a plain number` });
      } else if (changes.some((change) => change.key === key)) {
        ctx.addIssue({ code: "custom", message: `${PARAMETERS[key].label} appears twice` });
      } else {
        const parsed = PARAMETERS[key].schema.safeParse(number);
        if (parsed.success) changes.push({ key, toValue: number });
        else
          for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      }
    }
    return changes;
  });

/** `?changes=` for the proposal wizard from a candidate's changes. */
export function proposalPrefillParam(changes: readonly { key: string; to: number }[]): string {
  return changes.map(({ key, to }) => `${key}:${to}`).join(",");
}

/** What `/proposals/new?changes=…&goal=…` asks of the wizard. */
export type ProposalPrefill =
  | { status: "none" }
  | { status: "ok"; changes: { key: ParameterKey; toValue: number }[]; goalTitle: string | null }
  | { status: "invalid"; message: string };

/**
 * Reads a prefilled proposal from the address: "none" without `changes`, "invalid" with a sentence saying
 * why when a value is unknown, malformed, out of bounds or breaks a rule tying parameters together (checked
 * against the values in force now), else the changes and the Explore goal they came from.
 */
export function readProposalPrefill(
  { changes, goal }: { changes: string | undefined; goal: string | undefined },
  current: ParameterValues,
): ProposalPrefill {
  if (changes === undefined) return { status: "none" };
  const parsed = proposalPrefillSchema.safeParse(changes);
  if (!parsed.success) {
    return { status: "invalid", message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  }
  const checked = validateParameterChanges(
    current,
    Object.fromEntries(parsed.data.map((change) => [change.key, change.toValue])),
  );
  if (!checked.ok) {
    return { status: "invalid", message: checked.violations.map((violation) => violation.message).join(" ") };
  }
  const goalId = exploreGoalIdSchema.safeParse(goal);
  return {
    status: "ok",
    changes: parsed.data,
    goalTitle: goalId.success ? EXPLORE_GOALS[goalId.data].title : null,
  };
}
