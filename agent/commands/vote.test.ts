import { describe, expect, it } from "vitest";
import { nodeMayNotVoteMessage } from "../../lib/domain/voting/node-ballot-permission";
import { parseCommandLine, UsageError } from "../cli-args";
import { PlatformError, PlatformUnreachableError } from "../protocol/platform-client";
import { describeVoteError, parseAllocations } from "./vote";

describe("agent vote: command line", () => {
  it("takes repeated --proposal/--votes pairs, negative votes written with a space or =", () => {
    const parsed = parseCommandLine([
      "vote",
      "--proposal",
      "a",
      "--votes",
      "3",
      "--proposal",
      "b",
      "--votes",
      "-2",
      "--proposal",
      "c",
      "--votes=-10",
    ]);
    expect(parsed).toEqual({
      kind: "command",
      command: "vote",
      values: { proposal: ["a", "b", "c"], votes: ["3", "-2", "-10"] },
    });
  });

  it("pairs each proposal with the votes at the same position", () => {
    expect(parseAllocations(["a", "b", "c"], ["3", "-2", "0"])).toEqual([
      { proposalId: "a", votes: 3 },
      { proposalId: "b", votes: -2 },
      { proposalId: "c", votes: 0 },
    ]);
  });

  it.each([
    [["vote", "--proposal", "a"], /missing --votes/],
    [["vote", "--votes", "1"], /missing --proposal/],
    [["vote", "--proposal", "a", "--votes", "1", "--colour", "x"], /Unknown option '--colour'/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it.each([
    [["a", "b"], ["1"], /one --votes for each --proposal \(got 2 --proposal and 1 --votes\)/],
    [["a"], ["1.5"], /--votes must be a whole number such as 3 or -2, got "1.5" for a/],
    [["a"], ["three"], /got "three"/],
    [["a"], ["99999999999999999999"], /whole number/],
    [["a", "a"], ["1", "2"], /--proposal a is given twice/],
  ])("refuses proposals %j with votes %j", (proposals, votes, message) => {
    expect(() => parseAllocations(proposals, votes)).toThrow(UsageError);
    expect(() => parseAllocations(proposals, votes)).toThrow(message);
  });
});

describe("agent vote: what a failure says", () => {
  const server = "https://plenum.test";
  it.each([
    [
      new PlatformError(422, "UNPROCESSABLE", "costs 121, budget 100", null),
      "the platform refused the ballot: costs 121, budget 100",
    ],
    [new PlatformError(401, "UNAUTHENTICATED", "bad signature", null), `${server}/tokens`],
    [
      new PlatformError(403, "FORBIDDEN", "no eligible node", null),
      "cannot vote in the round: no eligible node",
    ],
    [
      new PlatformError(
        403,
        "FORBIDDEN",
        nodeMayNotVoteMessage({ publicUrl: server, nodeId: "node_1" }),
        null,
      ),
      `This node may not cast ballots for its operator. Its operator can allow it on the node's page: ${server}/nodes/node_1 `,
    ],
    [new PlatformError(409, "CONFLICT", "replay", null), "run the command again"],
    [new PlatformError(429, "RATE_LIMITED", "slow down", 120), "try again in 120 s"],
    [new PlatformError(404, "NOT_FOUND", "No voting round is open.", null), "No voting round is open."],
    [new PlatformUnreachableError("cannot reach https://plenum.test (ECONNREFUSED)"), "ECONNREFUSED"],
  ])("%s", (error, text) => {
    expect(describeVoteError(error, server)).toContain(text);
  });

  it("prints the refusal of a node its operator has not allowed to vote as the platform wrote it, link and all", () => {
    const message = nodeMayNotVoteMessage({ publicUrl: server, nodeId: "node_1" });
    expect(describeVoteError(new PlatformError(403, "FORBIDDEN", message, null), server)).toBe(message);
  });
});
