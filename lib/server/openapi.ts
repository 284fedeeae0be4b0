import { z } from "zod";
import { configEnvelopeSchema } from "@/lib/domain/config/envelope";
import {
  configVersionParamSchema,
  configVersionResponseSchema,
  errorBodySchema,
  networkInfoSchema,
} from "@/lib/schemas/node-protocol";

/** Schemas published under components/schemas; operations refer to them by name. */
const COMPONENTS = {
  NetworkInfo: networkInfoSchema,
  ConfigVersion: configVersionResponseSchema,
  ConfigEnvelope: configEnvelopeSchema,
  ErrorBody: errorBodySchema,
} satisfies Record<string, z.ZodType>;

type ComponentName = keyof typeof COMPONENTS;

interface HeaderSpec {
  description: string;
}

interface OperationSpec {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path template, e.g. /api/v1/config/{version}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Object schema whose keys are the path's `{…}` segments. */
  pathParams?: z.ZodObject;
  requestBody?: z.ZodType;
  success: { status: number; description: string; body: ComponentName; headers?: Record<string, HeaderSpec> };
  /** Extra answers without a body, e.g. 304. */
  emptyResponses?: Record<number, string>;
  /** Error statuses this operation answers with, and when; 500 is added to every operation. */
  errors: Record<number, string>;
}

const CACHE_HEADERS: Record<string, HeaderSpec> = {
  "Cache-Control": { description: "How long the answer may be cached" },
  ETag: { description: "Quoted sha256 of the envelope; send it back as If-None-Match" },
};

const NOT_READY = "The platform has not been set up yet (no network, key or config version)";

/** Every REST endpoint of the node protocol. Adding an endpoint = adding an entry here. */
const OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/api/v1/network",
    operationId: "getNetwork",
    summary: "The network and the platform key that signs its configs",
    success: { status: 200, description: "Network information", body: "NetworkInfo" },
    errors: { 503: NOT_READY },
  },
  {
    method: "get",
    path: "/api/v1/config/latest",
    operationId: "getLatestConfigVersion",
    summary: "The newest signed config version",
    description:
      "The newest version issued, which may activate later (see the envelope's activateAt). The envelope schema is components.schemas.ConfigEnvelope.",
    success: {
      status: 200,
      description: "Signed config version",
      body: "ConfigVersion",
      headers: CACHE_HEADERS,
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: { 503: NOT_READY },
  },
  {
    method: "get",
    path: "/api/v1/config/{version}",
    operationId: "getConfigVersion",
    summary: "One signed config version (immutable, cacheable for a year)",
    pathParams: configVersionParamSchema,
    success: {
      status: 200,
      description: "Signed config version",
      body: "ConfigVersion",
      headers: CACHE_HEADERS,
    },
    emptyResponses: { 304: "Not modified (If-None-Match matched the ETag)" },
    errors: { 400: "The version is not a positive whole number", 404: "No such version yet" },
  },
];

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });

function operationObject(operation: OperationSpec): JsonSchema {
  const parameters = Object.entries(operation.pathParams?.shape ?? {}).map(([name, schema]) => {
    const jsonSchema = toJsonSchema(schema as z.ZodType, "input");
    return { name, in: "path", required: true, description: jsonSchema.description, schema: jsonSchema };
  });
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
    components: {
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, toJsonSchema(schema, "output")]),
      ),
    },
  };
}
