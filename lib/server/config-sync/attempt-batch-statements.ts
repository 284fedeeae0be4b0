import { randomBytes } from "node:crypto";
import type { NodeSyncState } from "@/lib/domain/sync/push-outcome";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db } from "@/lib/server/platform/db";

/** One SyncAttempt row, as the worker records it. */
export interface AttemptRecord {
  kind: "push" | "read-back";
  startedAt: Date;
  durationMs: number;
  version: number | null;
  httpStatus: number | null;
  outcome: string;
  error: string | null;
  replyExcerpt: string | null;
}

type ColumnType = "integer" | "text" | "timestamp(3)";

/** Every NodeSyncState column with its PostgreSQL type (untyped parameters in VALUES need a cast there). */
const STATE_COLUMNS: { [column in keyof NodeSyncState]: ColumnType } = {
  desiredVersion: "integer",
  acknowledgedVersion: "integer",
  acknowledgedSha256: "text",
  observedVersion: "integer",
  observedSha256: "text",
  status: "text",
  failureCount: "integer",
  failingSince: "timestamp(3)",
  nextAttemptAt: "timestamp(3)",
  nextReadBackAt: "timestamp(3)",
  lastAttemptAt: "timestamp(3)",
  lastError: "text",
  nackedVersion: "integer",
};
const STATE_ENTRIES = Object.entries(STATE_COLUMNS) as [keyof NodeSyncState, ColumnType][];

const castFor =
  (db: Db) =>
  (value: unknown, type: ColumnType): Prisma.Sql =>
    databaseKind(db) === "postgres"
      ? Prisma.sql`CAST(${value} AS ${Prisma.raw(type)})`
      : Prisma.sql`${value}`;

let idCounter = 0;

/**
 * A SyncAttempt id like Prisma's cuid(): "c", time, a counter, randomness; ids made later by this
 * process sort after earlier ones, as attempts of one node at one instant are listed by id.
 */
function attemptId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(9, "0")}${idCounter.toString(36).padStart(4, "0")}${randomBytes(8).toString("hex").slice(0, 11)}`;
}

const ATTEMPT_COLUMNS: { [column in keyof AttemptRecord]: ColumnType } = {
  kind: "text",
  startedAt: "timestamp(3)",
  durationMs: "integer",
  version: "integer",
  httpStatus: "integer",
  outcome: "text",
  error: "text",
  replyExcerpt: "text",
};
const ATTEMPT_ENTRIES = Object.entries(ATTEMPT_COLUMNS) as [keyof AttemptRecord, ColumnType][];

/** One multi-row INSERT of a batch's attempts (a raw statement: createMany costs far more to compile). */
export function insertAttempts(
  db: Db,
  workerId: string,
  rows: readonly { nodeId: string; record: AttemptRecord }[],
) {
  const typed = castFor(db);
  const columns = ["id", "nodeId", "workerId", ...ATTEMPT_ENTRIES.map(([column]) => column)];
  const values = rows.map(
    ({ nodeId, record }) =>
      Prisma.sql`(${Prisma.join([
        typed(attemptId(), "text"),
        typed(nodeId, "text"),
        typed(workerId, "text"),
        ...ATTEMPT_ENTRIES.map(([column, type]) => typed(record[column], type)),
      ])})`,
  );
  return db.$executeRaw(Prisma.sql`
    INSERT INTO "SyncAttempt" (${Prisma.raw(columns.map((column) => `"${column}"`).join(", "))})
    VALUES ${Prisma.join(values)}`);
}

/**
 * One UPDATE … FROM (VALUES …) for the new states of a batch, each row only while `workerId` holds its
 * lease (and released with it when asked); returns the nodeIds it stored. Same SQL on SQLite and
 * PostgreSQL apart from the casts; VALUES columns are column1, column2, … on both.
 */
export function updateStates(
  db: Db,
  workerId: string,
  rows: readonly { nodeId: string; state: NodeSyncState; release: boolean }[],
) {
  const typed = castFor(db);
  const values = rows.map(
    ({ nodeId, state, release }) =>
      Prisma.sql`(${Prisma.join([
        typed(nodeId, "text"),
        typed(release ? 1 : 0, "integer"),
        ...STATE_ENTRIES.map(([column, type]) => typed(state[column], type)),
      ])})`,
  );
  const assignments = STATE_ENTRIES.map(
    ([column], index) => Prisma.sql`${Prisma.raw(`"${column}" = v.column${index + 3}`)}`,
  );
  return db.$queryRaw<{ nodeId: string }[]>(Prisma.sql`
    UPDATE "NodeSync" SET ${Prisma.join(assignments)},
      "leaseOwner" = CASE WHEN v.column2 = 1 THEN NULL ELSE "NodeSync"."leaseOwner" END,
      "leaseExpiresAt" = CASE WHEN v.column2 = 1 THEN NULL ELSE "NodeSync"."leaseExpiresAt" END,
      "updatedAt" = ${typed(new Date(), "timestamp(3)")}
    FROM (VALUES ${Prisma.join(values)}) AS v
    WHERE "NodeSync"."nodeId" = v.column1 AND "NodeSync"."leaseOwner" = ${workerId}
    RETURNING "NodeSync"."nodeId" AS "nodeId"`);
}
