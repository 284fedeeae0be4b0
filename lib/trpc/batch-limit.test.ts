import { describe, expect, it } from "vitest";
import { batchedCallCount } from "./batch-limit";

const count = (url: string) => batchedCallCount(new URL(url), "/api/trpc");

describe("batchedCallCount", () => {
  it.each([
    ["http://x/api/trpc/stats.headline", 1],
    ["http://x/api/trpc/stats.headline?batch=1", 1],
    ["http://x/api/trpc/stats.headline,stats.dashboard?batch=1&input=%7B%7D", 2],
    ["http://x/api/trpc/a%2Cb%2Cc?batch=1", 3],
    ["http://x/api/trpc/a,b,c/?batch=1", 3],
    // Not a batch: tRPC looks the whole path up as one procedure (and finds none).
    ["http://x/api/trpc/a,b,c", 1],
    ["http://x/api/trpc/a%E0%A4%A,b?batch=1", 1],
  ])("counts %s as %i", (url, calls) => {
    expect(count(url)).toBe(calls);
  });
});
