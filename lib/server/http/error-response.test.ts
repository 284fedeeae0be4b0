import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { DOMAIN_ERROR_CODES, DOMAIN_ERRORS, DomainError } from "@/lib/domain/errors";
import { errorBodySchema } from "@/lib/schemas/node-protocol";
import { domainErrorResponse, errorResponse } from "./error-response";
import { jsonResponse } from "./json-response";

describe("domainErrorResponse", () => {
  it.each([
    ["BAD_INPUT", 400],
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["CONFLICT", 409],
    ["GONE", 410],
    ["PAYLOAD_TOO_LARGE", 413],
    ["UNPROCESSABLE", 422],
    ["RATE_LIMITED", 429],
    ["NOT_READY", 503],
  ] as const)("maps %s to %i with the protocol error body", async (code, status) => {
    const response = domainErrorResponse(new DomainError(code, "Do this next."));
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(errorBodySchema.parse(await response.json())).toEqual({
      error: { code, message: "Do this next." },
    });
  });

  it("sets Retry-After from details.retryAfterSeconds on RATE_LIMITED", async () => {
    const response = domainErrorResponse(
      new DomainError("RATE_LIMITED", "Wait 17 seconds.", { retryAfterSeconds: 17 }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("17");
    expect(await response.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Wait 17 seconds." } });
  });

  it.each([
    ["RATE_LIMITED without details", new DomainError("RATE_LIMITED", "Slow down.")],
    [
      "RATE_LIMITED with a non-numeric wait",
      new DomainError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: "5" }),
    ],
    [
      "RATE_LIMITED with no wait left",
      new DomainError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: 0 }),
    ],
    ["another code carrying a wait", new DomainError("CONFLICT", "Taken.", { retryAfterSeconds: 5 })],
  ])("leaves Retry-After out for %s", (_label, error) => {
    expect(domainErrorResponse(error).headers.has("retry-after")).toBe(false);
  });

  it.each(DOMAIN_ERROR_CODES)("answers %s with the status of the one error table", (code) => {
    const status = domainErrorResponse(new DomainError(code, "x")).status;
    expect(status).toBe(DOMAIN_ERRORS[code].http);
    expect(status).toBeGreaterThanOrEqual(400);
  });

  it.each(DOMAIN_ERROR_CODES.filter((code) => code !== "GONE"))(
    "gives %s the same HTTP status over tRPC as over the node protocol",
    (code) => {
      const overTrpc = getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_ERRORS[code].trpc }));
      expect(overTrpc).toBe(DOMAIN_ERRORS[code].http);
    },
  );
});

describe("errorResponse and jsonResponse", () => {
  it("lets extra headers through", () => {
    expect(
      errorResponse(429, "RATE_LIMITED", "Slow down.", { "retry-after": "60" }).headers.get("retry-after"),
    ).toBe("60");
  });

  it("serialises the body as JSON with the given status and headers", async () => {
    const response = jsonResponse(201, { a: [1, "b"] }, { etag: '"x"' });
    expect(response.status).toBe(201);
    expect(response.headers.get("etag")).toBe('"x"');
    expect(await response.text()).toBe('{"a":[1,"b"]}');
  });
});
