import { z } from "zod";
import { configEnvelopeSchema } from "@/lib/domain/config/envelope";
import { ackSchema, conflictSchema, nackSchema, stateSchema } from "@/lib/domain/sync/push-reply";
import {
  configBundleSchema,
  configVersionResponseSchema,
  errorBodySchema,
  networkInfoSchema,
  nodeChallengeSchema,
  nodeRegistrationSchema,
  telemetryAcceptedSchema,
} from "@/lib/schemas/node-protocol";
import { frozenForecastExportSchema } from "@/lib/schemas/forecast-outcome";
import {
  auditExportSchema,
  ballotReceiptSchema,
  currentRoundSchema,
  roundBallotsExportSchema,
} from "@/lib/schemas/voting";

/** Schemas published under components/schemas; operations refer to them by name. */
export const COMPONENTS = {
  NetworkInfo: networkInfoSchema,
  ConfigVersion: configVersionResponseSchema,
  ConfigEnvelope: configEnvelopeSchema,
  ErrorBody: errorBodySchema,
  TelemetryAccepted: telemetryAcceptedSchema,
  NodeChallenge: nodeChallengeSchema,
  NodeRegistration: nodeRegistrationSchema,
  ConfigBundle: configBundleSchema,
  NodeConfigState: stateSchema,
  PushAck: ackSchema,
  PushConflict: conflictSchema,
  PushNack: nackSchema,
  CurrentRound: currentRoundSchema,
  BallotReceipt: ballotReceiptSchema,
  RoundBallotsExport: roundBallotsExportSchema,
  AuditExport: auditExportSchema,
  FrozenForecastExport: frozenForecastExportSchema,
} satisfies Record<string, z.ZodType>;

export type ComponentName = keyof typeof COMPONENTS;

export interface HeaderSpec {
  description: string;
}

export interface OperationSpec {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path template, e.g. /api/v1/config/{version}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Object schema whose keys are the path's `{…}` segments. */
  pathParams?: z.ZodObject;
  /** Object schema whose keys are the query parameters. */
  queryParams?: z.ZodObject;
  /** Required request headers, e.g. the plenum-node-* signature headers. */
  headerParams?: Record<string, HeaderSpec>;
  requestBody?: z.ZodType;
  success: { status: number; description: string; body: ComponentName; headers?: Record<string, HeaderSpec> };
  /** Extra answers without a body, e.g. 304. */
  emptyResponses?: Record<number, string>;
  /** Error statuses this operation answers with, and when; 500 is added to every operation. */
  errors: Record<number, string>;
}

/** The plenum-node-* headers of a request signed by a node (node-protocol.md). */
export const NODE_SIGNATURE_HEADERS: Record<string, HeaderSpec> = {
  "plenum-node-id": { description: "Id of the node sending the request (returned at registration)" },
  "plenum-timestamp": {
    description: "Current time in whole Unix seconds; refused when more than 300 s from the platform clock",
  },
  "plenum-signature": {
    description:
      'b64url(ed25519(node key, "plenum-node-req-v1\\n" + METHOD + "\\n" + PATH + "\\n" + timestamp + "\\n" + hex(sha256(body)))). PATH is the path as sent, plus "?" and the query string when there is one, without scheme or host. Each signature is accepted once.',
  },
};

export type JsonSchema = Record<string, unknown>;

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

export const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
export const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });
