import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

type Json = Record<string, Record<string, unknown>>;
interface Operation {
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Json };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

const document = buildOpenApiDocument() as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

describe("OpenAPI document: voting and audit exports", () => {
  it.each([
    ["get", "/api/v1/rounds/current", "CurrentRound", ["200", "404", "500"], []],
    [
      "post",
      "/api/v1/ballots",
      "BallotReceipt",
      ["200", "400", "401", "403", "404", "409", "413", "422", "429", "500"],
      ["header plenum-node-id", "header plenum-timestamp", "header plenum-signature"],
    ],
    [
      "get",
      "/api/v1/rounds/{roundId}/ballots",
      "RoundBallotsExport",
      ["200", "304", "400", "404", "409", "500"],
      ["path roundId", "query all"],
    ],
    ["get", "/api/v1/audit", "AuditExport", ["200", "400", "500"], ["query after", "query limit"]],
    [
      "get",
      "/api/v1/proposals/{proposalId}/frozen-forecast",
      "FrozenForecastExport",
      ["200", "304", "400", "404", "500"],
      ["path proposalId"],
    ],
  ])(
    "documents %s %s: its answer schema, every status and its parameters",
    (method, path, body, statuses, parameters) => {
      const operation = document.paths[path]![method]!;
      expect(Object.keys(operation.responses).sort()).toEqual(statuses);
      expect(operation.responses["200"]!.content!["application/json"]!.schema.$ref).toBe(
        `#/components/schemas/${body}`,
      );
      expect((operation.parameters ?? []).map((parameter) => `${parameter.in} ${parameter.name}`)).toEqual(
        parameters,
      );
      expect(document.components.schemas[body]).toBeDefined();
    },
  );

  it("says a node needs its operator's permission to cast ballots, and that 403 refuses one without it", () => {
    const ballot = document.paths["/api/v1/ballots"]!.post! as Operation & { description: string };
    expect(ballot.description).toContain("Only nodes their operator allowed to cast ballots");
    const forbidden = ballot.responses["403"] as { description: string; content?: Json };
    expect(forbidden.description).toMatch(/^The node's operator has not allowed this node to cast ballots/);
    expect(forbidden.description).toContain("no eligible node");
    expect(forbidden.content).toBeDefined();
  });

  it("marks the query parameters optional and the path parameter required", () => {
    const parameters = [
      ...document.paths["/api/v1/rounds/{roundId}/ballots"]!.get!.parameters!,
      ...document.paths["/api/v1/audit"]!.get!.parameters!,
    ];
    expect(parameters.map((parameter) => [parameter.name, parameter.required])).toEqual([
      ["roundId", true],
      ["all", false],
      ["after", false],
      ["limit", false],
    ]);
  });

  it("takes the ballot body and the export fields from the zod contracts", () => {
    const ballot = document.paths["/api/v1/ballots"]!.post!.requestBody!.content["application/json"]!
      .schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(ballot.properties)).toEqual(["roundId", "allocations"]);
    expect(ballot.required).toEqual(["roundId", "allocations"]);
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.BallotReceipt!.properties!)).toEqual(["receipt", "cost", "budget"]);
    expect(Object.keys(schemas.CurrentRound!.properties!)).toEqual([
      "roundId",
      "opensAt",
      "closesAt",
      "proposals",
    ]);
    expect(Object.keys(schemas.RoundBallotsExport!.properties!)).toEqual([
      "roundId",
      "opensAt",
      "closesAt",
      "creditsPerNode",
      "quorum",
      "metaSupermajority",
      "eligible",
      "ballots",
      "tallies",
      "configVersion",
    ]);
    expect(Object.keys(schemas.AuditExport!.properties!)).toEqual(["events", "head"]);
  });
});
