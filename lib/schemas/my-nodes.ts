import { z } from "zod";
import { ENDPOINT_URL_MAX, nodeNameSchema } from "./node-protocol";

const nodeIdSchema = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(64, { error: "is not a node id" });

export const nodeIdInputSchema = z.object({ nodeId: nodeIdSchema });

/** Same name rule as registration; surrounding spaces typed into the form are dropped. */
export const renameNodeInputSchema = z.object({
  nodeId: nodeIdSchema,
  name: z.string({ error: "must be a string" }).trim().pipe(nodeNameSchema),
});

/** The shape only: the address rules (https, public addresses) are checked on the server. */
export const changeNodeEndpointInputSchema = z.object({
  nodeId: nodeIdSchema,
  endpointUrl: z
    .string({ error: "must be a string" })
    .trim()
    .min(1, { error: "must not be empty: write it like https://node.example.org/plenum" })
    .max(ENDPOINT_URL_MAX, { error: `must be at most ${ENDPOINT_URL_MAX} characters` }),
});

/** Allow the node to cast ballots for its operator (POST /api/v1/ballots), or withdraw that. */
export const setNodeMayVoteInputSchema = z.object({
  nodeId: nodeIdSchema,
  mayVote: z.boolean({ error: "must be true (the node may cast ballots for you) or false" }),
});

/** One of the signed-in operator's nodes, with what only its owner may see (the endpoint). */
export const operatorNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  status: z.string(),
  endpointUrl: z.string().nullable(),
  lastSeenAt: z.date().nullable(),
  reportedConfigVersion: z.number().int().nullable(),
  createdAt: z.date(),
  verifiedAt: z.date().nullable(),
  keyFingerprint: z.string(),
  isOnline: z.boolean(),
  /** The operator lets this node cast their ballot; off for nodes enrolled since the permission exists. */
  mayVote: z.boolean(),
});

const nodeCountSchema = z.number().int().nonnegative();

export const operatorNodesSchema = z.object({
  nodes: z.array(operatorNodeSchema),
  totals: z.object({ active: nodeCountSchema, gone: nodeCountSchema, online: nodeCountSchema }),
  onlineWindowMinutes: z.number().int().positive(),
});

/** A node as it stands after a rename, an endpoint change, a change of its ballot permission or its retirement. */
export const changedNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  endpointUrl: z.string().nullable(),
  mayVote: z.boolean(),
});

export type RenameNodeInput = z.infer<typeof renameNodeInputSchema>;
export type ChangeNodeEndpointInput = z.infer<typeof changeNodeEndpointInputSchema>;
export type SetNodeMayVoteInput = z.infer<typeof setNodeMayVoteInputSchema>;
export type OperatorNode = z.infer<typeof operatorNodeSchema>;
export type OperatorNodes = z.infer<typeof operatorNodesSchema>;
export type ChangedNode = z.infer<typeof changedNodeSchema>;
