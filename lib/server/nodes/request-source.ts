import { networkPrefix, UNKNOWN_CLUSTER_PREFIX } from "@/lib/domain/clusters/network-prefix";
import { isDomainError } from "@/lib/domain/errors";
import { defaultParameterValues, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";

/** What a signed node request is checked and filed against, from the active config. */
export interface RequestRules {
  /** gov.clusterPrefixV4/V6: how wide a network cluster is. */
  prefixLengths: { v4Bits: number; v6Bits: number };
  /** service.maxMbps: the most traffic a telemetry window may claim. */
  maxMbps: number;
}

/** The active config's parameters; the catalogue defaults before the first one. */
async function activeParameters(db: DbOrTransaction): Promise<ParameterValues> {
  try {
    return (await getActiveConfigVersion(db)).params;
  } catch (error) {
    if (!isDomainError(error) || error.code !== "NOT_READY") throw error;
    return defaultParameterValues();
  }
}

/** The rules of a signed node request, read from the active config in one query. */
export async function activeRequestRules(db: DbOrTransaction): Promise<RequestRules> {
  const params = await activeParameters(db);
  return {
    prefixLengths: { v4Bits: params["gov.clusterPrefixV4"], v6Bits: params["gov.clusterPrefixV6"] },
    maxMbps: params["service.maxMbps"],
  };
}

/**
 * The network cluster of a signed node request's source address (the one rate limits use). An address
 * the platform cannot read shares one "unknown" cluster with every other such request, so hiding the
 * address never earns a cluster of one's own.
 */
export function clusterPrefixOf(sourceAddress: string, { prefixLengths }: RequestRules): string {
  return networkPrefix(sourceAddress, prefixLengths) ?? UNKNOWN_CLUSTER_PREFIX;
}

/** clusterPrefixOf at the active config's gov.clusterPrefixV4/V6, for a request that needs no other rule. */
export async function requestClusterPrefix(db: DbOrTransaction, sourceAddress: string): Promise<string> {
  return clusterPrefixOf(sourceAddress, await activeRequestRules(db));
}
