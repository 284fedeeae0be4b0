import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { superviseChild } from "./supervise-child";

/** Restarts after 1 ms, then 2 ms: the back-off itself runs on a fake clock in supervise-child.test.ts. */
const quickPolicy = { firstDelayMs: 1, maxDelayMs: 2, healthyAfterMs: 60_000 };

describe("superviseChild with real processes", () => {
  it("restarts a node process that exits on its own, and stop() ends a running one with SIGTERM", async () => {
    const spawned: ChildProcess[] = [];
    const errors: string[] = [];
    let onThird: (child: ChildProcess) => void = () => {};
    const third = new Promise<ChildProcess>((resolve) => (onThird = resolve));
    const supervised = superviseChild({
      name: "crashy",
      policy: quickPolicy,
      log: { info: () => {}, error: (message) => errors.push(message) },
      spawn: () => {
        const script = spawned.length < 2 ? "process.exit(3)" : "setInterval(() => {}, 1000)";
        const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
        spawned.push(child);
        if (spawned.length === 3) onThird(child);
        return child;
      },
    });
    const running = await third;
    if (running.pid === undefined) await once(running, "spawn");
    expect(errors).toEqual([
      expect.stringMatching(/^crashy exited with code 3 after [\d.]+ s; restarting it in 0\.0 s$/),
      expect.stringMatching(
        /^crashy exited with code 3 after [\d.]+ s; restarting it in 0\.0 s — it keeps failing/,
      ),
    ]);
    await supervised.stop();
    expect(running.signalCode).toBe("SIGTERM");
    expect(spawned).toHaveLength(3);
    expect(errors).toHaveLength(2);
  });
});
