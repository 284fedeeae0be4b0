import { createKeyFile } from "../key-file";
import { resolveFromCaller } from "../paths";
import { DEFAULT_KEY_FILE, type CommandIo } from "./io";

export function keygenCommand(values: { key?: string; force?: boolean }, io: CommandIo): number {
  const path = resolveFromCaller(values.key ?? DEFAULT_KEY_FILE);
  const { publicKey } = createKeyFile(path, { isOverwrite: values.force === true });
  io.out(`Wrote a new Ed25519 key to ${path} (mode 0600; keep it safe, it is this node's identity).`);
  io.out(`Public key: ${publicKey}`);
  io.out("Next: create an enrolment token at <platform>/tokens, then see `npm run agent -- enrol --help`.");
  return 0;
}
