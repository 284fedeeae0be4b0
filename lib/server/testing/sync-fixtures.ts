import type { Db } from "../platform/db";

let counter = 0;

export interface SyncNodeFixture {
  operatorId: string;
  name: string;
  endpointUrl?: string | null;
  nodeStatus?: "Active" | "Gone";
  reportedConfigVersion?: number | null;
  status: string;
  desiredVersion?: number;
  acknowledgedVersion?: number | null;
  observedVersion?: number | null;
  failureCount?: number;
  failingSince?: Date | null;
  nackedVersion?: number | null;
  lastAttemptAt?: Date | null;
  lastError?: string | null;
  nextAttemptAt: Date;
}

/** A node with its NodeSync row, written directly (no worker), for tests of the sync read side. */
export async function insertSyncNode(db: Db, fixture: SyncNodeFixture): Promise<string> {
  counter += 1;
  const { id } = await db.node.create({
    data: {
      operatorId: fixture.operatorId,
      name: fixture.name,
      nameSearch: fixture.name.toLowerCase(),
      publicKey: `sync-test-key-${process.pid}-${counter}`,
      region: "eu-west",
      status: fixture.nodeStatus ?? "Active",
      endpointUrl: fixture.endpointUrl ?? null,
      webhookSecret: fixture.endpointUrl ? "whsec_dGVzdC1zZWNyZXQtbm90LXJlYWw=" : null,
      reportedConfigVersion: fixture.reportedConfigVersion ?? null,
    },
    select: { id: true },
  });
  await db.nodeSync.create({
    data: {
      nodeId: id,
      status: fixture.status,
      desiredVersion: fixture.desiredVersion ?? 1,
      acknowledgedVersion: fixture.acknowledgedVersion ?? null,
      observedVersion: fixture.observedVersion ?? null,
      failureCount: fixture.failureCount ?? 0,
      failingSince: fixture.failingSince ?? null,
      nackedVersion: fixture.nackedVersion ?? null,
      lastAttemptAt: fixture.lastAttemptAt ?? null,
      lastError: fixture.lastError ?? null,
      nextAttemptAt: fixture.nextAttemptAt,
    },
  });
  return id;
}

export async function insertOperatorWithRole(
  db: Db,
  displayName: string,
  role: "operator" | "steward" | "admin" = "operator",
) {
  const email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${process.pid}@example.test`;
  const { id } = await db.operator.create({ data: { displayName, email, role }, select: { id: true } });
  return { id, displayName, email, role };
}
