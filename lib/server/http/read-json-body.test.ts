import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "./read-json-body";

const schema = z.strictObject({
  name: z.string().min(1, { error: "must not be empty" }),
  count: z.int({ error: "must be a whole number" }).min(0),
});

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/v1/example", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("readJsonBody", () => {
  it("returns the parsed body", async () => {
    await expect(readJsonBody(post('{"name":"relay-1","count":3}'), schema)).resolves.toEqual({
      name: "relay-1",
      count: 3,
    });
  });

  it("accepts a body of exactly the limit", async () => {
    const padding = " ".repeat(MAX_JSON_BODY_BYTES - '{"name":"a","count":1}'.length);
    const body = `{"name":"a","count":1}${padding}`;
    expect(new TextEncoder().encode(body).byteLength).toBe(MAX_JSON_BODY_BYTES);
    await expect(readJsonBody(post(body), schema)).resolves.toEqual({ name: "a", count: 1 });
  });

  it("refuses a body one byte over the limit with PAYLOAD_TOO_LARGE", async () => {
    const body = `{"name":"${"a".repeat(MAX_JSON_BODY_BYTES)}","count":1}`;
    expect((await failure(readJsonBody(post(body), schema))).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = post("{}", { "content-length": String(MAX_JSON_BODY_BYTES + 1) });
    expect((await failure(readJsonBody(request, schema))).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("counts a streamed body that understates its size", async () => {
    const chunk = "x".repeat(1024);
    const request = new Request("http://localhost/", {
      method: "POST",
      body: streamOf(Array.from({ length: 70 }, () => chunk)),
      headers: { "content-length": "10" },
      duplex: "half",
    } as RequestInit);
    expect((await failure(readJsonBody(request, schema, { maxBytes: 64 * 1024 }))).code).toBe(
      "PAYLOAD_TOO_LARGE",
    );
  });

  it.each([
    ["malformed JSON", '{"name":', /not valid JSON/],
    ["an empty body", "", /no body/],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), /not valid UTF-8/],
  ])("refuses %s with BAD_INPUT", async (_label, body, message) => {
    const error = await failure(readJsonBody(post(body), schema));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toMatch(message);
  });

  it("names every failing field and what it allows", async () => {
    const error = await failure(readJsonBody(post('{"name":"","count":1.5}'), schema));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe("name: must not be empty; count: must be a whole number");
  });

  it("names an unknown field", async () => {
    const error = await failure(readJsonBody(post('{"name":"a","count":1,"extra":true}'), schema));
    expect(error.message).toMatch(/^body: .*extra/);
  });
});
