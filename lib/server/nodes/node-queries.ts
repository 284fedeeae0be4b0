import { DomainError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPage } from "@/lib/schemas/page";
import type { NodeList, NodeListQuery, PublicNode } from "@/lib/schemas/nodes";
import type { Db } from "../platform/db";
import { sha256Hex } from "../platform/encoding";

type Sql = ReturnType<typeof Prisma.sql>;

/**
 * "SHA256:1a2b 3c4d 5e6f 7a8b": the first 16 hex digits of the SHA-256 of the raw public key, so an
 * operator can match a node here with the key file on the machine.
 */
export function nodeKeyFingerprint(publicKeyB64url: string): string {
  const digest = sha256Hex(Buffer.from(publicKeyB64url, "base64url")).slice(0, 16);
  return `SHA256:${digest.match(/.{4}/g)!.join(" ")}`;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards and the escape character taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The filter as SQL. Prisma's `contains` sends LIKE patterns unescaped on SQLite (a search for "_"
 * would match every node) and is case-sensitive on PostgreSQL, so the search is written out with an
 * explicit ESCAPE, which both databases accept, against lower-cased text: the stored `nameSearch`
 * and lower() of the operator name (SQLite's lower() folds ASCII letters only).
 */
function whereClause(query: NodeListQuery): Sql {
  const conditions: Sql[] = [];
  if (query.status) conditions.push(Prisma.sql`n."status" = ${query.status}`);
  if (query.region) conditions.push(Prisma.sql`n."region" = ${query.region}`);
  if (query.search) {
    const pattern = containsPattern(query.search.toLowerCase());
    const escape = Prisma.raw("ESCAPE '\\'");
    conditions.push(
      Prisma.sql`(n."nameSearch" LIKE ${pattern} ${escape} OR lower(o."displayName") LIKE ${pattern} ${escape})`,
    );
  }
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/**
 * One page of nodes in name order, filtered by status, region and a case-insensitive search on the
 * node's name or its operator's display name. A page past the end is empty but keeps the real total.
 */
export async function listNodes(db: Db, query: NodeListQuery): Promise<NodeList> {
  const where = whereClause(query);
  const from = Prisma.sql`FROM "Node" n JOIN "Operator" o ON o."id" = n."operatorId" ${where}`;

  const [countRows, pageIds, regions] = await Promise.all([
    db.$queryRaw<{ total: bigint | number }[]>`SELECT COUNT(*) AS "total" ${from}`,
    db.$queryRaw<
      { id: string }[]
    >`SELECT n."id" ${from} ORDER BY n."nameSearch", n."id" LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    db.node.findMany({ distinct: ["region"], orderBy: { region: "asc" }, select: { region: true } }),
  ]);
  const nodes = await db.node.findMany({
    where: { id: { in: pageIds.map((row) => row.id) } },
    select: {
      id: true,
      name: true,
      region: true,
      status: true,
      lastSeenAt: true,
      reportedConfigVersion: true,
      operator: { select: { displayName: true } },
    },
  });
  const byId = new Map(
    nodes.map(({ operator, ...node }) => [node.id, { ...node, operatorName: operator.displayName }]),
  );
  const total = Number(countRows[0]?.total ?? 0);

  return {
    ...toPage(
      pageIds.flatMap((row) => byId.get(row.id) ?? []),
      { total, page: query.page, pageSize: query.pageSize },
    ),
    regions: regions.map((row) => row.region),
  };
}

/**
 * What anyone may see about a node. Selected field by field so the endpoint URL, the webhook secret
 * and telemetry never leave the database through this view.
 */
export async function getPublicNode(db: Db, { nodeId }: { nodeId: string }): Promise<PublicNode> {
  const node = await db.node.findUnique({
    where: { id: nodeId },
    select: {
      id: true,
      name: true,
      region: true,
      status: true,
      publicKey: true,
      createdAt: true,
      lastSeenAt: true,
      reportedConfigVersion: true,
      operator: { select: { displayName: true } },
    },
  });
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "There is no node with this id. It may have been mistyped: find the node in the node list.",
    );
  }
  const { publicKey, operator, ...rest } = node;
  return { ...rest, operatorName: operator.displayName, keyFingerprint: nodeKeyFingerprint(publicKey) };
}
