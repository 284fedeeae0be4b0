import { jsonResponse } from "@/lib/server/http/json-response";
import { buildOpenApiDocument } from "@/lib/server/http/openapi";

const document = buildOpenApiDocument();

export function GET(): Response {
  return jsonResponse(200, document, { "cache-control": "public, max-age=300" });
}
