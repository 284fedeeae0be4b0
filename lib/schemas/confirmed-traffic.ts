import { z } from "zod";

/** The node page and the operator view show this many of the newest days. */
export const TRAFFIC_DAYS_SHOWN = 30;

/** Data served over some days: as claimed, as confirmed by peers in other networks, as paid for. */
export const trafficFiguresSchema = z.object({
  /** What the node(s) reported sending to peers (within the plausible maximum). */
  claimedBytes: z.bigint(),
  /** Of that, what peers in other network clusters confirmed receiving. */
  confirmedBytes: z.bigint(),
  /** Confirmed + reward.uncorroboratedWeight × the rest: what the reward was worked out on. */
  paidBytes: z.bigint(),
});
export type TrafficFigures = z.infer<typeof trafficFiguresSchema>;

/** One day (epoch): its figures, or, when the epoch is blocked, why nothing was worked out or paid. */
export const trafficDaySchema = z.discriminatedUnion("status", [
  trafficFiguresSchema.extend({ status: z.literal("Computed"), day: z.date() }),
  z.object({ status: z.literal("Blocked"), day: z.date(), reason: z.string() }),
]);
export type TrafficDay = z.infer<typeof trafficDaySchema>;

const trafficHistory = {
  /** The newest days, newest first. */
  days: z.array(trafficDaySchema).max(TRAFFIC_DAYS_SHOWN),
  /** Over the computed days of `days`. */
  totals: trafficFiguresSchema,
  /** The active config's reward.uncorroboratedWeight: the share of unconfirmed data that is paid. */
  uncorroboratedWeight: z.number(),
};

/** One of the operator's nodes, day by day. */
export const nodeTrafficSchema = z.object({ nodeId: z.string(), ...trafficHistory });
export type NodeTraffic = z.infer<typeof nodeTrafficSchema>;

/** All the operator's nodes together, day by day, and each node over the same days. */
export const operatorTrafficSchema = z.object({
  ...trafficHistory,
  /** Nodes with figures on those days, in the order of the operator's node list. */
  nodes: z.array(trafficFiguresSchema.extend({ nodeId: z.string(), name: z.string() })),
});
export type OperatorTraffic = z.infer<typeof operatorTrafficSchema>;
