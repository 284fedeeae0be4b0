/** `npm run fleet -- --nodes 25 --server <url>`: many synthetic nodes in one process, for demos. */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parseIntegerOption, parseUrlOption, UsageError } from "./cli-args";
import { type Db } from "../lib/server/platform/db";
import { createLogger } from "../lib/server/platform/logger";
import { FAULT_SPEC_HELP, FaultSpecError, parseFaultSpecs } from "./config-endpoint/fault-spec";
import { runFleet } from "./fleet/run-fleet";
import { resolveFromCaller } from "./paths";

export const FLEET_HELP = `Usage: npm run fleet -- --nodes <n> --server <url> [--database <url>] [--token-for <email>]…
                       [--token <plnm_enr_…>] [--dir <folder>] [--seed <n>] [--concurrency <n>]
                       [--endpoint-port <port>] [--fault <node>=<fault>]…

Runs a demo fleet: many reference agents in one process, each with its own Ed25519 key, its own
loopback config endpoint (http://127.0.0.1:<port>/node/<n>) and SYNTHETIC traffic — heavy seeders,
normal and light nodes, free-riders that download far more than they upload, and the cluster of
"LargeCorp Hosting". The nodes serve each other and each lists its exchanges with its fleet peers
(peerTraffic), so both ends of every exchange agree and peers in other /24s confirm each other's
traffic; one seeder or normal node claims 3× the upload its peers see. Keys, node state and the
configs each node holds stay in <dir>/<networkId>/,
so a restart reuses the nodes it enrolled. Each endpoint receives config pushes like a real agent
(signatures, chain, ACK/STALE/GAP/NACK) and logs "applied config version N" once per activation. Logs one summary line per minute. The tokens the fleet
creates let its own nodes use these loopback endpoints, which the platform refuses to anyone else;
with --token the platform must run with PLENUM_ALLOW_PRIVATE_ENDPOINTS=1 (development only).

Networks: the platform counts nodes by the network their requests come from (nodes in one /24 share
their voice credits), so each fleet node sends its requests from its own loopback address: all of
LargeCorp's nodes from 127.10.0.0/24, like one data centre, every other operator's from a /24 of its
own (127.16.0.0/24, 127.16.1.0/24, …), like homes. Each node's state file keeps its address, so
\`npm run agent -- vote --state <dir>/<networkId>/node-<n>.json --key <dir>/<networkId>/node-<n>.key …\`
votes from it too. Linux routes all of 127.0.0.0/8 to the loopback interface; on a system that does not (macOS),
or with a platform on another machine, the OS chooses every node's address.

Enrolment tokens: the fleet runs beside the platform and creates tokens for the demo operators in
its database (--database, else DATABASE_URL, else the default SQLite file); then it enrols over
HTTP like any agent. With --token it uses that one token for every node instead.

Options:
  --nodes <n>            how many nodes (1–500; default 25)
  --server <url>         the platform (default http://localhost:$PORT, PORT default 3000)
  --database <url>       the platform's database (file:… or postgres://…)
  --token-for <email>    give fleet nodes to this operator first (repeatable)
  --token <token>        use this enrolment token for every node (no database access)
  --dir <folder>         where keys and node state are kept (default data/fleet)
  --seed <n>             seed of the plan and the synthetic traffic (default 20261125)
  --concurrency <n>      enrolments in flight at once (default 4)
  --endpoint-port <port> port of the endpoints (default: the one used last time, else any free one)
  --fault <rules>        make nodes' config endpoints misbehave (repeatable; also --faults, and the
                         PLENUM_FLEET_FAULTS environment variable), e.g.
                         --fault node-3=down:120s --fault node-7=status:500 --fault node-9=nack

${FAULT_SPEC_HELP}`;

export async function main(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const usage = FLEET_HELP;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        nodes: { type: "string" },
        server: { type: "string" },
        database: { type: "string" },
        "token-for": { type: "string", multiple: true },
        token: { type: "string" },
        dir: { type: "string" },
        seed: { type: "string" },
        concurrency: { type: "string" },
        "endpoint-port": { type: "string" },
        fault: { type: "string", multiple: true },
        faults: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message.split("\n")[0]}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  const log = createLogger({ fields: { process: "fleet" } });
  let db: Db | undefined;
  try {
    const option = (name: string) => values[name] as string | undefined;
    const nodes = parseIntegerOption(option("nodes"), { name: "nodes", min: 1, max: 500, usage }) ?? 25;
    const seed =
      parseIntegerOption(option("seed"), { name: "seed", min: 0, max: 2 ** 31 - 1, usage }) ?? 20261125;
    const concurrency =
      parseIntegerOption(option("concurrency"), { name: "concurrency", min: 1, max: 32, usage }) ?? 4;
    const endpointPort = parseIntegerOption(option("endpoint-port"), {
      name: "endpoint-port",
      min: 1,
      max: 65535,
      usage,
    });
    const server = parseUrlOption(option("server") ?? `http://localhost:${process.env.PORT ?? 3000}`, {
      name: "server",
      usage,
    }).origin;
    const faultTexts = [
      process.env.PLENUM_FLEET_FAULTS ?? "",
      ...((values.fault as string[] | undefined) ?? []),
      ...((values.faults as string[] | undefined) ?? []),
    ];
    let faults;
    try {
      faults = parseFaultSpecs(faultTexts.join(","), Date.now());
    } catch (error) {
      if (error instanceof FaultSpecError) throw new UsageError(`fault ${error.message}`, usage);
      throw error;
    }
    const token = option("token");
    const preferredEmails = (values["token-for"] as string[] | undefined) ?? [];
    if (token !== undefined && preferredEmails.length > 0) {
      throw new UsageError(
        "--token and --token-for do not go together: --token gives every node to one operator",
        usage,
      );
    }

    const openDb = async () => {
      const { loadEnv } = await import("../lib/server/platform/env");
      const { createDb, prepareDb } = await import("../lib/server/platform/db");
      const env = loadEnv({ ...process.env, DATABASE_URL: option("database") ?? process.env.DATABASE_URL });
      const opened = createDb(env.DATABASE_URL);
      await prepareDb(opened);
      db = opened;
      return opened;
    };
    const TOKEN_OWNER = "(the --token's operator)";

    await runFleet({
      server,
      nodes,
      seed,
      concurrency,
      endpointPort,
      faults,
      directory: resolveFromCaller(option("dir") ?? "data/fleet"),
      log,
      signal,
      planOperators: async () => {
        if (token !== undefined) return { ordinaryEmails: [TOKEN_OWNER], preferredEmails: [] };
        const { loadFleetOperators } = await import("./fleet/demo-operators");
        const operators = await loadFleetOperators(await openDb());
        const unknown = preferredEmails.filter((email) => !operators.idByEmail.has(email));
        if (unknown.length > 0)
          throw new Error(`--token-for: no operator with the email ${unknown.join(", ")}`);
        return { ...operators, preferredEmails };
      },
      claimEnrolledNodes: async (enrolled) => {
        if (token !== undefined) return;
        const { grantFleetNodesPrivateEndpoints } = await import("../lib/server/nodes/fleet-node-commands");
        const granted = await grantFleetNodesPrivateEndpoints(db ?? (await openDb()), enrolled);
        if (granted > 0)
          log.info("fleet nodes enrolled earlier may keep their loopback endpoints", { granted });
      },
      allowNewNodesToVote: async (nodeIds) => {
        // With --token the nodes are someone's own: their operator decides on each node's page.
        if (token !== undefined) return;
        const { allowFleetNodesToVote } = await import("../lib/server/nodes/fleet-node-commands");
        const allowed = await allowFleetNodesToVote(db ?? (await openDb()), nodeIds);
        if (allowed > 0) log.info("new fleet nodes may cast ballots for their demo operators", { allowed });
      },
      mintTokens: async (uses) => {
        if (token !== undefined) return new Map([...uses.keys()].map((email) => [email, token]));
        const { loadFleetOperators, mintFleetTokens } = await import("./fleet/demo-operators");
        const opened = db ?? (await openDb());
        const { idByEmail } = await loadFleetOperators(opened);
        return mintFleetTokens(opened, { uses, idByEmail, now: new Date() });
      },
    });
    log.info("fleet stopped");
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    log.error("fleet failed", { error: (error as Error).message });
    return 1;
  } finally {
    await db?.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
  main(process.argv.slice(2), controller.signal).then((code) => {
    process.exitCode = code;
  });
}
