import { describe, expect, it } from "vitest";
import { cachedJsonResponse } from "./cached-json-response";

const options = { etag: "abc123", cacheControl: "public, max-age=60" };
const get = (ifNoneMatch?: string) =>
  new Request("http://localhost/x", {
    headers: ifNoneMatch === undefined ? {} : { "if-none-match": ifNoneMatch },
  });

describe("cachedJsonResponse", () => {
  it("answers 200 with the body, a quoted ETag and the cache policy", async () => {
    const response = cachedJsonResponse(get(), { a: 1 }, options);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"abc123"');
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await response.json()).toEqual({ a: 1 });
  });

  it.each([
    ['"abc123"', 304],
    ['W/"abc123"', 304],
    ['"other", "abc123"', 304],
    ["*", 304],
    ['"other"', 200],
    ["abc123", 200],
  ])("with If-None-Match %s answers %i", async (header, status) => {
    const response = cachedJsonResponse(get(header), { a: 1 }, options);
    expect(response.status).toBe(status);
    expect(response.headers.get("etag")).toBe('"abc123"');
    if (status === 304) expect(await response.text()).toBe("");
  });
});
