import type { z } from "zod";
import { CONFIG_PUSH_WEBHOOKS } from "./openapi-config-push";
import { NODE_OPERATIONS } from "./openapi-node-operations";
import {
  COMPONENTS,
  jsonContent,
  ref,
  toJsonSchema,
  type JsonSchema,
  type OperationSpec,
} from "./openapi-spec";
import { VOTING_OPERATIONS } from "./openapi-voting-operations";

/** Every REST endpoint of the node protocol, in document order; a new endpoint goes in its part's table. */
const OPERATIONS: OperationSpec[] = [...NODE_OPERATIONS, ...VOTING_OPERATIONS];

function queryParameters(schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = toJsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    ...(property.description !== undefined && { description: property.description }),
    schema: property,
  }));
}

function operationObject(operation: OperationSpec): JsonSchema {
  const parameters = [
    ...Object.entries(operation.pathParams?.shape ?? {}).map(([name, schema]) => {
      const jsonSchema = toJsonSchema(schema as z.ZodType, "input");
      return { name, in: "path", required: true, description: jsonSchema.description, schema: jsonSchema };
    }),
    ...queryParameters(operation.queryParams),
    ...Object.entries(operation.headerParams ?? {}).map(([name, header]) => ({
      name,
      in: "header",
      required: true,
      description: header.description,
      schema: { type: "string" },
    })),
  ];
  const errors = { ...operation.errors, 500: "Unexpected failure on the platform; retry later" };
  const responses: Record<string, unknown> = {
    [operation.success.status]: {
      description: operation.success.description,
      ...(operation.success.headers && {
        headers: Object.fromEntries(
          Object.entries(operation.success.headers).map(([name, header]) => [
            name,
            { description: header.description, schema: { type: "string" } },
          ]),
        ),
      }),
      content: jsonContent(ref(operation.success.body)),
    },
  };
  for (const [status, description] of Object.entries(operation.emptyResponses ?? {})) {
    responses[status] = { description };
  }
  for (const [status, description] of Object.entries(errors)) {
    responses[status] = { description, content: jsonContent(ref("ErrorBody")) };
  }
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.requestBody && {
      requestBody: { required: true, content: jsonContent(toJsonSchema(operation.requestBody, "input")) },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document of the node protocol, generated from the same zod schemas the handlers use. */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Plenum node protocol",
      version: "1",
      description:
        "The contract between the Plenum platform and the software on each node. Every error body is { error: { code, message } }.",
    },
    paths,
    webhooks: CONFIG_PUSH_WEBHOOKS,
    components: {
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, toJsonSchema(schema, "output")]),
      ),
    },
  };
}
