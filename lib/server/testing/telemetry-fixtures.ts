import type { RollupSample } from "../../domain/metrics/telemetry-rollup";
import type { TelemetryReport } from "../../schemas/node-protocol";
import type { Db } from "../platform/db";
import type { TestNode } from "./create-test-node";
import { signNodeRequest } from "./sign-node-request";
import { recordTelemetry, type RecordedTelemetry } from "../telemetry/record-telemetry";
import { addSampleToRollups } from "../telemetry/rollup-commands";

export interface TelemetryFixture extends RollupSample {
  receivedAt?: Date;
  agent?: string;
}

/**
 * Raw telemetry written directly, with its rollups (which a round's network clusters read), as
 * recordTelemetry would have stored it; presence for eligibility is insertPresence's (presence-fixtures).
 */
export async function insertTelemetry(db: Db, samples: readonly TelemetryFixture[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.telemetrySample.createMany({
      data: samples.map(({ agent = "fixture", ...sample }) => ({ ...sample, agent })),
    });
    for (const sample of samples) await addSampleToRollups(tx, sample);
  });
}

/**
 * Sends one report through the real node endpoint path (signed with the node's key, at `now`), from
 * `sourceAddress` (a documentation address unless given).
 */
export async function sendSignedTelemetry(
  db: Db,
  {
    node,
    report,
    now,
    sourceAddress = "192.0.2.10",
  }: { node: TestNode; report: TelemetryReport; now: Date; sourceAddress?: string },
): Promise<RecordedTelemetry> {
  const body = JSON.stringify(report);
  const path = `/api/v1/nodes/${node.nodeId}/telemetry`;
  const headers = new Headers(
    signNodeRequest({
      privateKey: node.privateKey,
      nodeId: node.nodeId,
      method: "POST",
      path,
      body,
      timestamp: Math.floor(now.getTime() / 1000),
    }),
  );
  return recordTelemetry(db, {
    nodeId: node.nodeId,
    headers,
    method: "POST",
    path,
    bodyBytes: new TextEncoder().encode(body),
    now,
    sourceAddress,
  });
}
