import type { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { describeZodError } from "./describe-zod-error";

/** Request bodies of the node protocol are at most 64 KiB. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): DomainError {
  return new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than ${maxBytes} bytes, the most this endpoint accepts. Send a smaller body.`,
  );
}

/** The raw body, at most `maxBytes` (counted as it streams in, whatever Content-Length says): 413 beyond. */
export async function readBodyBytes(
  request: Request,
  { maxBytes = MAX_JSON_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a JSON body of at most `maxBytes` (counted as it streams in, whatever Content-Length says)
 * and checks it against `schema`: 413 when too large, 400 naming the problem otherwise.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes = MAX_JSON_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  return parseJsonBytes(await readBodyBytes(request, { maxBytes }), schema);
}

/** Parses body bytes already read (e.g. to check a signature over them first): 400 naming the problem. */
export async function parseJsonBytes<S extends z.ZodType>(
  bytes: Uint8Array,
  schema: S,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("BAD_INPUT", "The request body is not valid UTF-8. Send UTF-8 encoded JSON.");
  }
  if (text.trim() === "") {
    throw new DomainError(
      "BAD_INPUT",
      "The request has no body. Send a JSON object (content-type: application/json).",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      "BAD_INPUT",
      `The request body is not valid JSON (${(error as Error).message}). Send a JSON object (content-type: application/json).`,
    );
  }
  const result = await schema.safeParseAsync(json);
  if (!result.success) throw new DomainError("BAD_INPUT", describeZodError(result.error, "body"));
  return result.data;
}
