import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { exportEd25519PublicKey } from "@/lib/server/platform/ed25519";
import type { Db } from "@/lib/server/platform/db";

export interface TestNode {
  nodeId: string;
  operatorId: string;
  privateKey: KeyObject;
}

/** A node with a fresh Ed25519 key, inserted directly (tests of signed requests need no enrolment). */
export async function createTestNode(
  db: Db,
  { name, status = "Active" }: { name: string; status?: "Active" | "Gone" },
): Promise<TestNode> {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const operator = await db.operator.create({
    data: { displayName: `Operator of ${name}`, email: `${name}@operators.example` },
    select: { id: true },
  });
  const node = await db.node.create({
    data: {
      operatorId: operator.id,
      name,
      nameSearch: name.toLowerCase(),
      publicKey: exportEd25519PublicKey(publicKey),
      region: "eu-west",
      status,
    },
    select: { id: true },
  });
  return { nodeId: node.id, operatorId: operator.id, privateKey };
}
