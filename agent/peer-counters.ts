import { z } from "zod";
import { MAX_PEER_TRAFFIC_ENTRIES, type PeerTraffic } from "../lib/schemas/node-protocol";

/**
 * The --peer-counters file the node software keeps up to date: cumulative bytes per peer since the node
 * software started, `{ "peers": { "<peerNodeId>": { "bytesUp": n, "bytesDown": n } } }`, where
 * peerNodeId is the peer's Plenum node id and bytesUp what this node sent to it.
 */
const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const counter = z
  .int({ error: "must be a whole number of bytes no larger than 9007199254740991" })
  .min(0, { error: "must not be negative" });
const peerCountersFileSchema = z.object({
  peers: z.record(z.string().regex(NODE_ID_PATTERN), z.object({ bytesUp: counter, bytesDown: counter })),
});

export type PeerCounters = ReadonlyMap<string, { bytesUp: number; bytesDown: number }>;

/** The counters file is missing, not JSON, or not in the documented shape. */
export class PeerCountersError extends Error {
  override name = "PeerCountersError";
}

/** Reads the counters from the file's text, or throws a PeerCountersError naming what is wrong. */
export function parsePeerCounters(text: string): PeerCounters {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PeerCountersError(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = peerCountersFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message =
      issue.code === "invalid_key"
        ? "must be a Plenum node id (A-Z a-z 0-9 _ -, at most 128 characters)"
        : issue.message;
    throw new PeerCountersError(`${issue.path.join(".") || "the file"}: ${message}`);
  }
  return new Map(Object.entries(parsed.data.peers));
}

/**
 * Bytes exchanged with each peer since `previous`: the counter's growth, or its whole value when it went
 * down (the node software restarted and counts from 0 again) or the peer is new. Peers with nothing
 * exchanged are left out.
 */
export function peerCounterDeltas(previous: PeerCounters, current: PeerCounters): PeerTraffic[] {
  const deltas: PeerTraffic[] = [];
  for (const [peerNodeId, now] of current) {
    const before = previous.get(peerNodeId);
    const restarted = !before || now.bytesUp < before.bytesUp || now.bytesDown < before.bytesDown;
    const bytesUp = restarted ? now.bytesUp : now.bytesUp - before.bytesUp;
    const bytesDown = restarted ? now.bytesDown : now.bytesDown - before.bytesDown;
    if (bytesUp > 0 || bytesDown > 0) deltas.push({ peerNodeId, bytesUp, bytesDown });
  }
  return deltas;
}

/**
 * What a report may say of `peerTraffic` (node-protocol.md "Telemetry"): never the node itself, the
 * MAX_PEER_TRAFFIC_ENTRIES largest exchanges (bytesUp + bytesDown; ties by id), each cut to what is left
 * of the report's totals, so the entries never add up to more than bytesUp or bytesDown.
 */
export function fitPeerTraffic(
  entries: readonly PeerTraffic[],
  { nodeId, bytesUp, bytesDown }: { nodeId: string; bytesUp: number; bytesDown: number },
): PeerTraffic[] {
  const left = { bytesUp, bytesDown };
  return entries
    .filter((entry) => entry.peerNodeId !== nodeId)
    .sort(
      (a, b) =>
        b.bytesUp + b.bytesDown - (a.bytesUp + a.bytesDown) ||
        (a.peerNodeId < b.peerNodeId ? -1 : a.peerNodeId > b.peerNodeId ? 1 : 0),
    )
    .slice(0, MAX_PEER_TRAFFIC_ENTRIES)
    .map((entry) => {
      const fitted = {
        peerNodeId: entry.peerNodeId,
        bytesUp: Math.min(entry.bytesUp, left.bytesUp),
        bytesDown: Math.min(entry.bytesDown, left.bytesDown),
      };
      left.bytesUp -= fitted.bytesUp;
      left.bytesDown -= fitted.bytesDown;
      return fitted;
    })
    .filter((entry) => entry.bytesUp > 0 || entry.bytesDown > 0);
}

/** Σ of one field over the entries, no larger than the largest safe integer (a report's byte counts are). */
export function cappedSum(entries: readonly PeerTraffic[], field: "bytesUp" | "bytesDown"): number {
  return Math.min(
    Number.MAX_SAFE_INTEGER,
    entries.reduce((sum, entry) => sum + entry[field], 0),
  );
}
