import { NextResponse, type NextRequest } from "next/server";
import { newCspNonce, pageContentSecurityPolicy } from "@/lib/server/http/content-security-policy";

/**
 * Gives every page request its own CSP nonce. The policy goes on the request too: Next.js reads the
 * nonce from there for the scripts it renders. Authorization is not decided here: every procedure
 * and route handler checks its own.
 */
export function proxy(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy({
    nonce: newCspNonce(),
    isDev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes carry a fixed policy (next.config.ts), static files need none, and
  // prefetches reuse the page's policy.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
