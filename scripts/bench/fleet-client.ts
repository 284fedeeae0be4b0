import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { PlatformTrust, SimulatedNodeIdentity } from "../../agent/config-endpoint/loopback-nodes";
import type { FleetName, FleetReply, FleetRequest } from "./loopback-fleet-process";

const REPLY_TIMEOUT_MS = 120_000;

/** Starts the loopback fleet process and talks to it one request at a time. */
export function startFleetProcess() {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "loopback-fleet-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ask = (request: FleetRequest) =>
    new Promise<FleetReply>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fleet process did not answer ${request.type}`)),
        REPLY_TIMEOUT_MS,
      );
      child.once("message", (reply: FleetReply) => {
        clearTimeout(timer);
        if (reply.type === "failed") reject(new Error(`fleet process: ${reply.message}`));
        else resolve(reply);
      });
      child.send(request);
    });
  return {
    async start(options: { trust: PlatformTrust; nodes: SimulatedNodeIdentity[]; hosts: string[] }) {
      const reply = await ask({ type: "start", ...options });
      if (reply.type !== "started") throw new Error(`fleet process answered ${reply.type} to start`);
      return reply.urls;
    },
    async countHolding(fleet: FleetName, version: number) {
      const reply = await ask({ type: "count-holding", fleet, version });
      if (reply.type !== "counted") throw new Error(`fleet process answered ${reply.type} to count-holding`);
      return reply.holding;
    },
    stop() {
      if (child.connected) child.send({ type: "stop" } satisfies FleetRequest);
      setTimeout(() => child.kill(), 5_000).unref();
    },
  };
}
