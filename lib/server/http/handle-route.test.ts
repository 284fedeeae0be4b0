import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { createLogger } from "@/lib/server/platform/logger";
import { handleRoute } from "./handle-route";
import { jsonResponse } from "./json-response";

function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ write: (_level, line) => lines.push(line) }) };
}

describe("handleRoute", () => {
  it("passes a successful response and the arguments through", async () => {
    const route = handleRoute(async (a: number, b: string) => jsonResponse(200, { a, b }));
    const response = await route(1, "x");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ a: 1, b: "x" });
  });

  it("turns a DomainError into its status and message", async () => {
    const route = handleRoute(async () => {
      throw new DomainError("GONE", "The challenge was used; ask for a new one.");
    });
    const response = await route();
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({
      error: { code: "GONE", message: "The challenge was used; ask for a new one." },
    });
  });

  it("turns a ZodError into 400 naming the field and the rule", async () => {
    const schema = z.object({ version: z.string().regex(/^\d+$/, { error: "must be digits" }) });
    const route = handleRoute(async () => jsonResponse(200, schema.parse({ version: "abc" })));
    const response = await route();
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "BAD_INPUT", message: "version: must be digits" },
    });
  });

  it("answers 500 with a generic message and logs the error without sending it", async () => {
    const { lines, logger } = capturingLogger();
    const route = handleRoute(
      async (_request: Request) => {
        throw new Error("secret detail at /srv/db");
      },
      { logger },
    );
    const response = await route(new Request("http://localhost/api/v1/network"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "INTERNAL" } });
    expect(text).not.toContain("secret detail");
    expect(text).not.toContain("handle-route");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "error",
      method: "GET",
      path: "/api/v1/network",
      error: { message: "secret detail at /srv/db" },
    });
  });
});
