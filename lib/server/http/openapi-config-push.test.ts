import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

type Json = Record<string, Record<string, unknown>>;

describe("OpenAPI document: config push", () => {
  const document = buildOpenApiDocument() as {
    webhooks: Record<string, Record<string, { parameters?: { name: string }[]; responses: Json }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };

  it("documents the push a node receives, its signed headers, every answer and the read-back", () => {
    const push = document.webhooks.configPush!;
    expect(push.post!.parameters!.map((header) => header.name)).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
    ]);
    expect(Object.keys(push.post!.responses).sort()).toEqual([
      "200",
      "401",
      "409",
      "410",
      "422",
      "429",
      "503",
    ]);
    expect(Object.keys(push.get!.responses)).toEqual(["200"]);
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.ConfigBundle!.properties!).sort()).toEqual(["bundle", "networkId", "type"]);
    expect(Object.keys(schemas.PushAck!.properties!).sort()).toEqual([
      "activeVersion",
      "sha256",
      "stagedVersion",
      "status",
    ]);
    expect(Object.keys(schemas.PushNack!.properties!).sort()).toEqual(["currentVersion", "error", "status"]);
  });

  it("documents key rotation: nextPlatformKey in the envelope and one v1a signature per valid key", () => {
    const envelope = document.components.schemas.ConfigEnvelope! as {
      properties: Record<string, { description?: string; properties?: Record<string, unknown> }>;
      required?: string[];
    };
    expect(Object.keys(envelope.properties.nextPlatformKey!.properties!).sort()).toEqual([
      "keyId",
      "publicKey",
    ]);
    expect(envelope.properties.nextPlatformKey!.description).toMatch(/rotates the platform key/);
    expect(envelope.required).not.toContain("nextPlatformKey");
    const signature = document.webhooks.configPush!.post!.parameters!.find(
      (header) => header.name === "webhook-signature",
    ) as unknown as { description: string };
    expect(signature.description).toMatch(/one v1a signature per valid platform key/);
  });
});
