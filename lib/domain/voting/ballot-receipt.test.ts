import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotReceiptInput, type BallotReceiptFields } from "@/lib/domain/voting/ballot-receipt";
import { normaliseAllocations } from "@/lib/domain/voting/ballot";
import { allocationsOver, propertyRuns, proposalIds } from "@/lib/domain/voting/testing/voting-arbitraries";

const fields: BallotReceiptFields = {
  roundId: "round1",
  operatorId: "op1",
  submittedAt: "2026-03-10T12:00:00.000Z",
  allocations: [
    { proposalId: "pA", votes: -3 },
    { proposalId: "pB", votes: 2 },
  ],
};

describe("ballotReceiptInput", () => {
  it("is the previous receipt, a newline and the canonical JSON of the ballot (keys sorted, no spaces)", () => {
    expect(ballotReceiptInput("", fields)).toBe(
      '\n{"allocations":[{"proposalId":"pA","votes":-3},{"proposalId":"pB","votes":2}],"operatorId":"op1","roundId":"round1","submittedAt":"2026-03-10T12:00:00.000Z"}',
    );
    expect(ballotReceiptInput("ab".repeat(32), { ...fields, allocations: [] })).toBe(
      `${"ab".repeat(32)}\n{"allocations":[],"operatorId":"op1","roundId":"round1","submittedAt":"2026-03-10T12:00:00.000Z"}`,
    );
  });

  it("does not depend on the order the fields or allocation keys were written in", () => {
    const reordered = {
      submittedAt: fields.submittedAt,
      allocations: fields.allocations.map(({ proposalId, votes }) => ({ votes, proposalId })),
      operatorId: fields.operatorId,
      roundId: fields.roundId,
    };
    expect(ballotReceiptInput("x", reordered)).toBe(ballotReceiptInput("x", fields));
  });

  it.each([
    ["the previous receipt", "y", fields],
    ["the round", "x", { ...fields, roundId: "round2" }],
    ["the operator", "x", { ...fields, operatorId: "op2" }],
    ["the time", "x", { ...fields, submittedAt: "2026-03-10T12:00:00.001Z" }],
    [
      "a vote",
      "x",
      {
        ...fields,
        allocations: [
          { proposalId: "pA", votes: -2 },
          { proposalId: "pB", votes: 2 },
        ],
      },
    ],
    ["the allocation order", "x", { ...fields, allocations: [...fields.allocations].reverse() }],
  ])("changes when %s changes", (_name, prev, changed) => {
    expect(ballotReceiptInput(prev, changed)).not.toBe(ballotReceiptInput("x", fields));
  });

  it("holds every field exactly, so the ballot can be read back from the text a receipt covers", () => {
    const ballot = proposalIds.chain((ids) =>
      fc.record({
        prev: fc.oneof(
          fc.constant(""),
          fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }),
        ),
        roundId: fc.string({ unit: fc.constantFrom(..."Az09_-"), minLength: 1, maxLength: 24 }),
        operatorId: fc.string({ maxLength: 24 }),
        submittedAt: fc
          .date({
            min: new Date("2000-01-01T00:00:00.000Z"),
            max: new Date("2100-01-01T00:00:00.000Z"),
            noInvalidDate: true,
          })
          .map((date) => date.toISOString()),
        allocations: allocationsOver(ids, 1_000_000).map(normaliseAllocations),
      }),
    );
    fc.assert(
      fc.property(ballot, ({ prev, ...ballotFields }) => {
        const text = ballotReceiptInput(prev, ballotFields);
        expect(text.startsWith(`${prev}\n`)).toBe(true);
        expect(JSON.parse(text.slice(prev.length + 1))).toEqual(ballotFields);
        expect(text.slice(prev.length + 1)).not.toContain("\n");
      }),
      propertyRuns("receipt input round-trips"),
    );
  });
});
