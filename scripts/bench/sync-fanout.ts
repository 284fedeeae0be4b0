/**
 * sync-fanout: one new config version fanned out to 2,000 loopback nodes by the sync engine
 * (runSyncPass in a loop, 64 in flight), against a bare node:http client posting the same signed bodies
 * to an identical fleet with the same concurrency. The fleets run in their own process.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { defaultParameterValues } from "../../lib/domain/parameters/catalogue";
import { importEd25519PrivateKey } from "../../lib/server/platform/ed25519";
import type { Db } from "../../lib/server/platform/db";
import { createLogger } from "../../lib/server/platform/logger";
import { getConfigVersion } from "../../lib/server/governance/config-version-queries";
import { issueConfigVersion } from "../../lib/server/governance/issue-config-version";
import { ensurePlatform, getNetworkInfo, getSigningKey } from "../../lib/server/platform/ensure-platform";
import { ensureNodeSyncRows } from "../../lib/server/config-sync/node-sync-commands";
import { runSyncPass } from "../../lib/server/config-sync/sync-engine";
import { baselineFanOut } from "./bare-push-fan-out";
import { startFleetProcess } from "./fleet-client";
import { createBenchDatabase } from "./bench-database";
import { measure, type FanOut } from "./measure-fan-out";
import { median, round, type BenchFields } from "./report";

const NODES = Number(process.env.PLENUM_BENCH_SYNC_NODES ?? 2_000);
const REPETITIONS = Number(process.env.PLENUM_BENCH_REPETITIONS ?? 3);
const HOSTS = 40;
const MAX_IN_FLIGHT = 64;
/** Every fan-out must finish within this, or the benchmark fails instead of running on. */
const FAN_OUT_LIMIT_MS = 300_000;
const MAX_PASSES = 10_000;

/** The product: sync passes back to back until every node acknowledged `version`. */
async function productFanOut(db: Db, version: number): Promise<FanOut> {
  const logger = createLogger({ level: "error" });
  const signal = new AbortController().signal;
  return measure(async () => {
    let pushes = 0;
    let acknowledged = 0;
    const started = performance.now();
    for (let passes = 1; passes <= MAX_PASSES; passes += 1) {
      const result = await runSyncPass({
        db,
        workerId: "bench-worker",
        now: () => new Date(),
        random: Math.random,
        logger,
        signal,
        allowPrivateEndpoints: true,
        maxInFlight: MAX_IN_FLIGHT,
      });
      pushes += result.pushed;
      acknowledged += result.acknowledged;
      if (acknowledged >= NODES) {
        const behind = await db.nodeSync.count({ where: { acknowledgedVersion: { lt: version } } });
        if (behind === 0) return { pushes, acknowledged, passes };
      }
      if (performance.now() - started > FAN_OUT_LIMIT_MS) {
        throw new Error(
          `the product did not fan out v${version} to ${NODES} nodes within ${FAN_OUT_LIMIT_MS} ms`,
        );
      }
      if (result.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`the product did not fan out v${version} in ${MAX_PASSES} passes`);
  });
}

const perSecond = (fanOut: FanOut) => fanOut.pushes / (fanOut.ms / 1000);

export default async function syncFanout(): Promise<BenchFields> {
  const database = await createBenchDatabase();
  const fleet = startFleetProcess();
  try {
    const { db } = database;
    await ensurePlatform(db, { networkName: "Bench swarm", now: new Date() });
    const network = await getNetworkInfo(db);
    const platformKey = importEd25519PrivateKey((await getSigningKey(db)).privateKeyPem);
    const identities = Array.from({ length: NODES }, (_, index) => ({
      nodeId: `bench-node-${String(index).padStart(5, "0")}`,
      webhookSecret: `whsec_${randomBytes(32).toString("base64")}`,
    }));
    const hosts = Array.from({ length: HOSTS }, (_, index) => `127.0.0.${index + 2}`);
    const urls = await fleet.start({
      trust: {
        networkId: network.networkId,
        keys: [{ keyId: network.keyId, publicKey: network.platformPublicKey }],
      },
      nodes: identities,
      hosts,
    });

    const { id: operatorId } = await db.operator.create({
      data: { displayName: "Bench operator", email: "bench@example.test" },
      select: { id: true },
    });
    const now = new Date();
    await db.node.createMany({
      data: identities.map((identity, index) => ({
        id: identity.nodeId,
        operatorId,
        name: identity.nodeId,
        nameSearch: identity.nodeId,
        publicKey: `bench-key-${index}`,
        region: "bench",
        endpointUrl: urls.product[index]!,
        webhookSecret: identity.webhookSecret,
        verifiedAt: now,
        createdAt: now,
      })),
    });
    while ((await ensureNodeSyncRows(db, { now: new Date() })) > 0);
    const baselineTargets = identities.map((identity, index) => ({
      ...identity,
      url: urls.baseline[index]!,
    }));
    const bodyOf = async (version: number) =>
      JSON.stringify({
        type: "config.bundle",
        networkId: network.networkId,
        bundle: [await getConfigVersion(db, version)],
      });

    const fanOutBoth = async (version: number) => {
      const product = await productFanOut(db, version);
      const baseline = await baselineFanOut(baselineTargets, {
        version,
        body: await bodyOf(version),
        platformKey,
        maxInFlight: MAX_IN_FLIGHT,
      });
      for (const name of ["product", "baseline"] as const) {
        const holding = await fleet.countHolding(name, version);
        if (holding !== NODES) throw new Error(`only ${holding} of ${NODES} ${name} nodes hold v${version}`);
      }
      return { product, baseline };
    };

    // Warm-up: version 1 to both fresh fleets (JIT, connection setup, SQLite pages), not measured.
    console.log(`  warm-up: v1 to ${NODES} nodes on ${HOSTS} loopback addresses, twice`);
    await fanOutBoth(1);

    const runs: { product: FanOut; baseline: FanOut }[] = [];
    for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
      const issued = await issueConfigVersion(db, {
        params: defaultParameterValues(),
        activateAt: new Date(Date.now() + 3_600_000),
        proposals: [],
        now: new Date(),
      });
      const run = await fanOutBoth(issued.version);
      runs.push(run);
      console.log(
        `  run ${repetition}/${REPETITIONS} (v${issued.version}): product ${Math.round(run.product.ms)} ms, ` +
          `${Math.round(perSecond(run.product))} pushes/s; baseline ${Math.round(run.baseline.ms)} ms, ` +
          `${Math.round(perSecond(run.baseline))} pushes/s`,
      );
    }

    const medianOf = (side: "product" | "baseline", pick: (fanOut: FanOut) => number) =>
      median(runs.map((run) => pick(run[side])));
    const figures = (side: "product" | "baseline") => ({
      perSecond: round(medianOf(side, perSecond)),
      timeToAllAckMs: round(medianOf(side, (fanOut) => fanOut.ms)),
      cpuMs: round(medianOf(side, (fanOut) => fanOut.cpuMs)),
      cpuMsPerPush: round(
        medianOf(side, (fanOut) => fanOut.cpuMs / fanOut.pushes),
        3,
      ),
      peakRssMb: round(medianOf(side, (fanOut) => fanOut.peakRssMb)),
    });
    const product = figures("product");
    const baseline = figures("baseline");
    return {
      name: "sync-fanout",
      database: "sqlite",
      params: {
        nodes: NODES,
        loopbackAddresses: HOSTS,
        maxInFlight: MAX_IN_FLIGHT,
        perDestinationLimit: 2,
        repetitions: REPETITIONS,
        bundleVersions: 1,
      },
      metrics: { ...product, passes: medianOf("product", (fanOut) => fanOut.passes ?? 0) },
      baseline: {
        what: "bare node:http client (default agent) posting the same signed bodies, same headers, 64 at a time, to an identical fleet",
        ...baseline,
      },
      ratio: round(product.perSecond / baseline.perSecond, 3),
      runs: runs.map((run) => ({
        productMs: round(run.product.ms),
        productPushes: run.product.pushes,
        productCpuMs: round(run.product.cpuMs),
        productPeakRssMb: round(run.product.peakRssMb),
        productPasses: run.product.passes ?? 0,
        baselineMs: round(run.baseline.ms),
        baselineCpuMs: round(run.baseline.cpuMs),
        baselinePeakRssMb: round(run.baseline.peakRssMb),
        ratio: round(perSecond(run.product) / perSecond(run.baseline), 3),
      })),
    };
  } finally {
    fleet.stop();
    await database.drop();
  }
}
