/**
 * New nodes start without the permission to cast their operator's ballot (hardening item 8); the demo
 * fleet gives it to the nodes it has just enrolled with its own tokens, so demo node ballots keep working,
 * and to nothing else.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createNodeChallenge, registerNode } from "./enrol-node";
import { createEnrolmentToken, createFleetEnrolmentToken } from "./enrolment-token-commands";
import { allowFleetNodesToVote } from "./fleet-node-commands";

const NOW = new Date();
let database: TestDatabase;
let operatorId: string;
let keyCounter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Fleet votes", now: NOW });
  ({ id: operatorId } = await database.db.operator.create({
    data: { displayName: "Demo Operator", email: "demo.operator@example.test" },
    select: { id: true },
  }));
});
afterAll(async () => {
  await database.drop();
});

/** Registers a fresh key with `enrolmentToken`, as POST /api/v1/nodes/register does. */
async function register(enrolmentToken: string): Promise<string> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const rawKey = publicKey.export({ format: "jwk" }).x!;
  const challenge = await createNodeChallenge(database.db, { publicKey: rawKey, now: NOW });
  keyCounter += 1;
  const { nodeId } = await registerNode(database.db, {
    request: {
      challengeId: challenge.challengeId,
      publicKey: rawKey,
      signature: sign(null, Buffer.from(challenge.message, "utf8"), privateKey).toString("base64url"),
      enrolmentToken,
      name: `fleet-vote-${keyCounter}`,
      endpointUrl: `http://127.0.0.1:9/node/${keyCounter}`,
    },
    now: NOW,
    allowPrivateEndpoints: true,
  });
  return nodeId;
}

const mayVoteOf = async (nodeIds: string[]) =>
  Object.fromEntries(
    (
      await database.db.node.findMany({
        where: { id: { in: nodeIds } },
        select: { id: true, mayVote: true },
      })
    ).map((row) => [row.id, row.mayVote]),
  );

describe("allowFleetNodesToVote", () => {
  it("leaves every newly enrolled node without the permission until someone gives it", async () => {
    const web = await createEnrolmentToken(database.db, { operatorId, label: "web", maxUses: 1, now: NOW });
    const fleet = await createFleetEnrolmentToken(database.db, {
      operatorId,
      label: "demo fleet",
      maxUses: 1,
      now: NOW,
    });
    const ids = [await register(web.token), await register(fleet.token)];
    expect(await mayVoteOf(ids)).toEqual({ [ids[0]!]: false, [ids[1]!]: false });
  });

  it("allows only the Active nodes enrolled with the fleet's own tokens", async () => {
    const fleet = await createFleetEnrolmentToken(database.db, {
      operatorId,
      label: "demo fleet",
      maxUses: 2,
      now: NOW,
    });
    const web = await createEnrolmentToken(database.db, { operatorId, label: "web", maxUses: 1, now: NOW });
    const [fleetNode, retiredFleetNode, webNode] = [
      await register(fleet.token),
      await register(fleet.token),
      await register(web.token),
    ] as [string, string, string];
    await database.db.node.update({ where: { id: retiredFleetNode }, data: { status: "Gone" } });

    expect(await allowFleetNodesToVote(database.db, [fleetNode, retiredFleetNode, webNode])).toBe(1);
    expect(await mayVoteOf([fleetNode, retiredFleetNode, webNode])).toEqual({
      [fleetNode]: true,
      [retiredFleetNode]: false,
      [webNode]: false,
    });
    expect(await allowFleetNodesToVote(database.db, [])).toBe(0);
  });
});
