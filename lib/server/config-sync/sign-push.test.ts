import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateEd25519KeyPair, verifyEd25519 } from "@/lib/server/platform/ed25519";
import { signPush } from "./sign-push";

const SECRET = `whsec_${Buffer.from("a secret of thirty-two bytes!!!!").toString("base64")}`;

describe("signPush", () => {
  const key = generateEd25519KeyPair();
  const body = JSON.stringify({ type: "config.bundle", networkId: "net_1", bundle: [] });
  const timestampSeconds = Math.floor(Date.now() / 1000);
  const headers = signPush({
    webhookId: "cfg_node_3",
    timestampSeconds,
    body,
    webhookSecret: SECRET,
    platformKey: key.privateKeyPem,
  });

  it("writes Standard Webhooks headers that the standardwebhooks package verifies (v1)", () => {
    expect(headers["webhook-id"]).toBe("cfg_node_3");
    expect(headers["webhook-timestamp"]).toBe(String(timestampSeconds));
    expect(() => new Webhook(SECRET).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(SECRET).verify(body.replace("net_1", "net_2"), headers)).toThrow();
  });

  it("adds a v1a Ed25519 signature by the platform key over id.timestamp.body", () => {
    const v1a = headers["webhook-signature"]!.split(" ").find((part) => part.startsWith("v1a,"))!;
    const signature = Buffer.from(v1a.slice(4), "base64");
    const content = Buffer.from(`cfg_node_3.${timestampSeconds}.${body}`);
    expect(verifyEd25519(key.publicKey, content, signature)).toBe(true);
    expect(
      verifyEd25519(key.publicKey, Buffer.from(`cfg_node_4.${timestampSeconds}.${body}`), signature),
    ).toBe(false);
  });

  it("refuses a secret without the whsec_ prefix and never puts it in the message", () => {
    const attempt = () =>
      signPush({
        webhookId: "x",
        timestampSeconds,
        body,
        webhookSecret: "plain",
        platformKey: key.privateKeyPem,
      });
    expect(attempt).toThrow(/whsec_/);
    expect(attempt).not.toThrow(/plain/);
  });

  it("adds one v1a signature per platform key during a rotation's overlap, each verifying with its key", () => {
    const next = generateEd25519KeyPair();
    const both = signPush({
      webhookId: "cfg_node_3",
      timestampSeconds,
      body,
      webhookSecret: SECRET,
      platformKey: [next.privateKeyPem, key.privateKeyPem],
    });
    const parts = both["webhook-signature"]!.split(" ");
    expect(parts.map((part) => part.slice(0, part.indexOf(",")))).toEqual(["v1", "v1a", "v1a"]);
    const content = Buffer.from(`cfg_node_3.${timestampSeconds}.${body}`);
    const [forNext, forOld] = parts.slice(1).map((part) => Buffer.from(part.slice(4), "base64"));
    expect(verifyEd25519(next.publicKey, content, forNext!)).toBe(true);
    expect(verifyEd25519(key.publicKey, content, forOld!)).toBe(true);
    // A Standard Webhooks verifier still finds its v1 among several signatures.
    expect(() => new Webhook(SECRET).verify(body, both)).not.toThrow();
  });
});
