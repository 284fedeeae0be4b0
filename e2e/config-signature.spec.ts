import { expect, test } from "@playwright/test";

/**
 * The browser's own WebCrypto Ed25519 (BoringSSL) checks the platform's signature: an implementation
 * that shares no code with the server's node:crypto.
 */
test("the latest config's signature verifies in the browser with the published platform key", async ({
  page,
  request,
}) => {
  const network = await (await request.get("/api/v1/network")).json();
  const latest = await (await request.get("/api/v1/config/latest")).json();
  expect(latest.version).toBe(network.latestVersion);
  expect(latest.keyId).toBe(network.keyId);

  await page.goto("/");
  const verdict = await page.evaluate(
    async ({ publicKey, envelope, signature, sha256 }) => {
      const fromB64url = (text: string) =>
        Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
      const key = await crypto.subtle.importKey("raw", fromB64url(publicKey), { name: "Ed25519" }, false, [
        "verify",
      ]);
      const bytes = fromB64url(envelope);
      const tampered = bytes.slice();
      const flipAt = tampered.length - 2;
      tampered[flipAt] = (tampered[flipAt] ?? 0) ^ 0x01;
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      return {
        isValid: await crypto.subtle.verify("Ed25519", key, fromB64url(signature), bytes),
        isTamperedValid: await crypto.subtle.verify("Ed25519", key, fromB64url(signature), tampered),
        sha256Matches: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("") === sha256,
        envelope: JSON.parse(new TextDecoder().decode(bytes)),
      };
    },
    { publicKey: network.platformPublicKey, ...latest },
  );

  expect(verdict.isValid).toBe(true);
  expect(verdict.isTamperedValid).toBe(false);
  expect(verdict.sha256Matches).toBe(true);
  expect(verdict.envelope).toMatchObject({
    schema: "plenum.config/1",
    networkId: network.networkId,
    version: latest.version,
  });
});
