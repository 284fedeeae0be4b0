import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import { creditedWindow, REPORT_SLACK_SECONDS } from "./credited-uptime";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 25) + seconds * 1000);

describe("creditedWindow", () => {
  it.each([
    [
      "a report on time keeps its window",
      { windowSeconds: 60, uptimeSeconds: 60 },
      60,
      { windowSeconds: 60, uptimeSeconds: 60 },
    ],
    [
      "a report a little early keeps its window (slack)",
      { windowSeconds: 60, uptimeSeconds: 58 },
      57,
      { windowSeconds: 60, uptimeSeconds: 58 },
    ],
    [
      "a day claimed a minute after the last report gets a minute",
      { windowSeconds: 86_400, uptimeSeconds: 86_400 },
      60,
      { windowSeconds: 65, uptimeSeconds: 65 },
    ],
    [
      "downtime inside the window is kept",
      { windowSeconds: 3_600, uptimeSeconds: 1_200 },
      3_600,
      { windowSeconds: 3_600, uptimeSeconds: 1_200 },
    ],
    [
      "a report after a long silence keeps the window it claims",
      { windowSeconds: 3_600, uptimeSeconds: 3_600 },
      7_200,
      { windowSeconds: 3_600, uptimeSeconds: 3_600 },
    ],
    [
      "a clock running backwards credits only the slack",
      { windowSeconds: 60, uptimeSeconds: 60 },
      -30,
      { windowSeconds: REPORT_SLACK_SECONDS, uptimeSeconds: REPORT_SLACK_SECONDS },
    ],
  ])("%s", (_name, report, elapsed, expected) => {
    expect(creditedWindow(report, { previousContactAt: at(0), receivedAt: at(elapsed) })).toEqual(expected);
  });

  it("never credits more uptime than the wall-clock time the reports span, plus slack per report", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 7_200 }),
            windowSeconds: fc.integer({ min: 1, max: 86_400 }),
            uptimeFraction: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 50 },
        ),
        (reports) => {
          let clock = 0;
          let credited = 0;
          for (const { gap, windowSeconds, uptimeFraction } of reports) {
            const previous = clock;
            clock += gap;
            const report = { windowSeconds, uptimeSeconds: Math.floor(windowSeconds * uptimeFraction) };
            const window = creditedWindow(report, { previousContactAt: at(previous), receivedAt: at(clock) });
            expect(window.uptimeSeconds).toBeLessThanOrEqual(report.uptimeSeconds);
            expect(window.uptimeSeconds).toBeLessThanOrEqual(window.windowSeconds);
            credited += window.uptimeSeconds;
          }
          expect(credited).toBeLessThanOrEqual(clock + reports.length * REPORT_SLACK_SECONDS);
        },
      ),
      propertyRuns("credited uptime stays within wall-clock time"),
    );
  });
});
