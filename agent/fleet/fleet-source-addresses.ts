import { type FleetSlot } from "../../demo/data/traffic-fleet";
import { type Logger } from "../../lib/server/platform/logger";
import { canBindSourceAddress } from "../protocol/source-address";

/** LargeCorp's fleet nodes all report from this /24, like one data centre. */
export const FLEET_DATA_CENTRE_BLOCK = "127.10.0";
/** Every other operator's fleet nodes report from a /24 of their own from here on, like homes. */
const FIRST_HOME_BLOCK = 16 * 256;
const FIRST_HOST = 10;
const LAST_HOST = 254;

/**
 * Where each fleet node's requests leave from (slot index → address), so the platform sees the fleet's
 * network clusters as it would see real ones: the large operator's nodes (the "cluster" profile) all
 * in 127.10.0.0/24, every other operator's nodes in a /24 of their own (127.16.0.0/24, 127.16.1.0/24,
 * … in the order the operators first appear), one address per node. Linux routes all of 127.0.0.0/8
 * to the loopback interface. The same slots give the same addresses, so a restart keeps them; an
 * operator with more than 245 nodes continues in a further /24.
 */
export function planFleetSourceAddresses(slots: readonly FleetSlot[]): Map<number, string> {
  const largeOperators = new Set(
    slots.filter((slot) => slot.profile === "cluster").map((slot) => slot.operatorEmail),
  );
  let nextHomeBlock = FIRST_HOME_BLOCK;
  const homeBlock = () => {
    const block = nextHomeBlock++;
    return `127.${block >> 8}.${block & 0xff}`;
  };
  const cursors = new Map<string, { block: string; host: number }>();
  const addresses = new Map<number, string>();
  for (const slot of slots) {
    let cursor = cursors.get(slot.operatorEmail);
    if (!cursor || cursor.host > LAST_HOST) {
      const isLarge = largeOperators.has(slot.operatorEmail) && !cursor;
      cursor = { block: isLarge ? FLEET_DATA_CENTRE_BLOCK : homeBlock(), host: FIRST_HOST };
      cursors.set(slot.operatorEmail, cursor);
    }
    addresses.set(slot.index, `${cursor.block}.${cursor.host}`);
    cursor.host += 1;
  }
  return addresses;
}

function isLoopbackServer(server: string): boolean {
  const host = new URL(server).hostname;
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

/**
 * The planned source addresses when they can work: the platform runs on this machine (loopback
 * addresses reach nothing else) and the system lets a socket bind them. Otherwise an empty map (the
 * OS chooses every node's address) and a log line that says why.
 */
export async function usableFleetSourceAddresses(
  server: string,
  slots: readonly FleetSlot[],
  log: Logger,
): Promise<Map<number, string>> {
  if (!isLoopbackServer(server)) {
    log.info("the platform is not on this machine: fleet nodes report from the address the OS chooses", {
      server,
    });
    return new Map();
  }
  const planned = planFleetSourceAddresses(slots);
  const probe = planned.values().next().value;
  if (probe !== undefined && !(await canBindSourceAddress(probe))) {
    log.warn(
      "this system does not route 127.0.0.0/8 to the loopback interface (Linux does): the OS chooses every fleet node's address, so the platform sees the fleet as one network cluster",
      { address: probe },
    );
    return new Map();
  }
  return planned;
}
