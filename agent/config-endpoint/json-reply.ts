import { type ServerResponse } from "node:http";

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
