import { describe, expect, it } from "vitest";
import { enrolmentChallengeMessage, nodeNameSchema, nodeRegistrationRequestSchema } from "./node-protocol";

describe("enrolmentChallengeMessage", () => {
  it("is the five protocol lines joined by \\n, with no trailing newline", () => {
    expect(
      enrolmentChallengeMessage({
        networkId: "net_0123",
        challengeId: "chl_abc",
        publicKey: "A".repeat(43),
        expiresAt: "2026-11-25T12:05:00.000Z",
      }),
    ).toBe(`plenum-node-enrol-v1\nnet_0123\nchl_abc\n${"A".repeat(43)}\n2026-11-25T12:05:00.000Z`);
  });
});

describe("nodeNameSchema", () => {
  it.each(["a", "relay-eu-1", "Relay_2.b", "x".repeat(64)])("accepts %s", (name) => {
    expect(nodeNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(["", "x".repeat(65), "relay 1", "relé", "a/b", "a\nb"])("refuses %j", (name) => {
    expect(nodeNameSchema.safeParse(name).success).toBe(false);
  });
});

describe("nodeRegistrationRequestSchema", () => {
  it("names every missing field", () => {
    const result = nodeRegistrationRequestSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path[0]).sort()).toEqual(
      ["challengeId", "endpointUrl", "enrolmentToken", "name", "publicKey", "signature"].sort(),
    );
  });
});
