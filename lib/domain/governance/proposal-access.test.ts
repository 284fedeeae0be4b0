import { describe, expect, it } from "vitest";
import {
  baseConfirmationRefusal,
  draftEditRefusal,
  isUnpublishedFor,
  proposalPermissions,
  proposalRelation,
} from "@/lib/domain/governance/proposal-access";
import { PROPOSAL_STATE_VALUES } from "@/lib/domain/governance/proposal-lifecycle";

const RELATIONS = {
  author: { isAuthor: true, isModerator: false },
  authorSteward: { isAuthor: true, isModerator: true },
  steward: { isAuthor: false, isModerator: true },
  other: { isAuthor: false, isModerator: false },
} as const;

const PUBLISHED_AT = new Date("2026-11-25T12:00:00.000Z");

describe("proposalRelation", () => {
  it.each([
    ["its author, an operator", { id: "alice", role: "operator" }, RELATIONS.author],
    ["its author, a steward", { id: "alice", role: "steward" }, RELATIONS.authorSteward],
    ["another operator", { id: "bob", role: "operator" }, RELATIONS.other],
    ["a steward", { id: "bob", role: "steward" }, RELATIONS.steward],
    ["an admin", { id: "bob", role: "admin" }, RELATIONS.steward],
  ] as const)("%s", (_name, operator, expected) => {
    expect(proposalRelation(operator, "alice")).toEqual(expected);
  });
});

describe("isUnpublishedFor", () => {
  it.each([
    ["a draft, for its author", null, "alice", false],
    ["a draft, for another operator", null, "bob", true],
    ["a draft, for an anonymous reader", null, null, true],
    ["a published proposal, for another operator", PUBLISHED_AT, "bob", false],
    ["a published proposal, for an anonymous reader", PUBLISHED_AT, null, false],
  ] as const)("%s → %s", (_name, publishedAt, viewerId, expected) => {
    expect(isUnpublishedFor({ publishedAt, authorId: "alice" }, viewerId)).toBe(expected);
  });
});

describe("draftEditRefusal", () => {
  it.each([
    ["Draft", "author", null],
    ["Draft", "authorSteward", null],
    ["Draft", "steward", { kind: "not-allowed", reason: "Only the author can edit a proposal." }],
    ["Discussion", "other", { kind: "not-allowed", reason: "Only the author can edit a proposal." }],
    [
      "Discussion",
      "author",
      {
        kind: "wrong-state",
        reason:
          "Only a draft can be edited; this proposal is in discussion. To propose something different, withdraw it and write a new proposal.",
      },
    ],
    [
      "Withdrawn",
      "author",
      {
        kind: "wrong-state",
        reason:
          "Only a draft can be edited; this proposal is withdrawn. To propose something different, withdraw it and write a new proposal.",
      },
    ],
  ] as const)("%s edited by %s", (state, relation, expected) => {
    expect(draftEditRefusal(state, RELATIONS[relation])).toEqual(expected);
  });
});

describe("baseConfirmationRefusal", () => {
  it.each([
    ["Draft", "author", null],
    ["Discussion", "author", null],
    ["Queued", "authorSteward", null],
    [
      "Discussion",
      "steward",
      { kind: "not-allowed", reason: "Only the author can confirm a proposal's changes." },
    ],
    [
      "Voting",
      "author",
      {
        kind: "wrong-state",
        reason: "This proposal is in a voting round, so its changes can no longer be confirmed.",
      },
    ],
    [
      "Cancelled",
      "author",
      {
        kind: "wrong-state",
        reason: "This proposal is cancelled, so its changes can no longer be confirmed.",
      },
    ],
  ] as const)("%s confirmed by %s", (state, relation, expected) => {
    expect(baseConfirmationRefusal(state, RELATIONS[relation])).toEqual(expected);
  });
});

describe("proposalPermissions", () => {
  it.each([
    [
      "Draft",
      "author",
      false,
      { canEdit: true, canPublish: true, canWithdraw: true, canCancel: false, canConfirmBase: false },
    ],
    [
      "Draft",
      "author",
      true,
      { canEdit: true, canPublish: true, canWithdraw: true, canCancel: false, canConfirmBase: true },
    ],
    [
      "Discussion",
      "author",
      true,
      { canEdit: false, canPublish: false, canWithdraw: true, canCancel: false, canConfirmBase: true },
    ],
    [
      "Discussion",
      "steward",
      true,
      { canEdit: false, canPublish: false, canWithdraw: false, canCancel: true, canConfirmBase: false },
    ],
    [
      "Queued",
      "other",
      false,
      { canEdit: false, canPublish: false, canWithdraw: false, canCancel: false, canConfirmBase: false },
    ],
    [
      "Voting",
      "authorSteward",
      true,
      { canEdit: false, canPublish: false, canWithdraw: false, canCancel: false, canConfirmBase: false },
    ],
    [
      "Withdrawn",
      "author",
      true,
      { canEdit: false, canPublish: false, canWithdraw: false, canCancel: false, canConfirmBase: false },
    ],
  ] as const)("%s viewed by %s (base changed: %s)", (state, actor, needsBase, expected) => {
    expect(proposalPermissions(state, RELATIONS[actor], needsBase)).toEqual(expected);
  });

  it("grants nothing to anonymous viewers", () => {
    for (const state of PROPOSAL_STATE_VALUES) {
      expect(Object.values(proposalPermissions(state, null, true))).not.toContain(true);
    }
  });
});
