import { type IncomingMessage, type ServerResponse } from "node:http";
import { type HeldConfig } from "../endpoint-server";
import { errorBody, json } from "./json-reply";

/** Misbehaviour a simulated node can be told to show, for tests, benchmarks and demos. */
export type NodeFault =
  | { kind: "down"; untilMs: number } // connection reset until that epoch ms (node clock)
  | { kind: "slow"; delayMs: number } // answer after delayMs
  | { kind: "status"; status: 500 | 503 | 429; retryAfterSeconds?: number; times?: number }
  | { kind: "nack"; code: string } // refuse every bundle with 422 NACK
  | { kind: "wrong-hash" } // ACK and GET with a sha256 that is not ours
  | { kind: "claim-version"; version: number } // claim to hold this version (ahead of the platform)
  | { kind: "huge-reply"; bytes: number } // stream a 200 reply of that many bytes
  | { kind: "redirect"; location: string } // 307 to another URL
  | { kind: "gone" }; // 410: the node has left

const HUGE_REPLY_CHUNK_BYTES = 16 * 1024;
const WRONG_SHA256 = "0".repeat(64);

/** Where a node's current fault lives: answering some faults clears or counts them down. */
export interface FaultSlot {
  fault: NodeFault | null;
}

function streamHugeReply(response: ServerResponse, bytes: number) {
  const tail = JSON.stringify({ status: "ACK", activeVersion: 0, stagedVersion: 0, sha256: null });
  // Leading whitespace keeps the reply valid JSON however long it is.
  let remaining = Math.max(0, bytes - tail.length);
  response.writeHead(200, {
    "content-type": "application/json",
    "content-length": String(remaining + tail.length),
  });
  const pump = () => {
    while (remaining > 0 && !response.destroyed) {
      const size = Math.min(HUGE_REPLY_CHUNK_BYTES, remaining);
      remaining -= size;
      if (!response.write(" ".repeat(size))) return void response.once("drain", pump);
    }
    if (!response.destroyed) response.end(tail);
  };
  pump();
}

/** What a node reports holding when its fault makes it lie about it. */
export function heldUnderFault(held: HeldConfig, fault: NodeFault | null): HeldConfig {
  if (fault?.kind === "wrong-hash") return { ...held, sha256: WRONG_SHA256 };
  if (fault?.kind === "claim-version") {
    return {
      activeVersion: fault.version,
      stagedVersion: fault.version,
      sha256: held.sha256 ?? WRONG_SHA256,
    };
  }
  return held;
}

/** Answers a fault that replaces the whole exchange; false when the request goes on. */
export function answerFault(
  slot: FaultSlot,
  now: () => Date,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const fault = slot.fault;
  if (!fault) return false;
  switch (fault.kind) {
    case "down":
      if (now().getTime() >= fault.untilMs) {
        slot.fault = null;
        return false;
      }
      request.socket.resetAndDestroy();
      return true;
    case "gone":
      json(response, 410, errorBody("GONE", "this node has left the network"));
      return true;
    case "redirect":
      response.writeHead(307, { location: fault.location });
      response.end();
      return true;
    case "huge-reply":
      streamHugeReply(response, fault.bytes);
      return true;
    case "status": {
      if (fault.times !== undefined) {
        if (fault.times <= 1) slot.fault = null;
        else slot.fault = { ...fault, times: fault.times - 1 };
      }
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      json(response, fault.status, errorBody("NOT_READY", `simulated ${fault.status}`), headers);
      return true;
    }
    default:
      return false;
  }
}
