/**
 * Content-Security-Policy for pages and for the JSON API. Pages get a fresh nonce per request
 * (proxy.ts): Next.js reads it from the request's policy header and puts it on every script it
 * renders, and 'strict-dynamic' lets those scripts load the chunks they need, so no inline script
 * an attacker manages to inject can run. Styles keep 'unsafe-inline': React and the charts set
 * inline style attributes, which a nonce cannot cover, and styles cannot run code.
 */

/** 16 random bytes, base64: unguessable, and only characters a CSP nonce-source allows. */
export function newCspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function pageContentSecurityPolicy({ nonce, isDev }: { nonce: string; isDev: boolean }): string {
  return [
    "default-src 'self'",
    // Dev mode's React Refresh evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API responses are data, never documents: nothing may load from or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
