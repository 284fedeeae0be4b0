import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "../../lib/domain/parameters/catalogue";
import { type ConfigVersionResponse } from "../../lib/schemas/node-protocol";
import { getConfigVersion } from "../../lib/server/governance/config-version-queries";
import { issueConfigVersion } from "../../lib/server/governance/issue-config-version";
import { ensurePlatform, getNetworkInfo, getSigningKey } from "../../lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "../../lib/server/testing/test-database";
import { type LoopbackNodes, startLoopbackNodes } from "./loopback-nodes";
import { bundleBody, createWebhookSecret, signPush, type TestPlatform } from "../testing/push-test-kit";

// Versions issued and signed by the real platform services reach a simulated node over real HTTP.
let database: TestDatabase;
let nodes: LoopbackNodes;
let platform: TestPlatform;
let versions: ConfigVersionResponse[];
const webhookSecret = createWebhookSecret();
const now = new Date(Math.floor(Date.now() / 1000) * 1000);

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, { networkName: "Push test", now: new Date(now.getTime() - 3_600_000) });
  const params = defaultParameterValues();
  await issueConfigVersion(db, { params, activateAt: new Date(now.getTime() - 60_000), proposals: [], now });
  await issueConfigVersion(db, {
    params: { ...params, "gov.quorum": 0.25 },
    activateAt: new Date(now.getTime() + 3_600_000),
    proposals: [],
    now,
  });
  versions = await Promise.all([1, 2, 3].map((version) => getConfigVersion(db, version)));
  const network = await getNetworkInfo(db);
  const key = await getSigningKey(db);
  platform = {
    networkId: network.networkId,
    key,
    trust: {
      networkId: network.networkId,
      keys: [{ keyId: network.keyId, publicKey: network.platformPublicKey }],
    },
  };
  nodes = await startLoopbackNodes({
    trust: platform.trust,
    nodes: [{ nodeId: "node_real", webhookSecret }],
    now: () => now,
  });
});

afterAll(async () => {
  await nodes?.close();
  await database?.drop();
});

function push(bundle: ConfigVersionResponse[]) {
  const body = bundleBody(platform.networkId, bundle);
  return fetch(nodes.urlFor("node_real"), {
    method: "POST",
    body,
    headers: signPush({ nodeId: "node_real", body, webhookSecret, platform }),
  });
}

describe("a node receiving versions the platform issued", () => {
  it("verifies and stores them: the due version applies, the scheduled one is staged", async () => {
    const response = await push(versions);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ACK",
      activeVersion: 2,
      stagedVersion: 3,
      sha256: versions[2]!.sha256,
    });
    expect(nodes.appliedLog("node_real")).toEqual([2]);
  });

  it("answers STALE when the same versions come again", async () => {
    const response = await push(versions.slice(0, 2));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ status: "STALE", currentVersion: 3 });
  });
});
