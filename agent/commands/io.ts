/** Where a command writes: stdout for results and logs, stderr for problems. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

export const DEFAULT_KEY_FILE = "./plenum-node.key";
export const DEFAULT_STATE_FILE = "./plenum-node.json";
