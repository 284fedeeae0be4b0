/** Where a node's endpoint URL is vetted. */
export type EndpointCheck = "registration" | "push" | "operator-change";

/**
 * Rule: a loopback or private endpoint is allowed when the platform runs with
 * PLENUM_ALLOW_PRIVATE_ENDPOINTS=1 (a development opt-in), or for a node that carries the permission of
 * the demo fleet's enrolment tokens — at registration and when the worker connects, but never when its
 * operator changes the endpoint on the web (the demo login is public, so that would reopen the door).
 */
export function mayUsePrivateEndpoint({
  isAllowedPlatformWide,
  isAllowedForNode,
  check,
}: {
  isAllowedPlatformWide: boolean;
  isAllowedForNode: boolean;
  check: EndpointCheck;
}): boolean {
  if (isAllowedPlatformWide) return true;
  return isAllowedForNode && check !== "operator-change";
}
