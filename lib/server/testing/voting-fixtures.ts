import { generateKeyPairSync } from "node:crypto";
import { PARAMETERS, type ParameterKey } from "../../domain/parameters/catalogue";
import { exportEd25519PublicKey } from "../platform/ed25519";
import type { Db } from "../platform/db";
import type { TestNode } from "./create-test-node";
import { ensurePlatform } from "../platform/ensure-platform";
import { newestConfigVersion } from "../governance/config-version-queries";
import { insertPresence, spreadHours } from "./presence-fixtures";
import { insertTelemetry } from "./telemetry-fixtures";

const DAY_MS = 86_400_000;
let counter = 0;

export interface NodeServiceFixture {
  status?: "Active" | "Gone";
  isVerified?: boolean;
  /** Days before `now` of the first report; null for a node that never reported. */
  reportedForDays?: number | null;
  /**
   * The share of the hours since its first report (the last week at most) it was present in, spread
   * evenly, and the uptime each of its daily reports claims.
   */
  uptimeShare?: number;
  /**
   * The network cluster its reports came from; by default one prefix per operator, shared by nobody
   * else, so the operator's budget is C × n.
   */
  clusterPrefix?: string;
}

/**
 * An operator with nodes written directly (keys, proof of service: hourly presence and daily telemetry).
 * By default every node has served 30 days fully, eligible under the default rules, from a network
 * cluster of the operator's own.
 */
export async function insertVotingOperator(
  db: Db,
  { now, name, nodes = [{}] }: { now: Date; name: string; nodes?: NodeServiceFixture[] },
): Promise<{ operatorId: string; nodes: TestNode[] }> {
  counter += 1;
  const operator = await db.operator.create({
    data: { displayName: name, email: `${name.toLowerCase()}-${counter}@voters.example` },
    select: { id: true },
  });
  const created: TestNode[] = [];
  for (const [index, fixture] of nodes.entries()) {
    const {
      status = "Active",
      isVerified = true,
      reportedForDays = 30,
      uptimeShare = 1,
      clusterPrefix = `10.${(counter >> 8) & 255}.${counter & 255}.0/24`,
    } = fixture;
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const nodeName = `${name.toLowerCase()}-node-${index + 1}`;
    const firstReportedAt =
      reportedForDays === null ? null : new Date(now.getTime() - reportedForDays * DAY_MS);
    const node = await db.node.create({
      data: {
        operatorId: operator.id,
        name: nodeName,
        nameSearch: nodeName,
        publicKey: exportEd25519PublicKey(publicKey),
        region: "eu-west",
        status,
        verifiedAt: isVerified ? new Date(now.getTime() - 40 * DAY_MS) : null,
        firstReportedAt,
      },
      select: { id: true },
    });
    // One report per day of service (the last week at most), each up for `uptimeShare` of its day.
    const days = Math.min(Math.ceil(reportedForDays ?? 0), 7);
    await insertTelemetry(
      db,
      Array.from({ length: days }, (_, day) => ({
        nodeId: node.id,
        at: new Date(now.getTime() - day * DAY_MS - 60_000),
        windowSeconds: 86_400,
        uptimeSeconds: Math.round(86_400 * uptimeShare),
        bytesUp: 0n,
        bytesDown: 0n,
        peers: 8,
        medianLatencyMs: 40,
        clusterPrefix,
      })),
    );
    await insertPresence(db, {
      nodeIds: [node.id],
      hourStarts: spreadHours({
        end: now,
        count: Math.min(Math.floor((reportedForDays ?? 0) * 24), 7 * 24),
        share: uptimeShare,
      }),
    });
    created.push({ nodeId: node.id, operatorId: operator.id, privateKey });
  }
  return { operatorId: operator.id, nodes: created };
}

/**
 * Lets these nodes cast their operator's ballot (Node.mayVote), as their operator would on each node's
 * page. Fixture nodes start without it, like every newly enrolled node.
 */
export async function allowNodeBallots(db: Db, nodes: readonly { nodeId: string }[]): Promise<void> {
  await db.node.updateMany({
    where: { id: { in: nodes.map((node) => node.nodeId) } },
    data: { mayVote: true },
  });
}

/** A proposal already queued for voting, written directly against the active config version. */
export async function insertQueuedProposal(
  db: Db,
  {
    authorId,
    now,
    title,
    changes,
  }: { authorId: string; now: Date; title: string; changes: { key: ParameterKey; toValue: number }[] },
): Promise<string> {
  // Written against the newest version, as every queued proposal is once its author confirmed it.
  const base = await newestConfigVersion(db);
  const { id } = await db.proposal.create({
    data: {
      authorId,
      title,
      titleSearch: title.toLowerCase(),
      summary: `${title}.`,
      rationale: "Written by a test.",
      state: "Queued",
      baseVersion: base.version,
      publishedAt: new Date(now.getTime() - 3 * DAY_MS),
      discussionEndsAt: new Date(now.getTime() - DAY_MS),
      queuedAt: new Date(now.getTime() - DAY_MS),
      createdAt: new Date(now.getTime() - 3 * DAY_MS),
      updatedAt: now,
      changes: {
        create: changes.map(({ key, toValue }) => ({
          key,
          category: PARAMETERS[key].category,
          fromValue: base.params[key],
          toValue,
        })),
      },
    },
    select: { id: true },
  });
  return id;
}

/**
 * A bootstrapped platform with eligible operators (`nodesPerOperator[i]` nodes each, budget 100 × nodes
 * under the default rules) and queued proposals, ready for openRound(db, { now }).
 */
export async function prepareVotingRound(
  db: Db,
  {
    now,
    nodesPerOperator,
    proposals,
  }: {
    now: Date;
    nodesPerOperator: readonly number[];
    proposals: readonly { title: string; changes: Partial<Record<ParameterKey, number>> }[];
  },
): Promise<{ operators: TestNode[][]; proposalIds: string[] }> {
  await ensurePlatform(db, { networkName: "Voting tests", now: new Date(now.getTime() - 60 * DAY_MS) });
  const operators: TestNode[][] = [];
  for (const count of nodesPerOperator) {
    counter += 1;
    const { nodes } = await insertVotingOperator(db, {
      now,
      name: `Voter${process.pid}x${counter}`,
      nodes: Array.from({ length: count }, () => ({})),
    });
    operators.push(nodes);
  }
  const proposalIds: string[] = [];
  for (const { title, changes } of proposals) {
    proposalIds.push(
      await insertQueuedProposal(db, {
        authorId: operators[0]![0]!.operatorId,
        now,
        title,
        changes: Object.entries(changes).map(([key, toValue]) => ({ key: key as ParameterKey, toValue })),
      }),
    );
  }
  return { operators, proposalIds };
}
