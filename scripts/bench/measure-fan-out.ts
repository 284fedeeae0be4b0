import { performance } from "node:perf_hooks";

const RSS_SAMPLE_MS = 50;

export interface FanOut {
  ms: number;
  pushes: number;
  acknowledged: number;
  cpuMs: number;
  peakRssMb: number;
  passes?: number;
}

/** Runs `work` while sampling CPU time and peak resident memory of this process. */
export async function measure(
  work: () => Promise<{ pushes: number; acknowledged: number; passes?: number }>,
): Promise<FanOut> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, RSS_SAMPLE_MS);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const counts = await work();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { ms, cpuMs: (used.user + used.system) / 1000, peakRssMb: peakRss / 2 ** 20, ...counts };
  } finally {
    clearInterval(sampler);
  }
}
