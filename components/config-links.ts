import { CONFIG_HISTORY_PAGE_SIZE } from "@/lib/schemas/config-history";

/** The element id of a version's entry on /config. */
export function configVersionAnchor(version: number): string {
  return `version-${version}`;
}

/**
 * A link to one version's entry in the config history: the first page when the version is on it,
 * else the page that starts with it.
 */
export function configVersionHref(version: number, latestVersion: number): string {
  const anchor = configVersionAnchor(version);
  return latestVersion - version < CONFIG_HISTORY_PAGE_SIZE
    ? `/config#${anchor}`
    : `/config?before=${version + 1}#${anchor}`;
}

/** The raw signed config version as nodes fetch it. */
export function signedConfigHref(version: number): string {
  return `/api/v1/config/${version}`;
}
