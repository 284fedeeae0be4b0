import { readFileSync, renameSync } from "node:fs";
import { z } from "zod";
import { writeSecretFile } from "./key-file";
import { isSourceAddress } from "./protocol/source-address";

/** What `enrol` learns and `run` needs. Holds the webhook secret: mode 0600, never printed. */
export const nodeStateSchema = z.object({
  nodeId: z.string().min(1),
  server: z.url(),
  networkId: z.string().min(1),
  platformPublicKey: z.string().min(1),
  keyId: z.string().min(1),
  webhookSecret: z.string().startsWith("whsec_"),
  name: z.string(),
  endpointUrl: z.string(),
  enrolledAt: z.string(),
  /** The local address the node's requests leave from (`--source-address`); absent: the OS chooses. */
  sourceAddress: z.string().refine(isSourceAddress, "must be an IP address").optional(),
});

export type NodeState = z.infer<typeof nodeStateSchema>;

export class StateFileError extends Error {
  override name = "StateFileError";
}

export function writeStateFile(path: string, state: NodeState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeSecretFile(temporary, JSON.stringify(state, null, 2) + "\n", { isOverwrite: true });
  renameSync(temporary, path);
}

export function readStateFile(path: string): NodeState {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new StateFileError(`no node state at ${path}; enrol the node first (\`enrol --help\`)`);
    }
    throw new StateFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileError(`${path} is not JSON; enrol again to recreate it`);
  }
  const result = nodeStateSchema.safeParse(parsed);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
    throw new StateFileError(
      `${path} is not a node state file (bad fields: ${fields}); enrol again to recreate it`,
    );
  }
  return result.data;
}
