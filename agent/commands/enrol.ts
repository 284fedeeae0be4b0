import { COMMANDS, parseSourceAddressOption, parseUrlOption, UsageError } from "../cli-args";
import { readKeyFile } from "../key-file";
import { describeEnrolmentError, enrolNode } from "../protocol/enrol-node";
import { createPlatformClient } from "../protocol/platform-client";
import { writeStateFile } from "../state-file";
import { resolveFromCaller } from "../paths";
import { DEFAULT_KEY_FILE, DEFAULT_STATE_FILE, type CommandIo } from "./io";

/** The port the endpoint URL names (behind a TLS proxy the agent may listen on another one). */
function servedPort(endpoint: string): string {
  const url = new URL(endpoint);
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

export async function enrolCommand(
  values: {
    server: string;
    token: string;
    endpoint: string;
    name: string;
    key?: string;
    state?: string;
    "source-address"?: string;
  },
  io: CommandIo,
  fetchImpl?: typeof fetch,
): Promise<number> {
  const usage = COMMANDS.enrol.help;
  const server = parseUrlOption(values.server, { name: "server", usage }).origin;
  parseUrlOption(values.endpoint, { name: "endpoint", usage });
  if (!values.token.startsWith("plnm_enr_")) {
    throw new UsageError(`--token must be an enrolment token (plnm_enr_…) from ${server}/tokens`, usage);
  }
  const sourceAddress = parseSourceAddressOption(values["source-address"], { usage });
  const keyPath = resolveFromCaller(values.key ?? DEFAULT_KEY_FILE);
  const statePath = resolveFromCaller(values.state ?? DEFAULT_STATE_FILE);
  const { privateKey, publicKey } = readKeyFile(keyPath);
  const client = createPlatformClient({ server, fetchImpl, sourceAddress });
  try {
    const registered = await enrolNode({
      client,
      privateKey,
      publicKey,
      enrolmentToken: values.token,
      name: values.name,
      endpointUrl: values.endpoint,
    });
    writeStateFile(statePath, {
      nodeId: registered.nodeId,
      server,
      networkId: registered.networkId,
      platformPublicKey: registered.platformPublicKey,
      keyId: registered.keyId,
      webhookSecret: registered.webhookSecret,
      name: values.name,
      endpointUrl: values.endpoint,
      enrolledAt: new Date().toISOString(),
      ...(sourceAddress !== undefined && { sourceAddress }),
    });
    io.out(
      `Enrolled node ${registered.nodeId} ("${values.name}") on ${server} (network ${registered.networkId}).`,
    );
    io.out(`Saved the node state, including its webhook secret, to ${statePath} (mode 0600).`);
    io.out(
      `Next: npm run agent -- run --key ${keyPath} --state ${statePath} --endpoint-port ${servedPort(values.endpoint)}`,
    );
    return 0;
  } catch (error) {
    io.err(`Enrolment failed: ${describeEnrolmentError(error, server)}`);
    return 1;
  }
}
