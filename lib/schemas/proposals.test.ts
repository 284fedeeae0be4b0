import { describe, expect, it } from "vitest";
import {
  cancelProposalInputSchema,
  previewProposalInputSchema,
  proposalDraftInputSchema,
  proposalListInputSchema,
} from "./proposals";

const valid = {
  title: "  Pay more for serving data  ",
  summary: "Nodes that serve data to others earn 20 % more per gigabyte.",
  rationale: "Serving data keeps the network useful.\n\n- it should pay better than idling",
  changes: [{ key: "reward.perGbUploaded", toValue: 1.2 }],
};

function issues(input: unknown) {
  const result = proposalDraftInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("proposalDraftInputSchema", () => {
  it("trims text and keeps the changes", () => {
    expect(proposalDraftInputSchema.parse(valid)).toEqual({ ...valid, title: "Pay more for serving data" });
  });

  it.each([
    [{ title: "Hi" }, "title", "Title needs at least 5 characters"],
    [{ title: "x".repeat(121) }, "title", "Title is at most 120 characters"],
    [{ title: "Two\nlines" }, "title", "Title must be one line of plain text"],
    [{ summary: "Too short" }, "summary", "Summary needs at least 20 characters"],
    [{ summary: "x".repeat(501) }, "summary", "Summary is at most 500 characters"],
    [{ summary: "Plain text with a bell \u0007 in it" }, "summary", "Summary must be plain text"],
    [{ rationale: "" }, "rationale", "Rationale needs at least 20 characters"],
    [{ rationale: "x".repeat(20_001) }, "rationale", "Rationale is at most 20,000 characters"],
    [{ changes: [] }, "changes", "Choose at least one parameter to change"],
    [
      { changes: [{ key: "reward.nope", toValue: 1 }] },
      "changes.0.key",
      '"reward.nope" is not a known parameter',
    ],
    [
      {
        changes: [
          { key: "gov.quorum", toValue: 0.3 },
          { key: "gov.quorum", toValue: 0.4 },
        ],
      },
      "changes.1.key",
      "Quorum is already in this proposal",
    ],
    [{ changes: [{ key: "gov.quorum", toValue: 2 }] }, "changes.0.toValue", "Quorum must be at most 100 %"],
    [
      { changes: [{ key: "freeRider.graceDays", toValue: 1.5 }] },
      "changes.0.toValue",
      "Grace period for new nodes must be a whole number",
    ],
    [
      { changes: [{ key: "gov.quorum", toValue: Number.NaN }] },
      "changes.0.toValue",
      "The new value must be a number",
    ],
  ])("refuses %o at %s", (override, path, message) => {
    const found = issues({ ...valid, ...override });
    expect(found).toContainEqual([path, expect.stringContaining(message)]);
  });

  it("refuses more than 10 changes", () => {
    const changes = Array.from({ length: 11 }, () => ({ key: "gov.quorum", toValue: 0.3 }));
    expect(issues({ ...valid, changes })).toContainEqual([
      "changes",
      expect.stringContaining("at most 10 parameters"),
    ]);
  });
});

describe("other proposal inputs", () => {
  it("cancel needs a reason of 10 to 500 characters", () => {
    expect(cancelProposalInputSchema.safeParse({ proposalId: "p1", reason: "spam" }).success).toBe(false);
    expect(
      cancelProposalInputSchema.parse({ proposalId: "p1", reason: "  Advertising only.  " }).reason,
    ).toBe("Advertising only.");
  });

  it("preview accepts out-of-range values and unknown keys so it can report them", () => {
    expect(
      previewProposalInputSchema.safeParse({ changes: [{ key: "anything", toValue: 1e9 }] }).success,
    ).toBe(true);
  });

  it("list fills in defaults and checks the page size", () => {
    expect(proposalListInputSchema.parse({ query: "  " })).toEqual({ sort: "newest", page: 1, pageSize: 20 });
    expect(proposalListInputSchema.safeParse({ pageSize: 5 }).success).toBe(false);
    expect(proposalListInputSchema.safeParse({ state: "open", category: "gov" }).success).toBe(true);
    expect(proposalListInputSchema.safeParse({ state: "Pending" }).success).toBe(false);
  });
});
