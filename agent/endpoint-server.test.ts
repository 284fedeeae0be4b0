import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { close, createEndpointServer, listen, NOTHING_HELD } from "./endpoint-server";

const server = createEndpointServer((path) => (path === "/node/3" ? NOTHING_HELD : undefined));
let base: string;
beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
});
afterAll(() => close(server));

describe("the agent's config endpoint", () => {
  it("GET reports what the node holds: nothing before any push", async () => {
    const response = await fetch(`${base}/node/3`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ activeVersion: 0, stagedVersion: 0, sha256: null });
  });

  it("POST (a config push) is 503 NOT_READY with Retry-After: 60", async () => {
    const response = await fetch(`${base}/node/3`, { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(await response.json()).toEqual({
      error: { code: "NOT_READY", message: "config push is not implemented by this agent version" },
    });
  });

  it("another path is 404", async () => {
    expect((await fetch(`${base}/node/4`)).status).toBe(404);
  });
});
