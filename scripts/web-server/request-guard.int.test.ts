import { once } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES } from "@/lib/server/http/read-json-body";
import { serveGuarded, type Refusal } from "./request-guard";

/** What the stub web app saw: every call, and each body it read to the end. */
const calls: { method?: string; url?: string; headers: Record<string, unknown>; body?: Buffer }[] = [];
const refusals: Refusal[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer();
  serveGuarded(
    server,
    (request, response) => {
      const call: (typeof calls)[number] = {
        method: request.method,
        url: request.url,
        headers: request.headers,
      };
      calls.push(call);
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        call.body = Buffer.concat(chunks);
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ received: call.body.byteLength }));
      });
    },
    { onRefuse: (refusal) => refusals.push(refusal) },
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});
beforeEach(() => {
  calls.length = 0;
  refusals.length = 0;
});

interface RawAnswer {
  status: number;
  head: string;
  body: string;
  /** Body bytes the client wrote before the server's answer stopped it. */
  sent: number;
  /** Whether the client got to write its whole body. */
  didSendAll: boolean;
}

/**
 * Writes `head`, then the body chunk by chunk (each after the last drained) until the server answers,
 * and reads until the server closes the connection. A client that keeps writing after the answer
 * would see the connection closed under it; that is expected.
 */
async function rawExchange(head: string, body: Iterable<Buffer> = []): Promise<RawAnswer> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  let received = Buffer.alloc(0);
  socket.on("data", (data: Buffer) => (received = Buffer.concat([received, data])));
  socket.on("error", () => {});
  const closed = new Promise((resolve) => socket.once("close", resolve));
  socket.write(head);
  let sent = 0;
  let didSendAll = true;
  for (const chunk of body) {
    if (received.byteLength > 0 || socket.destroyed) {
      didSendAll = false;
      break;
    }
    sent += chunk.byteLength;
    if (!socket.write(chunk)) {
      await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
    }
  }
  await closed;
  const text = received.toString("utf8");
  const [headText = "", bodyText = ""] = text.split("\r\n\r\n", 2);
  return { status: Number(headText.split(" ")[1]), head: headText, body: bodyText, sent, didSendAll };
}

function* chunked(chunkBytes: number, totalBytes: number): Generator<Buffer> {
  const chunk = Buffer.alloc(chunkBytes, "a");
  const framed = Buffer.concat([Buffer.from(`${chunkBytes.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
  for (let written = 0; written < totalBytes; written += chunkBytes) yield framed;
  yield Buffer.from("0\r\n\r\n");
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

const SIGN_UP = "/api/auth/sign-up/email";
const TRPC_MUTATION = "/api/trpc/proposals.saveDraft?batch=1";

describe("the front server's request guard", () => {
  it("refuses a declared Content-Length over the limit with 413 without reading the body or calling the app", async () => {
    const answer = await rawExchange(
      `POST ${SIGN_UP} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`,
      [Buffer.from('{"name":"')],
    );
    expect(answer.status).toBe(413);
    expect(answer.head.toLowerCase()).toContain("connection: close");
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        code: "PAYLOAD_TOO_LARGE",
        message: expect.stringContaining("larger than 16384 bytes (16 KiB), the most /api/auth/* accepts"),
      },
    });
    expect(calls).toEqual([]);
    expect(refusals).toEqual([expect.objectContaining({ status: 413, method: "POST", path: SIGN_UP })]);
  });

  it("answers Expect: 100-continue over the limit with 413 and no 100 Continue, so the body is never sent", async () => {
    const answer = await rawExchange(
      `POST ${SIGN_UP} HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${300 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`,
    );
    expect(answer.head.startsWith("HTTP/1.1 413")).toBe(true);
    expect(calls).toEqual([]);
  });

  it("stops a chunked body as it streams past the limit: 413 before the client is done, the app never called", async () => {
    const planned = 64 * 1024 * 1024;
    const answer = await rawExchange(
      `POST ${TRPC_MUTATION} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      chunked(64 * 1024, planned),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("262144 bytes") },
    });
    expect(answer.didSendAll).toBe(false);
    expect(answer.sent).toBeLessThan(planned);
    expect(calls).toEqual([]);
  });

  it("refuses a 100,000-deep JSON body to /api/trpc with 400 before the app parses it", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const response = await post(TRPC_MUTATION, deep);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "BAD_INPUT", message: expect.stringContaining("more than 64 levels deep") },
    });
    expect(calls).toEqual([]);
  });

  it("refuses a deep JSON body to /api/auth with 400 too", async () => {
    const response = await post(SIGN_UP, `{"email":${"[".repeat(5_000)}${"]".repeat(5_000)}}`);
    expect(response.status).toBe(400);
    expect(calls).toEqual([]);
  });

  it("refuses a tRPC body that is not valid UTF-8 with 400", async () => {
    const body = Buffer.concat([
      Buffer.from('{"0":{"json":{"title":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}}'),
    ]);
    const response = await post(TRPC_MUTATION, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "BAD_INPUT", message: "The request body is not valid UTF-8. Send UTF-8 encoded JSON." },
    });
    expect(calls).toEqual([]);
  });

  it("passes a sign-up-sized body through unchanged, with its method, path and headers", async () => {
    const body = JSON.stringify({
      name: "Grace",
      email: "grace@example.test",
      password: "long enough password",
    });
    const response = await post(SIGN_UP, body, { origin: "http://localhost:3000" });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "POST", url: SIGN_UP });
    expect(calls[0]!.headers).toMatchObject({
      origin: "http://localhost:3000",
      "content-type": "application/json",
    });
    expect(calls[0]!.body!.toString("utf8")).toBe(body);
    expect(refusals).toEqual([]);
  });

  it("passes a chunked body within the limit through unchanged, and a proposal-sized mutation", async () => {
    const rationale = "é".repeat(20_000);
    const body = JSON.stringify({ 0: { json: { title: "Raise the budget", rationale } } });
    const received = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: "127.0.0.1", port, method: "POST", path: TRPC_MUTATION },
        (response) => {
          expect(response.statusCode).toBe(200);
          response.resume();
          response.on("end", () => resolve(calls[0]?.body?.byteLength ?? -1));
        },
      );
      request.on("error", reject);
      const bytes = Buffer.from(body);
      request.write(bytes.subarray(0, 1000));
      request.end(bytes.subarray(1000));
    });
    expect(received).toBe(Buffer.byteLength(body));
    expect(calls[0]!.headers["transfer-encoding"]).toBe("chunked");
    expect(calls[0]!.body!.toString("utf8")).toBe(body);
  });

  it("sends 100 Continue to a client that asks, when its body is within the limit", async () => {
    const body = Buffer.from('{"email":"grace@example.test"}');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: SIGN_UP,
        headers: { expect: "100-continue", "content-length": body.byteLength },
      });
      request.on("continue", () => request.end(body));
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
    });
    expect(status).toBe(200);
    expect(calls[0]!.body).toEqual(body);
  });

  it("passes a bodyless GET through untouched", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/trpc/account.me`);
    expect(response.status).toBe(200);
    expect(calls).toEqual([expect.objectContaining({ method: "GET", url: "/api/trpc/account.me" })]);
  });

  it("keeps the node protocol at its own 64 KiB and leaves its JSON checks to its routes", async () => {
    const atLimit = await post("/api/v1/ballots", Buffer.alloc(MAX_JSON_BODY_BYTES, "a"));
    expect(atLimit.status).toBe(200);
    const notUtf8 = await post("/api/v1/ballots", Buffer.from([0xff]));
    expect(notUtf8.status).toBe(200);
    expect(calls).toHaveLength(2);
    const over = await post("/api/v1/ballots", Buffer.alloc(MAX_JSON_BODY_BYTES + 1, "a"));
    expect(over.status).toBe(413);
    expect(calls).toHaveLength(2);
  });

  it("judges a path by where it leads after dot segments", async () => {
    const response = await rawExchange(
      `POST /api/v1/../trpc/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 200000\r\nConnection: close\r\n\r\n`,
      [Buffer.from("[".repeat(100_000) + "]".repeat(100_000))],
    );
    expect(response.status).toBe(400);
    expect(calls).toEqual([]);
  });
});
