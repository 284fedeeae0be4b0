import { z } from "zod";
import { NODE_STATUSES } from "./nodes";

const count = z.number().int();

/** What the front page shows: the network, its active and scheduled config versions, and node counts. */
export const networkOverviewSchema = z.object({
  networkId: z.string(),
  name: z.string(),
  activeVersion: z.object({ version: count, activatedAt: z.date() }),
  /** The newest issued version, active or not. */
  latestVersion: count,
  /** Issued versions after the active one, oldest first. */
  scheduledVersions: z.array(z.object({ version: count, activateAt: z.date() })),
  nodes: z.object({
    total: count,
    byStatus: z.record(z.enum(NODE_STATUSES), count),
    /** Active nodes that reported within the last onlineWindowMinutes. */
    online: count,
  }),
  onlineWindowMinutes: count,
  operatorCount: count,
  regionCount: count,
});
export type NetworkOverview = z.infer<typeof networkOverviewSchema>;
