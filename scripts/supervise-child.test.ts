import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { superviseChild, type ChildLike, type Timers } from "./supervise-child";

/** A child process that exits when the test says so and records the signals it was sent. */
class FakeChild extends EventEmitter implements ChildLike {
  readonly signals: NodeJS.Signals[] = [];
  constructor(readonly pid: number | undefined) {
    super();
  }
  kill(signal: NodeJS.Signals): boolean {
    this.signals.push(signal);
    return true;
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.emit("exit", code, signal);
  }
}

/** A clock that moves only when the test advances it; due timers fire in order. */
class FakeTimers implements Timers {
  private time = 0;
  private timers: { at: number; callback: () => void; isCancelled: boolean }[] = [];
  now = () => this.time;
  schedule = (callback: () => void, delayMs: number) => {
    const timer = { at: this.time + delayMs, callback, isCancelled: false };
    this.timers.push(timer);
    return () => {
      timer.isCancelled = true;
    };
  };
  /** Delays of the timers still waiting, from now. */
  pending(): number[] {
    return this.timers.filter((timer) => !timer.isCancelled).map((timer) => timer.at - this.time);
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((timer) => !timer.isCancelled && timer.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      due.isCancelled = true;
      due.callback();
    }
    this.time = until;
  }
}

function setUp({ spawnThrows = false }: { spawnThrows?: boolean } = {}) {
  const timers = new FakeTimers();
  const children: FakeChild[] = [];
  const lines: { level: "info" | "error"; message: string; fields?: Record<string, unknown> }[] = [];
  const log = {
    info: (message: string, fields?: Record<string, unknown>) =>
      lines.push({ level: "info", message, fields }),
    error: (message: string, fields?: Record<string, unknown>) =>
      lines.push({ level: "error", message, fields }),
  };
  const spawn = () => {
    if (spawnThrows) throw new Error("spawn EAGAIN");
    const child = new FakeChild(1000 + children.length);
    children.push(child);
    return child;
  };
  const supervised = superviseChild({ name: "web", spawn, log, timers });
  const errors = () => lines.filter((line) => line.level === "error");
  return { timers, children, lines, errors, supervised, latest: () => children.at(-1)! };
}

describe("superviseChild", () => {
  it("starts the child at once and restarts it 1 s after it crashes, naming it, its exit code and the wait", () => {
    const { timers, children, errors, latest } = setUp();
    expect(children).toHaveLength(1);
    timers.advance(120_000);
    latest().exit(1);
    expect(errors()).toEqual([
      {
        level: "error",
        message: "web exited with code 1 after 120 s; restarting it in 1.0 s",
        fields: expect.objectContaining({ child: "web", code: 1, signal: null, restartInMs: 1_000 }),
      },
    ]);
    timers.advance(999);
    expect(children).toHaveLength(1);
    timers.advance(1);
    expect(children).toHaveLength(2);
  });

  it("names the signal that killed the child", () => {
    const { timers, errors, latest } = setUp();
    timers.advance(90_000);
    latest().exit(null, "SIGKILL");
    expect(errors()[0]!.message).toBe("web was killed by SIGKILL after 90 s; restarting it in 1.0 s");
    expect(errors()[0]!.fields).toMatchObject({ code: null, signal: "SIGKILL" });
  });

  it("also restarts a child that exited with code 0: nobody asked it to stop", () => {
    const { timers, children, latest } = setUp();
    latest().exit(0);
    timers.advance(1_000);
    expect(children).toHaveLength(2);
  });

  it("keeps restarting a child that crashes right at start-up, doubling the wait up to 60 s, and says so", () => {
    const { timers, children, errors, latest } = setUp();
    const waits: number[] = [];
    for (let crash = 0; crash < 10; crash += 1) {
      timers.advance(300);
      latest().exit(1);
      const [wait] = timers.pending();
      waits.push(wait!);
      timers.advance(wait!);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
    expect(children).toHaveLength(11);
    expect(errors()[0]!.message).not.toContain("keeps failing");
    expect(errors()[3]!.message).toBe(
      "web exited with code 1 after 0.3 s; restarting it in 8.0 s — it keeps failing right after it starts " +
        "(4 times in a row, each within 60 s); still restarting, waiting up to 60 s between tries: read its log above",
    );
    expect(errors()[9]!.fields).toMatchObject({ consecutiveFailures: 10, restartInMs: 60_000 });
  });

  it("starts again from 1 s after a run that stayed up 60 s", () => {
    const { timers, latest } = setUp();
    for (let crash = 0; crash < 4; crash += 1) {
      latest().exit(1);
      timers.advance(timers.pending()[0]!);
    }
    expect(timers.pending()).toEqual([]);
    timers.advance(59_999);
    latest().exit(1);
    expect(timers.pending()).toEqual([16_000]);
    timers.advance(16_000);
    timers.advance(60_000);
    latest().exit(1);
    expect(timers.pending()).toEqual([1_000]);
  });

  it("stop() sends SIGTERM once, resolves when the child has exited and restarts nothing", async () => {
    const { timers, children, errors, supervised, latest } = setUp();
    let isStopped = false;
    const stopping = supervised.stop().then(() => {
      isStopped = true;
    });
    expect(supervised.stop()).toBe(supervised.stop());
    expect(latest().signals).toEqual(["SIGTERM"]);
    await Promise.resolve();
    expect(isStopped).toBe(false);
    latest().exit(null, "SIGTERM");
    await stopping;
    timers.advance(3_600_000);
    expect(children).toHaveLength(1);
    expect(errors()).toEqual([]);
    expect(latest().signals).toEqual(["SIGTERM"]);
  });

  it("stop() sends SIGKILL to a child still running 15 s after SIGTERM", async () => {
    const { timers, supervised, latest } = setUp();
    const stopping = supervised.stop();
    timers.advance(14_999);
    expect(latest().signals).toEqual(["SIGTERM"]);
    timers.advance(1);
    expect(latest().signals).toEqual(["SIGTERM", "SIGKILL"]);
    latest().exit(null, "SIGKILL");
    await stopping;
  });

  it("stop() during the back-off wait cancels the restart and resolves at once", async () => {
    const { timers, children, supervised, latest } = setUp();
    latest().exit(1);
    expect(timers.pending()).toEqual([1_000]);
    await supervised.stop();
    expect(timers.pending()).toEqual([]);
    timers.advance(3_600_000);
    expect(children).toHaveLength(1);
  });

  it("retries with back-off when the child cannot even be spawned", () => {
    const { timers, errors, children } = setUp({ spawnThrows: true });
    expect(children).toHaveLength(0);
    expect(errors()[0]!.message).toBe(
      "web could not be started (spawn EAGAIN) after 0.0 s; restarting it in 1.0 s",
    );
    timers.advance(1_000);
    expect(timers.pending()).toEqual([2_000]);
    expect(errors()).toHaveLength(2);
  });

  it("counts a spawn error (no pid) once, even when an exit follows it", () => {
    const { timers, errors, children } = setUp();
    timers.advance(1_000);
    children[0]!.exit(1);
    timers.advance(1_000);
    const unspawned = children[1]!;
    Object.defineProperty(unspawned, "pid", { value: undefined });
    unspawned.emit("error", new Error("spawn ENOENT"));
    unspawned.exit(-2);
    expect(errors().map((line) => line.message)).toEqual([
      "web exited with code 1 after 1.0 s; restarting it in 1.0 s",
      expect.stringMatching(
        /^web could not be started \(spawn ENOENT\) after 0\.0 s; restarting it in 2\.0 s/,
      ),
    ]);
    expect(timers.pending()).toEqual([2_000]);
  });
});
