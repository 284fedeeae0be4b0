import type { IncomingMessage } from "node:http";

/**
 * The fetch Request a route handler receives for `incoming`, its body read whole. With
 * `forwardedFor: "socket"` the x-forwarded-for header becomes the socket's address, as the front server
 * (scripts/web-server.ts) sets it without a trusted proxy; by default the headers stay as sent.
 */
export async function toFetchRequest(
  incoming: IncomingMessage,
  { forwardedFor = "as-sent" }: { forwardedFor?: "as-sent" | "socket" } = {},
): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  if (forwardedFor === "socket") headers.set("x-forwarded-for", incoming.socket.remoteAddress ?? "");
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://${incoming.headers.host ?? "127.0.0.1"}${incoming.url ?? "/"}`, {
    method: incoming.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}
