import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli";
import { close, listen } from "../endpoint-server";
import { writeSecretFile } from "../key-file";
import { readStateFile, writeStateFile } from "../state-file";
import { createPlatformClient, PlatformError, PlatformUnreachableError } from "./platform-client";
import { canBindSourceAddress, fetchFromSourceAddress } from "./source-address";

/** Who connected, as the platform's front server sees it: the socket's address, per request path. */
const seen: { path: string; remoteAddress: string | undefined; body: string }[] = [];
let server: Server;
let origin = "";
let directory = "";

const round = {
  roundId: "round_1",
  opensAt: "2026-01-01T00:00:00.000Z",
  closesAt: "2030-01-01T00:00:00.000Z",
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ path: request.url!, remoteAddress: request.socket.remoteAddress, body });
      const reply = (status: number, payload: unknown) =>
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (request.url === "/api/v1/rounds/current") return reply(200, { ...round, proposals: [] });
      if (request.url === "/api/v1/ballots")
        return reply(200, { receipt: "ab".repeat(32), cost: 4, budget: 100 });
      if (request.url?.endsWith("/telemetry")) return reply(202, { nextReportInSeconds: 60 });
      reply(404, { error: { code: "NOT_FOUND", message: `no ${request.url}` } });
    });
  });
  origin = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  directory = mkdtempSync(path.join(tmpdir(), "plenum-source-"));
});
afterAll(async () => {
  await close(server);
  rmSync(directory, { recursive: true, force: true });
});

const { privateKey } = generateKeyPairSync("ed25519");
const report = {
  at: new Date().toISOString(),
  windowSeconds: 60,
  uptimeSeconds: 60,
  bytesUp: 0,
  bytesDown: 0,
  peers: 0,
  medianLatencyMs: 0,
  activeConfigVersion: null,
  stagedConfigVersion: null,
  agent: "plenum-agent/test",
};

describe("a source address over real HTTP", () => {
  it("is what the platform's socket sees: a signed report from 127.12.34.5 arrives from 127.12.34.5", async () => {
    expect(await canBindSourceAddress("127.12.34.5")).toBe(true);
    const client = createPlatformClient({ server: origin, sourceAddress: "127.12.34.5" });
    const result = await client.sendTelemetry({ nodeId: "node_1", privateKey, report, timestamp: 1 });
    expect(result.nextReportInSeconds).toBe(60);
    expect(seen.at(-1)).toEqual({
      path: "/api/v1/nodes/node_1/telemetry",
      remoteAddress: "127.12.34.5",
      body: JSON.stringify(report),
    });

    const chosenByTheOs = createPlatformClient({ server: origin });
    await chosenByTheOs.sendTelemetry({ nodeId: "node_1", privateKey, report, timestamp: 2 });
    expect(seen.at(-1)!.remoteAddress).toBe("127.0.0.1");
  });

  it("reaches a server named localhost, and answers errors as fetch would", async () => {
    const client = createPlatformClient({
      server: origin.replace("127.0.0.1", "localhost"),
      sourceAddress: "127.12.34.6",
    });
    const error = await client.getNetwork().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", message: "no /api/v1/network" });
    expect(seen.at(-1)!.remoteAddress).toBe("127.12.34.6");

    const response = await fetchFromSourceAddress("127.12.34.6")(`${origin}/api/v1/rounds/current`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ ...round, proposals: [] });
  });

  it("names the source address when the connection cannot leave from it", async () => {
    // A documentation address no interface of this machine holds: binding it fails.
    const client = createPlatformClient({ server: origin, sourceAddress: "203.0.113.77" });
    const error = await client.getNetwork().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/from 203\.0\.113\.77 \(EADDRNOTAVAIL\).*--source-address/);
  });
});

describe("the agent's --source-address", () => {
  const files = () => ({ key: path.join(directory, "node.key"), state: path.join(directory, "node.json") });
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      argv,
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      new AbortController().signal,
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  beforeAll(() => {
    writeSecretFile(files().key, privateKey.export({ format: "pem", type: "pkcs8" }).toString(), {
      isOverwrite: false,
    });
    writeStateFile(files().state, {
      nodeId: "node_1",
      server: origin,
      networkId: "net_test",
      platformPublicKey: "unused",
      keyId: "unused",
      webhookSecret: "whsec_c2VjcmV0",
      name: "voter",
      endpointUrl: "http://127.0.0.1:1/",
      enrolledAt: new Date().toISOString(),
      sourceAddress: "127.12.34.5",
    });
  });

  it("sends the ballot from the address the node reports from, unless --source-address says otherwise", async () => {
    const vote = ["vote", "--key", files().key, "--state", files().state, "--proposal", "p1", "--votes", "2"];
    expect((await run(...vote)).code).toBe(0);
    const fromState = seen.filter((request) => request.path.startsWith("/api/v1/")).slice(-2);
    expect(fromState.map((request) => [request.path, request.remoteAddress])).toEqual([
      ["/api/v1/rounds/current", "127.12.34.5"],
      ["/api/v1/ballots", "127.12.34.5"],
    ]);

    expect((await run(...vote, "--source-address", "127.56.78.9")).code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ path: "/api/v1/ballots", remoteAddress: "127.56.78.9" });
    expect(readStateFile(files().state).sourceAddress).toBe("127.12.34.5");
  });

  it("enrols from --source-address", async () => {
    const state = path.join(directory, "enrolled.json");
    const result = await run(
      ...["enrol", "--server", origin, "--token", "plnm_enr_x", "--endpoint", "http://127.0.0.1:1/"],
      ...["--name", "n", "--key", files().key, "--state", state, "--source-address", "127.12.34.7"],
    );
    // This small server has no enrolment: the challenge is refused, but it came from the address given.
    expect(result.code).toBe(1);
    expect(seen.at(-1)).toMatchObject({ path: "/api/v1/nodes/challenge", remoteAddress: "127.12.34.7" });
  });

  it.each([
    ["run", []],
    ["vote", ["--proposal", "p1", "--votes", "1"]],
    [
      "enrol",
      ["--server", "http://127.0.0.1:1", "--token", "plnm_enr_x", "--endpoint", "http://n/", "--name", "n"],
    ],
  ])("%s refuses a --source-address that is no IP address, with exit code 2", async (command, extra) => {
    const result = await run(command, ...extra, "--source-address", "home.example");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Error: --source-address must be an IP address of this machine/);
  });

  it("refuses a state file whose source address is no IP address", async () => {
    const bad = path.join(directory, "bad.json");
    writeSecretFile(bad, JSON.stringify({ ...readStateFile(files().state), sourceAddress: "nope" }), {
      isOverwrite: true,
    });
    expect(() => readStateFile(bad)).toThrow(/bad fields: sourceAddress/);
  });
});
