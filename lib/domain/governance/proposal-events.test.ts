import { describe, expect, it } from "vitest";
import { describeProposalEvent, proposalSubject } from "@/lib/domain/governance/proposal-events";

describe("describeProposalEvent", () => {
  it.each([
    ["proposal.created", { authorId: "a1" }, "Draft started", "a1"],
    ["proposal.published", { authorId: "a1" }, "Published for discussion", "a1"],
    ["proposal.queued", {}, "Discussion time over: queued for the next voting round", null],
    [
      "proposal.queued",
      { discussionCutShort: true },
      "Discussion cut short by an admin: queued for the voting round opening now",
      null,
    ],
    ["proposal.voting", { roundNumber: 3 }, "Put to the vote in voting round 3", null],
    [
      "proposal.decided",
      { outcome: "passed", reason: "Net votes 12 (14 for, 2 against) with 40 % turnout." },
      "Passed: Net votes 12 (14 for, 2 against) with 40 % turnout.",
      null,
    ],
    ["proposal.decided", { outcome: "superseded" }, "Superseded", null],
    ["proposal.withdrawn", { authorId: "a1" }, "Withdrawn by the author", "a1"],
    [
      "proposal.cancelled",
      { stewardId: "s1", reason: "Spam link" },
      "Cancelled by a steward: Spam link",
      "s1",
    ],
    ["proposal.cancelled", { stewardId: "s1" }, "Cancelled by a steward", "s1"],
    [
      "proposal.base-confirmed",
      { authorId: "a1", baseVersion: 4 },
      "The author confirmed the changes against the current values (config version 4)",
      "a1",
    ],
    [
      "proposal.forecast-frozen",
      { sha256: "ab".repeat(32), forecastStatus: "forecast" },
      "Forecast frozen at ratification (SHA-256 abababababab…, in the audit chain)",
      null,
    ],
    [
      "proposal.forecast-frozen",
      { sha256: "cd".repeat(32), forecastStatus: "no-history" },
      "Recorded at ratification that the model had no forecast to make (SHA-256 cdcdcdcdcdcd…, in the audit chain)",
      null,
    ],
    ["round.opened", { actorId: 7 }, "Recorded: round.opened", null],
  ] as const)("%s %o reads %s", (type, data, label, actorId) => {
    expect(describeProposalEvent(type, data)).toEqual({ label, actorId });
  });

  it("uses proposal:<id> as the subject", () => {
    expect(proposalSubject("p1")).toBe("proposal:p1");
  });
});
