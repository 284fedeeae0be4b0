import { networkPrefix, UNKNOWN_CLUSTER_PREFIX } from "@/lib/domain/clusters/network-prefix";
import { isDomainError } from "@/lib/domain/errors";
import { PARAMETERS } from "@/lib/domain/parameters/catalogue";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";

/** gov.clusterPrefixV4/V6 of the active config; the catalogue defaults before the first one. */
async function activePrefixLengths(db: DbOrTransaction): Promise<{ v4Bits: number; v6Bits: number }> {
  try {
    const { params } = await getActiveConfigVersion(db);
    return { v4Bits: params["gov.clusterPrefixV4"], v6Bits: params["gov.clusterPrefixV6"] };
  } catch (error) {
    if (!isDomainError(error) || error.code !== "NOT_READY") throw error;
    return {
      v4Bits: PARAMETERS["gov.clusterPrefixV4"].default,
      v6Bits: PARAMETERS["gov.clusterPrefixV6"].default,
    };
  }
}

/**
 * The network cluster of a signed node request's source address (the one rate limits use), at the
 * active config's gov.clusterPrefixV4/V6. An address the platform cannot read shares one "unknown"
 * cluster with every other such request, so hiding the address never earns a cluster of one's own.
 */
export async function requestClusterPrefix(db: DbOrTransaction, sourceAddress: string): Promise<string> {
  return networkPrefix(sourceAddress, await activePrefixLengths(db)) ?? UNKNOWN_CLUSTER_PREFIX;
}
