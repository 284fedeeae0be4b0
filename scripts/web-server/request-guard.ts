/**
 * The front server's request guard: a body is refused before the web app buffers it when it is larger
 * than its path family allows (413), or, for the JSON families, when it is not UTF-8 or nests too
 * deep (400). The limits live in lib/server/http/body-limits.ts. A body that passes is read whole (at
 * most the family's limit, so at most 256 KiB per request) and handed on as if it came off the socket.
 */
import { IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ErrorBody, ErrorBodyCode } from "../../lib/schemas/node-protocol";
import {
  bodyRuleFor,
  MAX_JSON_DEPTH,
  tooLargeMessage,
  type BodyRule,
} from "../../lib/server/http/body-limits";
import { jsonBodyRefusal } from "../../lib/server/http/json-body-check";

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** One refused request, for the server's log. */
export interface Refusal {
  status: 400 | 413;
  method: string | undefined;
  /** The path without its query (which may carry a token). */
  path: string;
  reason: string;
}

export interface GuardOptions {
  onRefuse?: (refusal: Refusal) => void;
}

/**
 * Serves `handle` on `server` behind the body limits: every request (and every `Expect:
 * 100-continue` request, which is answered 413 without a 100 Continue when its Content-Length is over
 * the limit) goes through the guard first.
 */
export function serveGuarded(server: Server, handle: RequestListener, options: GuardOptions = {}): void {
  server.on("request", (request: IncomingMessage, response: ServerResponse) =>
    guardRequest(request, response, handle, { ...options, expectsContinue: false }),
  );
  server.on("checkContinue", (request: IncomingMessage, response: ServerResponse) =>
    guardRequest(request, response, handle, { ...options, expectsContinue: true }),
  );
}

function pathOf(url: string | undefined): string {
  return (url ?? "/").split("?")[0]!;
}

function declaredLength(request: IncomingMessage): number | null {
  const header = request.headers["content-length"];
  return header === undefined ? null : Number(header);
}

function hasBody(request: IncomingMessage): boolean {
  return request.headers["transfer-encoding"] !== undefined || (declaredLength(request) ?? 0) > 0;
}

/** Checks one request's body, then hands it to `handle`, or answers the refusal itself. */
function guardRequest(
  request: IncomingMessage,
  response: ServerResponse,
  handle: RequestListener,
  { expectsContinue = false, onRefuse }: GuardOptions & { expectsContinue?: boolean } = {},
): void {
  const rule = bodyRuleFor(request.url ?? "/");
  const refuse = (status: 400 | 413, code: ErrorBodyCode, reason: string) => {
    onRefuse?.({ status, method: request.method, path: pathOf(request.url), reason });
    // The rest of an over-long body is never read: the connection closes after the answer.
    writeError(response, status, code, reason, { isClosing: status === 413 });
  };
  if ((declaredLength(request) ?? 0) > rule.maxBytes) {
    refuse(413, "PAYLOAD_TOO_LARGE", tooLargeMessage(rule));
    return;
  }
  if (expectsContinue) response.writeContinue();
  if (!hasBody(request)) {
    handle(request, response);
    return;
  }
  void readBody(request, rule).then((body) => {
    if (body === "aborted") return;
    if (body === "too-large") {
      refuse(413, "PAYLOAD_TOO_LARGE", tooLargeMessage(rule));
      return;
    }
    const refusal = rule.checksJson ? jsonBodyRefusal(body, { maxDepth: MAX_JSON_DEPTH }) : null;
    if (refusal) {
      refuse(400, "BAD_INPUT", refusal);
      return;
    }
    handle(withBody(request, body), response);
  });
}

/**
 * The body, counted as it streams in: "too-large" as soon as it passes `rule.maxBytes` (the chunks
 * read so far are dropped and the rest is discarded unread into memory), "aborted" when the client
 * goes away first.
 */
function readBody(request: IncomingMessage, rule: BodyRule): Promise<Buffer | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (outcome: Buffer | "too-large" | "aborted") => {
      request.off("data", onData).off("end", onEnd).off("error", onAbort).off("close", onAbort);
      chunks.length = 0;
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > rule.maxBytes) settle("too-large");
      else chunks.push(chunk);
    };
    const onEnd = () => settle(Buffer.concat(chunks, total));
    const onAbort = () => settle("aborted");
    request.on("data", onData).on("end", onEnd).on("error", onAbort).on("close", onAbort);
  });
}

/** A request like `request` whose body is `body`, already read; Next.js reads it as it would the socket. */
function withBody(request: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(request.socket);
  replay.method = request.method;
  replay.url = request.url;
  replay.httpVersion = request.httpVersion;
  replay.httpVersionMajor = request.httpVersionMajor;
  replay.httpVersionMinor = request.httpVersionMinor;
  replay.rawHeaders = request.rawHeaders;
  replay.headers = request.headers;
  replay.rawTrailers = request.rawTrailers;
  replay.trailers = request.trailers;
  replay.complete = true;
  if (body.byteLength > 0) replay.push(body);
  replay.push(null);
  return replay;
}

/** The platform's error body `{ error: { code, message } }` (lib/server/http/error-response.ts). */
function writeError(
  response: ServerResponse,
  status: number,
  code: ErrorBodyCode,
  message: string,
  { isClosing }: { isClosing: boolean },
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body: ErrorBody = { error: { code, message } };
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...(isClosing ? { connection: "close" } : {}),
  });
  response.end(text);
}
