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

export type RenameNodeInput = z.infer<typeof renameNodeInputSchema>;
export type ChangeNodeEndpointInput = z.infer<typeof changeNodeEndpointInputSchema>;
