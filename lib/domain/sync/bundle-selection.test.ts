import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BUNDLE_VERSIONS, pushWebhookId, selectBundleVersions } from "./bundle-selection";

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe("selectBundleVersions", () => {
  it.each([
    [
      "a fresh node gets every version",
      { acknowledgedVersion: null, latestVersion: 3, activeVersion: 2 },
      [1, 2, 3],
    ],
    [
      "a node one behind gets the newest",
      { acknowledgedVersion: 4, latestVersion: 5, activeVersion: 5 },
      [5],
    ],
    ["a node in sync gets nothing", { acknowledgedVersion: 5, latestVersion: 5, activeVersion: 5 }, []],
    [
      "exactly 16 behind gets all 16",
      { acknowledgedVersion: 4, latestVersion: 20, activeVersion: 20 },
      range(5, 20),
    ],
    [
      "further behind gets the active version and the scheduled ones",
      { acknowledgedVersion: 3, latestVersion: 40, activeVersion: 37 },
      [37, 38, 39, 40],
    ],
    [
      "a fresh node far behind starts at the active version",
      { acknowledgedVersion: null, latestVersion: 30, activeVersion: 30 },
      [30],
    ],
    [
      "more than 16 scheduled versions: the first 16 from the active one",
      { acknowledgedVersion: 1, latestVersion: 60, activeVersion: 2 },
      range(2, 17),
    ],
    [
      "a refused version is not sent again",
      { acknowledgedVersion: 4, latestVersion: 5, activeVersion: 5, nackedVersion: 5 },
      [],
    ],
    [
      "a newer version than the refused one is sent with it",
      { acknowledgedVersion: 4, latestVersion: 6, activeVersion: 5, nackedVersion: 5 },
      [5, 6],
    ],
  ])("%s", (_, input, expected) => {
    expect(selectBundleVersions({ nackedVersion: null, ...input })).toEqual(expected);
  });

  it("is ascending, contiguous, at most 16, above the acknowledged version and ends at the latest when it can", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }).chain((latest) =>
          fc.record({
            latestVersion: fc.constant(latest),
            activeVersion: fc.integer({ min: 1, max: latest }),
            acknowledgedVersion: fc.option(fc.integer({ min: 0, max: latest + 3 })),
            nackedVersion: fc.option(fc.integer({ min: 1, max: latest + 3 })),
          }),
        ),
        (input) => {
          const versions = selectBundleVersions(input);
          expect(versions.length).toBeLessThanOrEqual(MAX_BUNDLE_VERSIONS);
          versions.forEach((version, index) => {
            if (index > 0) expect(version).toBe(versions[index - 1]! + 1);
            expect(version).toBeGreaterThan(input.acknowledgedVersion ?? 0);
            expect(version).toBeLessThanOrEqual(input.latestVersion);
          });
          const acknowledged = input.acknowledgedVersion ?? 0;
          const isRefused = input.nackedVersion !== null && input.latestVersion <= input.nackedVersion;
          if (acknowledged >= input.latestVersion || isRefused) expect(versions).toEqual([]);
          else {
            expect(versions.length).toBeGreaterThan(0);
            if (acknowledged < input.activeVersion) expect(versions).toContain(input.activeVersion);
            if (input.latestVersion - Math.max(acknowledged + 1, input.activeVersion) < MAX_BUNDLE_VERSIONS) {
              expect(versions.at(-1)).toBe(input.latestVersion);
            }
          }
        },
      ),
    );
  });
});

describe("pushWebhookId", () => {
  it("names the node and the highest version of the bundle", () => {
    expect(pushWebhookId("node_1", [3, 4, 5])).toBe("cfg_node_1_5");
  });
});
