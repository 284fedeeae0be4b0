import { parseArgs, type ParseArgsConfig } from "node:util";
import { isSourceAddress } from "./protocol/source-address";

/** A mistake in how the command was called: exit code 2 with the command's usage. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

interface CommandSpec {
  summary: string;
  help: string;
  options: Options;
  required: readonly string[];
}

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const satisfies Options;

/** --source-address as enrol and run explain it, its lines indented to the options' column. */
function sourceAddressHelp(indent: number, defaultText: string): string {
  return [
    "the local IP address the node's requests leave from; the platform counts",
    "nodes by the network (/24, IPv6 /48) their requests come from, and nodes in",
    "one network share their voice credits.",
    defaultText,
  ].join("\n" + " ".repeat(indent));
}

export const COMMANDS = {
  keygen: {
    summary: "create the node's Ed25519 key",
    help: `Usage: npm run agent -- keygen [--key <file>] [--force]

Creates an Ed25519 key for this node and writes it as PKCS#8 PEM to a new file only you can read
(mode 0600). Prints the public key (b64url). Keep the file: it is the node's identity.

Options:
  --key <file>   where to write the key (default ./plenum-node.key)
  --force        replace an existing key file (the node it belonged to cannot be used any more)`,
    options: { key: { type: "string" }, force: { type: "boolean" } },
    required: [],
  },
  enrol: {
    summary: "register this node with a platform, using an enrolment token",
    help: `Usage: npm run agent -- enrol --server <url> --token <plnm_enr_…> --endpoint <url> --name <name>
                         [--key <file>] [--state <file>] [--source-address <ip>]

Proves to the platform that this node holds its key (challenge, signature, registration) and ties it
to the operator who created the token. Saves the node id and the platform's details, including the
node's webhook secret, to the state file (mode 0600); the secret is never printed.

Options:
  --server <url>     the platform, e.g. https://plenum.example.org
  --token <token>    an enrolment token (plnm_enr_…) from <server>/tokens
  --endpoint <url>   where the platform reaches this node's config endpoint (https; plain http and
                     private addresses only on platforms started with PLENUM_ALLOW_PRIVATE_ENDPOINTS=1)
  --name <name>      the node's name, shown on the platform
  --key <file>       the key from keygen (default ./plenum-node.key)
  --state <file>     where to save the node state (default ./plenum-node.json)
  --source-address <ip>
                     ${sourceAddressHelp(21, "Default: the OS chooses. Saved in the state file for run and vote.")}`,
    options: {
      server: { type: "string" },
      token: { type: "string" },
      endpoint: { type: "string" },
      name: { type: "string" },
      key: { type: "string" },
      state: { type: "string" },
      "source-address": { type: "string" },
    },
    required: ["server", "token", "endpoint", "name"],
  },
  run: {
    summary: "report telemetry and serve the node's config endpoint",
    help: `Usage: npm run agent -- run [--key <file>] [--state <file>] [--endpoint-port <port>]
                       [--endpoint-host <address>] [--traffic-profile <profile>] [--seed <n>]
                       [--peer-counters <file>] [--source-address <ip>]

Sends signed telemetry to the platform on the interval it asks for (nextReportInSeconds), retrying
with exponential back-off on network errors and 5xx and honouring Retry-After on 429. One log line per
report. Ctrl-C (SIGINT) or SIGTERM stops it.

What it reports: on its own this agent cannot see your node software's traffic counters, so it reports
its own uptime and zero traffic, peers and latency. --peer-counters reads per-peer counters your node
software keeps (below). --traffic-profile reports SYNTHETIC traffic instead (for demos and tests only):
seeder, normal, light, free-rider or cluster.

Per-peer counters: with --peer-counters <file> the agent reads, before each report, a JSON file your
node software keeps up to date with cumulative bytes per peer since it started, each peer named by
its Plenum node id:
  { "peers": { "<peerNodeId>": { "bytesUp": <bytes sent to it>, "bytesDown": <bytes received> } } }
(whole numbers up to 9007199254740991; write the file atomically: a temporary file, then rename). Each
report carries what every counter grew by since the last accepted report (a counter that went down
counts as a restart from 0) as peerTraffic: the 256 largest exchanges, never the node itself. Its
bytesUp and bytesDown are the sums over all peers (with --traffic-profile, the synthetic totals, and
the entries are cut to fit them). The first reading only sets the starting point; an unreadable file
is logged and that report goes without peerTraffic. Without the option no peerTraffic is sent.
Traffic a peer in another network confirms counts in full for rewards; the rest at a governed weight.

Config endpoint: with --endpoint-port it serves the path of the endpoint URL given at enrolment, over
plain HTTP (for an https endpoint URL, put a TLS proxy in front of it). GET answers what the node
holds ({ activeVersion, stagedVersion, sha256 }; 0/null before any push). POST receives a config push:
it checks both transport signatures (v1 HMAC with the webhook secret, v1a Ed25519 with the platform
key) and every config version's signature, chain and network, then answers ACK, STALE, GAP or NACK.
Held configs are kept beside the state file (plenum-node.json → plenum-node.config.json); each
version is applied at its activateAt and logged once as "applied config version N".

Options:
  --key <file>               the node's key (default ./plenum-node.key)
  --state <file>             the state saved by enrol (default ./plenum-node.json)
  --endpoint-port <port>     serve the config endpoint on this port (default: do not serve it)
  --endpoint-host <address>  address to listen on (default 0.0.0.0)
  --traffic-profile <name>   report synthetic traffic of this profile (demo only)
  --seed <n>                 seed of the synthetic traffic (default 1)
  --peer-counters <file>     per-peer byte counters your node software keeps (see above)
  --source-address <ip>      ${sourceAddressHelp(29, "Default: the one saved at enrolment, else the OS chooses.")}`,
    options: {
      key: { type: "string" },
      state: { type: "string" },
      "endpoint-port": { type: "string" },
      "endpoint-host": { type: "string" },
      "traffic-profile": { type: "string" },
      seed: { type: "string" },
      "peer-counters": { type: "string" },
      "source-address": { type: "string" },
    },
    required: [],
  },
  vote: {
    summary: "cast this node's operator's ballot in a voting round",
    help: `Usage: npm run agent -- vote --proposal <id> --votes <n> [--proposal <id> --votes <n> …]
                        [--round <id>] [--key <file>] [--state <file>] [--source-address <ip>]

Sends a ballot signed with the node's key; it counts as the ballot of the node's operator and
replaces any ballot the operator cast earlier in the round (from the web or any of their nodes).
Votes are whole numbers: positive for a proposal, negative against, 0 for no vote. Each proposal
costs votes² voice credits; together they must fit the operator's budget for the round. Prints the
receipt (keep it: the round's public export lists it after close), the cost and the budget.

Options:
  --proposal <id>   a proposal of the round (repeat for each proposal you vote on)
  --votes <n>       the votes on the --proposal at the same position, e.g. 3 or -2
  --round <id>      the round (default: the round open now, from GET /api/v1/rounds/current)
  --key <file>      the node's key (default ./plenum-node.key)
  --state <file>    the state saved by enrol (default ./plenum-node.json)
  --source-address <ip>
                    the address the ballot is sent from, as for run (default: the one saved at
                    enrolment, else the OS chooses)

Example:
  npm run agent -- vote --proposal prop_a --votes 3 --proposal prop_b --votes -2`,
    options: {
      round: { type: "string" },
      proposal: { type: "string", multiple: true },
      votes: { type: "string", multiple: true },
      key: { type: "string" },
      state: { type: "string" },
      "source-address": { type: "string" },
    },
    required: ["proposal", "votes"],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const MAIN_HELP = `Usage: npm run agent -- <command> [options]

The Plenum reference node agent: gives a node its key, enrols it with a platform, reports telemetry
and casts its operator's ballot.

Commands:
${Object.entries(COMMANDS)
  .map(([name, spec]) => `  ${name.padEnd(8)} ${spec.summary}`)
  .join("\n")}

Start here:
  npm run agent -- keygen
  npm run agent -- enrol --server https://plenum.example.org --token plnm_enr_… \\
                         --endpoint https://node.example.org:8443/ --name my-node
  npm run agent -- run --endpoint-port 8443

\`npm run agent -- <command> --help\` explains each command.`;

type OptionValue = string | boolean | (string | boolean)[] | undefined;

export type ParsedCommandLine =
  | { kind: "help"; text: string }
  | { kind: "command"; command: CommandName; values: Record<string, OptionValue> };

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** `--votes -2` as `--votes=-2`: parseArgs would take a value starting with "-" for an option. */
function attachNegativeNumbers(args: readonly string[], options: Options): string[] {
  const attached: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const name = /^--([^=]+)$/.exec(args[i]!)?.[1];
    const value = args[i + 1];
    if (name && options[name]?.type === "string" && value !== undefined && /^-\d+$/.test(value)) {
      attached.push(`${args[i]}=${value}`);
      i += 1;
    } else attached.push(args[i]!);
  }
  return attached;
}

function isGiven(value: OptionValue): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === "string" && value !== "";
}

/** Parses `<command> [options]`; unknown commands, unknown options and missing required ones are UsageErrors. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    return { kind: "help", text: MAIN_HELP };
  }
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}"`, MAIN_HELP);
  const spec: CommandSpec = COMMANDS[first];
  let values: Record<string, OptionValue>;
  try {
    ({ values } = parseArgs({
      args: attachNegativeNumbers(rest, spec.options),
      options: { ...spec.options, ...HELP_OPTION },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments", spec.help);
  }
  if (values.help) return { kind: "help", text: spec.help };
  const missing = spec.required.filter((name) => !isGiven(values[name]));
  if (missing.length > 0) {
    throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(", ")}`, spec.help);
  }
  return { kind: "command", command: first, values };
}

/** A whole number in [min, max] from an option's text, or a UsageError naming the option. */
export function parseIntegerOption(
  value: string | boolean | undefined,
  { name, min, max, usage }: { name: string; min: number; max: number; usage: string },
): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, usage);
  }
  return number;
}

/** An http(s) URL from an option's text, or a UsageError naming the option. */
export function parseUrlOption(value: string, { name, usage }: { name: string; usage: string }): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${name} must be a URL such as https://example.org, got "${value}"`, usage);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`--${name} must be an http or https URL, got "${value}"`, usage);
  }
  return url;
}

/** An IP address from --source-address, or a UsageError; undefined when not given. */
export function parseSourceAddressOption(
  value: string | boolean | undefined,
  { usage }: { usage: string },
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isSourceAddress(value)) {
    throw new UsageError(
      `--source-address must be an IP address of this machine, such as 192.0.2.10 or 2001:db8::10, got "${String(value)}"`,
      usage,
    );
  }
  return value;
}
