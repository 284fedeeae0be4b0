import { describe, expect, it } from "vitest";
import { newCspNonce, pageContentSecurityPolicy } from "./content-security-policy";

function directive(policy: string, name: string): string[] {
  const found = policy.split("; ").find((part) => part.startsWith(`${name} `));
  return found ? found.split(" ").slice(1) : [];
}

describe("page Content-Security-Policy", () => {
  it("allows scripts only by this request's nonce in production", () => {
    const scripts = directive(pageContentSecurityPolicy({ nonce: "abc", isDev: false }), "script-src");
    expect(scripts).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
  });

  it("adds eval only in dev mode, for React Refresh", () => {
    expect(directive(pageContentSecurityPolicy({ nonce: "n", isDev: true }), "script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("makes 128-bit nonces in base64, different each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newCspNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
