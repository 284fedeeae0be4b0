/** `npm run agent -- <command>`: the Plenum reference node agent. Exit codes: 0 ok, 1 failure, 2 usage. */
import { pathToFileURL } from "node:url";
import { parseCommandLine, UsageError } from "./cli-args";
import { enrolCommand } from "./commands/enrol";
import { processIo, type CommandIo } from "./commands/io";
import { keygenCommand } from "./commands/keygen";
import { runCommand } from "./commands/run";
import { voteCommand } from "./commands/vote";
import { KeyFileError } from "./key-file";
import { StateFileError } from "./state-file";

export async function main(argv: readonly string[], io: CommandIo, signal: AbortSignal): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === "help") {
      io.out(parsed.text);
      return 0;
    }
    // parseCommandLine checked the required options of this command.
    const values = parsed.values as never;
    switch (parsed.command) {
      case "keygen":
        return keygenCommand(values, io);
      case "enrol":
        return await enrolCommand(values, io);
      case "run":
        return await runCommand(values, io, { signal });
      case "vote":
        return await voteCommand(values, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    if (error instanceof KeyFileError || error instanceof StateFileError) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    io.err(`Error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
  main(process.argv.slice(2), processIo, controller.signal).then((code) => {
    process.exitCode = code;
  });
}
