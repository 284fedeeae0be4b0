import { describe, expect, it } from "vitest";
import { mayUsePrivateEndpoint, type EndpointCheck } from "./private-endpoint";

describe("mayUsePrivateEndpoint", () => {
  it.each([
    // platform-wide, node, check, allowed
    [false, false, "registration", false],
    [false, false, "push", false],
    [false, false, "operator-change", false],
    [false, true, "registration", true],
    [false, true, "push", true],
    [false, true, "operator-change", false],
    [true, false, "registration", true],
    [true, false, "push", true],
    [true, false, "operator-change", true],
    [true, true, "operator-change", true],
  ] as const)(
    "platform-wide %s, node %s, at %s: %s",
    (isAllowedPlatformWide, isAllowedForNode, check: EndpointCheck, expected) => {
      expect(mayUsePrivateEndpoint({ isAllowedPlatformWide, isAllowedForNode, check })).toBe(expected);
    },
  );
});
