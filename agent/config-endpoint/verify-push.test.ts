import { describe, expect, it } from "vitest";
import { createTestPlatform, createWebhookSecret, signPush } from "../testing/push-test-kit";
import { pinTrust, verifyPush } from "./verify-push";

const platform = createTestPlatform();
const trust = pinTrust(platform.trust);
const secret = createWebhookSecret();
const body = JSON.stringify({ type: "config.bundle", networkId: "net_test", bundle: [{ version: 3 }] });
const nowSeconds = () => Math.floor(Date.now() / 1000);

function check(headers: Record<string, string>, options: { body?: string; secret?: string } = {}) {
  return verifyPush({
    body: Buffer.from(options.body ?? body, "utf8"),
    headers,
    webhookSecret: options.secret ?? secret,
    trust,
  });
}

const signed = (overrides: Partial<Parameters<typeof signPush>[0]> = {}) =>
  signPush({ nodeId: "node_1", body, webhookSecret: secret, platform, ...overrides });

describe("verifyPush", () => {
  it("accepts a push signed with both v1 (HMAC) and v1a (Ed25519)", () => {
    expect(check(signed())).toEqual({ ok: true, webhookId: "cfg_node_1_3" });
  });

  it.each([
    ["a changed body", () => check(signed(), { body: body.replace("3", "4") }), /v1 \(HMAC\)/],
    ["another node's secret", () => check(signed(), { secret: createWebhookSecret() }), /v1 \(HMAC\)/],
    ["a timestamp 6 minutes old", () => check(signed({ timestampSeconds: nowSeconds() - 360 })), /too old/],
    ["a timestamp 6 minutes ahead", () => check(signed({ timestampSeconds: nowSeconds() + 360 })), /too new/],
    [
      "a v1a signature by another platform key",
      () => check(signed({ platform: { ...createTestPlatform(), trust: platform.trust } })),
      /v1a/,
    ],
    [
      "no v1a signature (v1 alone)",
      () => {
        const headers = signed();
        return check({ ...headers, "webhook-signature": headers["webhook-signature"]!.split(" ")[0]! });
      },
      /no v1a/,
    ],
    [
      "no v1 signature (v1a alone)",
      () => {
        const headers = signed();
        return check({ ...headers, "webhook-signature": headers["webhook-signature"]!.split(" ")[1]! });
      },
      /v1 \(HMAC\)/,
    ],
    [
      "a missing webhook-id",
      () => {
        const { "webhook-id": _id, ...headers } = signed();
        return check(headers);
      },
      /required/,
    ],
  ])("refuses %s", (_name, run, reason) => {
    const result = run();
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });

  it("accepts a timestamp 4 minutes old (inside the 5 minute window)", () => {
    expect(check(signed({ timestampSeconds: nowSeconds() - 240 })).ok).toBe(true);
  });

  it("accepts a push with several v1a signatures when any one verifies with a trusted key (rotation overlap)", () => {
    const next = createTestPlatform();
    const old = signed();
    const fromNext = signed({ platform: { ...next, trust: platform.trust } });
    const [v1, v1aOld] = old["webhook-signature"]!.split(" ");
    const v1aNext = fromNext["webhook-signature"]!.split(" ")[1]!;
    const headers = { ...old, "webhook-signature": `${v1} ${v1aNext} ${v1aOld}` };
    expect(check(headers).ok).toBe(true);
    // A node that trusts only the new key accepts the same push; one that trusts neither refuses it.
    const nextTrust = pinTrust(next.trust);
    const verify = (pinned: typeof trust) =>
      verifyPush({ body: Buffer.from(body), headers, webhookSecret: secret, trust: pinned }).ok;
    expect(verify(nextTrust)).toBe(true);
    expect(verify(pinTrust(createTestPlatform().trust))).toBe(false);
  });
});
