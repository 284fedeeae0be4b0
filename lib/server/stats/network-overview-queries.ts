import { ONLINE_WINDOW_MINUTES, onlineSince } from "@/lib/domain/node-presence";
import type { NetworkOverview } from "@/lib/schemas/network-overview";
import { NODE_STATUSES, type NodeStatus } from "@/lib/schemas/nodes";
import type { Db } from "../platform/db";
import { getActiveConfigVersion } from "../governance/config-version-queries";
import { getNetworkInfo } from "../platform/ensure-platform";

/** What the front page shows: the network, its active and scheduled config versions, and node counts. */
export async function getNetworkOverview(db: Db, { now }: { now: Date }): Promise<NetworkOverview> {
  const network = await getNetworkInfo(db);
  const active = await getActiveConfigVersion(db);

  const [byStatus, online, operatorCount, regions, scheduled] = await Promise.all([
    db.node.groupBy({ by: ["status"], _count: { _all: true } }),
    db.node.count({ where: { status: "Active", lastSeenAt: { gte: onlineSince(now) } } }),
    db.operator.count(),
    db.node.findMany({ distinct: ["region"], select: { region: true } }),
    db.configVersion.findMany({
      where: { version: { gt: active.version } },
      orderBy: { version: "asc" },
      select: { version: true, activateAt: true },
    }),
  ]);

  const countOf = (status: NodeStatus) => byStatus.find((group) => group.status === status)?._count._all ?? 0;
  const statusCounts = Object.fromEntries(NODE_STATUSES.map((status) => [status, countOf(status)])) as Record<
    NodeStatus,
    number
  >;

  return {
    networkId: network.networkId,
    name: network.name,
    activeVersion: { version: active.version, activatedAt: active.activatedAt },
    latestVersion: network.latestVersion,
    scheduledVersions: scheduled,
    nodes: {
      total: byStatus.reduce((sum, group) => sum + group._count._all, 0),
      byStatus: statusCounts,
      online,
    },
    onlineWindowMinutes: ONLINE_WINDOW_MINUTES,
    operatorCount,
    regionCount: regions.length,
  };
}
