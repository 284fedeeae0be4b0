import { randomInt } from "node:crypto";
import { isTrafficProfile, TRAFFIC_PROFILES } from "../../demo/data/traffic-model";
import { createLogger, type Logger } from "../../lib/server/platform/logger";
import { COMMANDS, parseIntegerOption, parseSourceAddressOption, UsageError } from "../cli-args";
import { createConfigEndpoint, createConfigEndpointServer } from "../config-endpoint/config-endpoint-server";
import { close, configStoreFileFor, listen, pinnedTrust } from "../endpoint-server";
import { readKeyFile } from "../key-file";
import { createPlatformClient, PlatformError } from "../protocol/platform-client";
import { createReporter, reportUntilStopped } from "../reporter";
import { readStateFile } from "../state-file";
import { peerCountersSource, syntheticSource, uptimeOnlySource } from "../telemetry-source";
import { resolveFromCaller } from "../paths";
import { DEFAULT_KEY_FILE, DEFAULT_STATE_FILE, type CommandIo } from "./io";

function describeStop(error: unknown, server: string): string {
  if (!(error instanceof PlatformError)) return (error as Error).message;
  if (error.status === 401) {
    return `the platform does not accept this node (${error.message}); if the node was retired or the platform's database was reset, enrol again with a new token from ${server}/tokens`;
  }
  if (error.status === 410)
    return `the platform says this node has left (${error.message}); enrol it again to rejoin`;
  return `the platform answered ${error.status} ${error.code}: ${error.message}`;
}

export async function runCommand(
  values: {
    key?: string;
    state?: string;
    "endpoint-port"?: string;
    "endpoint-host"?: string;
    "traffic-profile"?: string;
    seed?: string;
    "peer-counters"?: string;
    "source-address"?: string;
  },
  io: CommandIo,
  { signal, log = createLogger({ fields: { process: "agent" } }) }: { signal: AbortSignal; log?: Logger },
): Promise<number> {
  const usage = COMMANDS.run.help;
  const port = parseIntegerOption(values["endpoint-port"], {
    name: "endpoint-port",
    min: 1,
    max: 65535,
    usage,
  });
  const seed = parseIntegerOption(values.seed, { name: "seed", min: 0, max: 2 ** 31 - 1, usage }) ?? 1;
  const profile = values["traffic-profile"];
  if (profile !== undefined && !isTrafficProfile(profile)) {
    throw new UsageError(`--traffic-profile must be one of ${TRAFFIC_PROFILES.join(", ")}`, usage);
  }
  const sourceOption = parseSourceAddressOption(values["source-address"], { usage });
  const { privateKey } = readKeyFile(resolveFromCaller(values.key ?? DEFAULT_KEY_FILE));
  const stateFile = resolveFromCaller(values.state ?? DEFAULT_STATE_FILE);
  const state = readStateFile(stateFile);
  const sourceAddress = sourceOption ?? state.sourceAddress;
  const node = log.child({ nodeId: state.nodeId });
  const traffic = profile === undefined ? undefined : syntheticSource(profile, seed);
  const countersFile = values["peer-counters"];
  const source =
    countersFile === undefined
      ? (traffic ?? uptimeOnlySource)
      : peerCountersSource({
          file: resolveFromCaller(countersFile),
          totals: traffic,
          warn: (message) => node.warn(message),
        });

  const endpointPath = new URL(state.endpointUrl).pathname;
  // The store is kept (and due versions applied) even when the endpoint is not served here.
  const endpoint = createConfigEndpoint({
    trust: pinnedTrust(state),
    nodes: [{ nodeId: state.nodeId, webhookSecret: state.webhookSecret, path: endpointPath }],
    storeFile: () => configStoreFileFor(stateFile),
    log: node,
  });
  // Opening the store now reports a damaged store file before anything else runs.
  node.info("config held", { ...endpoint.held(state.nodeId) });
  const server = port === undefined ? null : createConfigEndpointServer(endpoint);
  if (server && port !== undefined) {
    const host = values["endpoint-host"] ?? "0.0.0.0";
    await listen(server, port, host);
    log.info("serving the config endpoint", { address: `${host}:${port}`, path: endpointPath });
  }

  node.info("reporting telemetry", {
    server: state.server,
    source: source.description,
    sourceAddress: sourceAddress ?? "(chosen by the OS)",
  });
  const startedAtMs = Date.now();
  try {
    await reportUntilStopped({
      report: createReporter({
        client: createPlatformClient({ server: state.server, sourceAddress }),
        nodeId: state.nodeId,
        privateKey,
        source,
        held: () => endpoint.held(state.nodeId),
        startedAtMs,
      }),
      signal,
      random: () => randomInt(1_000_000) / 1_000_000,
      onReport: (result) =>
        node.info("telemetry accepted", {
          status: 202,
          bytes: result.bytes,
          nextReportInSeconds: result.nextReportInSeconds,
        }),
      onRetry: (error, delayMs, attempt) =>
        node.warn("telemetry failed; retrying", {
          status: error instanceof PlatformError ? error.status : "unreachable",
          error: (error as Error).message,
          attempt,
          retryInSeconds: Math.round(delayMs / 100) / 10,
        }),
    });
    node.info("stopped");
    return 0;
  } catch (error) {
    io.err(`Stopped: ${describeStop(error, state.server)}`);
    return 1;
  } finally {
    endpoint.stop();
    if (server) await close(server);
  }
}
