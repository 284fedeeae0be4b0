import { type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { type PlatformTrust } from "./config-endpoint/verify-push";
import { type NodeState } from "./state-file";

/** The config a node holds, as `GET <endpointUrl>` reports it (0 and null before any push). */
export interface HeldConfig {
  activeVersion: number;
  stagedVersion: number;
  sha256: string | null;
}

export const NOTHING_HELD: HeldConfig = { activeVersion: 0, stagedVersion: 0, sha256: null };

/** The platform a node pinned at enrolment: configs and pushes must be signed by this key. */
export function pinnedTrust(
  state: Pick<NodeState, "networkId" | "keyId" | "platformPublicKey">,
): PlatformTrust {
  return { networkId: state.networkId, keys: [{ keyId: state.keyId, publicKey: state.platformPublicKey }] };
}

/** The node keeps the configs it holds beside its state file: plenum-node.json → plenum-node.config.json. */
export function configStoreFileFor(stateFile: string): string {
  return stateFile.replace(/(\.json)?$/, ".config.json");
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
