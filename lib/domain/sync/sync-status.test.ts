import { describe, expect, it } from "vitest";
import { assessReportedVersion, reportedOnlyStatus } from "./sync-status";

const NOW = new Date("2026-11-25T12:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe("assessReportedVersion", () => {
  it.each([
    ["the active version", 5, ago(60), "in-sync"],
    ["the previous version within 5 min of the activation", 4, ago(4), "pending-activation"],
    ["the previous version 5 min after the activation", 4, ago(5), "behind"],
    ["nothing yet, long after the activation", null, ago(60), "behind"],
    ["a scheduled version activated early by a fast clock", 6, ago(60), "pending-activation"],
    ["a version the platform never issued", 8, ago(60), "ahead"],
  ] as const)("%s → %s", (_, reported, activeSince, expected) => {
    expect(
      assessReportedVersion({
        reportedActiveVersion: reported,
        platformActiveVersion: 5,
        platformActiveSince: activeSince,
        latestVersion: 7,
        now: NOW,
      }),
    ).toBe(expected);
  });
});

describe("reportedOnlyStatus", () => {
  it.each([
    ["in-sync", "Synced"],
    ["pending-activation", "Pending"],
    ["behind", "OutOfSync"],
    ["ahead", "OutOfSync"],
  ] as const)("%s → %s", (assessment, status) => {
    expect(reportedOnlyStatus(assessment)).toBe(status);
  });
});
