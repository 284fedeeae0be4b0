import { createHash, createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema, type ConfigVersionResponse, type NetworkInfo } from "@/lib/schemas/node-protocol";
import { getDb } from "@/lib/server/platform/db";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getConfigVersionResponse } from "./config/[version]/get-config-version";
import { GET as getConfigVersionRoute } from "./config/[version]/route";
import { getLatestConfigResponse } from "./config/latest/get-latest-config";
import { GET as getLatestConfigRoute } from "./config/latest/route";
import { getNetworkResponse } from "./network/get-network";
import { GET as getNetworkRoute } from "./network/route";
import { GET as getOpenApiRoute } from "./openapi.json/route";

const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers });

/** Verification written from the protocol text alone, with node:crypto, not the platform's helpers. */
function independentlyVerifies(
  platformPublicKey: string,
  envelope: Buffer,
  signatureB64url: string,
): boolean {
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: platformPublicKey }, format: "jwk" });
  return verify(null, envelope, key, Buffer.from(signatureB64url, "base64url"));
}

async function expectErrorBody(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = errorBodySchema.strict().parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
});
afterAll(async () => {
  await (await getDb()).$disconnect();
  await database.drop();
});

describe("before the platform is bootstrapped", () => {
  it("GET /api/v1/network answers 503 saying what to run", async () => {
    const message = await expectErrorBody(await getNetworkResponse(database.db), 503, "NOT_READY");
    expect(message).toContain("npm start");
  });

  it("GET /api/v1/config/latest answers 503", async () => {
    await expectErrorBody(
      await getLatestConfigResponse(database.db, request("/api/v1/config/latest")),
      503,
      "NOT_READY",
    );
  });
});

describe("node protocol endpoints", () => {
  let network: NetworkInfo;
  let latest: ConfigVersionResponse;

  beforeAll(async () => {
    await ensurePlatform(database.db, { networkName: "Route tests", now: new Date("2026-07-01T00:00:00Z") });
    await issueConfigVersion(database.db, {
      params: { ...defaultParameterValues(), "reward.perGbUploaded": 1.5 },
      activateAt: new Date("2026-07-02T00:00:00Z"),
      proposals: ["prop_x"],
      now: new Date("2026-07-01T12:00:00Z"),
    });
    const networkResponse = await getNetworkResponse(database.db);
    expect(networkResponse.status).toBe(200);
    network = (await networkResponse.json()) as NetworkInfo;
    const latestResponse = await getLatestConfigResponse(database.db, request("/api/v1/config/latest"));
    expect(latestResponse.status).toBe(200);
    latest = (await latestResponse.json()) as ConfigVersionResponse;
  });

  it("GET /api/v1/network gives the network, the platform key and the latest version", () => {
    expect(network).toEqual({
      networkId: expect.stringMatching(/^net_/),
      name: "Route tests",
      platformPublicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      keyId: expect.stringMatching(/^pk_[0-9a-f]{16}$/),
      latestVersion: 2,
    });
  });

  it("the latest version's signature verifies with the platform key from /network", () => {
    const bytes = Buffer.from(latest.envelope, "base64url");
    expect(latest.version).toBe(2);
    expect(latest.keyId).toBe(network.keyId);
    expect(independentlyVerifies(network.platformPublicKey, bytes, latest.signature)).toBe(true);
    expect(latest.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const envelope = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    expect(envelope).toMatchObject({ schema: "plenum.config/1", networkId: network.networkId, version: 2 });
  });

  it("a tampered envelope or signature does not verify", () => {
    const bytes = Buffer.from(latest.envelope, "base64url");
    const tampered = Buffer.from(
      bytes.toString("utf8").replace('"reward.perGbUploaded":1.5', '"reward.perGbUploaded":9.5'),
    );
    expect(tampered.equals(bytes)).toBe(false);
    expect(independentlyVerifies(network.platformPublicKey, tampered, latest.signature)).toBe(false);
    const signature = Buffer.from(latest.signature, "base64url");
    signature[0] = signature[0]! ^ 1;
    expect(independentlyVerifies(network.platformPublicKey, bytes, signature.toString("base64url"))).toBe(
      false,
    );
  });

  it("version 2 chains to version 1 by the sha256 the API reports", async () => {
    const response = await getConfigVersionResponse(
      database.db,
      request("/api/v1/config/1"),
      Promise.resolve({ version: "1" }),
    );
    const first = (await response.json()) as ConfigVersionResponse;
    const envelope = JSON.parse(Buffer.from(latest.envelope, "base64url").toString("utf8")) as {
      prevSha256: string;
    };
    expect(envelope.prevSha256).toBe(first.sha256);
    expect(
      independentlyVerifies(
        network.platformPublicKey,
        Buffer.from(first.envelope, "base64url"),
        first.signature,
      ),
    ).toBe(true);
  });

  it("a numbered version is immutable and cacheable, with the sha256 as ETag", async () => {
    const response = await getConfigVersionResponse(
      database.db,
      request("/api/v1/config/2"),
      Promise.resolve({ version: "2" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("etag")).toBe(`"${latest.sha256}"`);
    expect(await response.json()).toEqual(latest);
  });

  it("latest is cached briefly and answers 304 to a matching If-None-Match", async () => {
    const response = await getLatestConfigResponse(
      database.db,
      request("/api/v1/config/latest", { "if-none-match": `"${latest.sha256}"` }),
    );
    expect(response.status).toBe(304);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d{1,2}$/);
    expect(await response.text()).toBe("");
  });

  it("GET /api/v1/config/999 answers 404 naming the latest version", async () => {
    const response = await getConfigVersionResponse(
      database.db,
      request("/api/v1/config/999"),
      Promise.resolve({ version: "999" }),
    );
    const message = await expectErrorBody(response, 404, "NOT_FOUND");
    expect(message).toContain("999");
    expect(message).toContain("1 to 2");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it.each(["abc", "0", "-1", "1.5", "01", "99999999999"])(
    "GET /api/v1/config/%s answers 400 naming the field",
    async (version) => {
      const response = await getConfigVersionResponse(
        database.db,
        request(`/api/v1/config/${version}`),
        Promise.resolve({ version }),
      );
      const message = await expectErrorBody(response, 400, "BAD_INPUT");
      expect(message).toMatch(/^version: must be a positive whole number/);
    },
  );
});

describe("the real route exports (DATABASE_URL)", () => {
  it("GET /api/v1/network, /config/latest and /config/{version} answer from the configured database", async () => {
    const network = (await (await getNetworkRoute()).json()) as NetworkInfo;
    expect(network.name).toBe("Route tests");
    const latestResponse = await getLatestConfigRoute(request("/api/v1/config/latest"));
    const latest = (await latestResponse.json()) as ConfigVersionResponse;
    expect(latest.version).toBe(network.latestVersion);
    const byNumber = await getConfigVersionRoute(request("/api/v1/config/2"), {
      params: Promise.resolve({ version: "2" }),
    });
    expect(await byNumber.json()).toEqual(latest);
    const missing = await getConfigVersionRoute(request("/api/v1/config/999"), {
      params: Promise.resolve({ version: "999" }),
    });
    await expectErrorBody(missing, 404, "NOT_FOUND");
  });

  it("GET /api/v1/openapi.json is an OpenAPI 3.1 document with the node protocol paths", async () => {
    const response = getOpenApiRoute();
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/network", "/api/v1/config/latest", "/api/v1/config/{version}"]),
    );
    expect(Object.keys(document.paths["/api/v1/config/{version}"]!.get!.responses)).toEqual(
      expect.arrayContaining(["200", "400", "404", "500"]),
    );
    expect(Object.keys(document.components.schemas.ConfigVersion!.properties!)).toEqual([
      "version",
      "envelope",
      "signature",
      "keyId",
      "sha256",
    ]);
    expect(document.components.schemas.ErrorBody).toBeDefined();
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) expect(document.components.schemas[ref.split("/").at(-1)!]).toBeDefined();
  });
});
