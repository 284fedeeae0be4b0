import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

type Json = Record<string, Record<string, unknown>>;

describe("OpenAPI document: enrolment", () => {
  const paths = buildOpenApiDocument().paths as Record<string, Json>;

  it.each([
    ["/api/v1/nodes/challenge", "200", ["400", "413", "429", "500", "503"], ["publicKey"]],
    [
      "/api/v1/nodes/register",
      "201",
      ["400", "401", "403", "409", "410", "413", "422", "429", "500", "503"],
      ["challengeId", "publicKey", "signature", "enrolmentToken", "name", "endpointUrl"],
    ],
  ])(
    "documents POST %s: success %s, every error status and the request fields",
    (path, success, errors, fields) => {
      const operation = paths[path]!.post as { responses: Json; requestBody: { content: Json } };
      expect(Object.keys(operation.responses).sort()).toEqual([success, ...errors].sort());
      const schema = operation.requestBody.content["application/json"]!.schema as {
        properties: Record<string, unknown>;
        required: string[];
      };
      expect(Object.keys(schema.properties).sort()).toEqual([...fields].sort());
      expect(schema.required.sort()).toEqual([...fields].sort());
    },
  );
});

describe("OpenAPI document: telemetry", () => {
  it("documents the bounds of a report's median latency", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Json>;
    const operation = paths["/api/v1/nodes/{nodeId}/telemetry"]!.post as { requestBody: { content: Json } };
    const schema = operation.requestBody.content["application/json"]!.schema as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(schema.properties.medianLatencyMs).toMatchObject({ type: "number", minimum: 0, maximum: 600_000 });
  });

  it("documents peerTraffic as optional, at most 256 entries of peerNodeId, bytesUp and bytesDown", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Json>;
    const operation = paths["/api/v1/nodes/{nodeId}/telemetry"]!.post as { requestBody: { content: Json } };
    const schema = operation.requestBody.content["application/json"]!.schema as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.required).not.toContain("peerTraffic");
    expect(schema.properties.peerTraffic).toMatchObject({
      type: "array",
      maxItems: 256,
      items: {
        type: "object",
        required: ["peerNodeId", "bytesUp", "bytesDown"],
        properties: { bytesUp: { type: "integer", minimum: 0 }, bytesDown: { type: "integer", minimum: 0 } },
      },
    });
  });
});
