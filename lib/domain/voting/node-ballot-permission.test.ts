import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isNodeMayNotVoteMessage,
  MAY_VOTE_SWITCH_LABEL,
  NODE_MAY_NOT_VOTE,
  nodeBallotRefusal,
  nodeMayNotVoteMessage,
  nodePageUrl,
  nodeReplacedWebBallot,
} from "./node-ballot-permission";

const nodeIds = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const publicUrls = fc.constantFrom(
  "http://localhost:3000",
  "https://plenum.example.org",
  "https://plenum.example.org/",
  "http://[::1]:8080",
);

describe("nodePageUrl", () => {
  it.each([
    ["http://localhost:3000", "node_1", "http://localhost:3000/nodes/node_1"],
    ["https://plenum.example.org/", "abc-DEF", "https://plenum.example.org/nodes/abc-DEF"],
  ])("%s and %s make %s", (publicUrl, nodeId, url) => {
    expect(nodePageUrl(publicUrl, nodeId)).toBe(url);
  });
});

describe("nodeBallotRefusal", () => {
  it("lets a node its operator allowed cast the ballot", () => {
    fc.assert(
      fc.property(nodeIds, publicUrls, (nodeId, publicUrl) => {
        expect(nodeBallotRefusal({ nodeId, mayVote: true }, { publicUrl })).toBeNull();
      }),
    );
  });

  it("refuses every other node with 403, naming the node's page and the switch to tick", () => {
    fc.assert(
      fc.property(nodeIds, publicUrls, (nodeId, publicUrl) => {
        const refusal = nodeBallotRefusal({ nodeId, mayVote: false }, { publicUrl });
        expect(refusal?.code).toBe("FORBIDDEN");
        expect(refusal?.message).toBe(nodeMayNotVoteMessage({ publicUrl, nodeId }));
        expect(refusal?.message.startsWith(NODE_MAY_NOT_VOTE)).toBe(true);
        expect(refusal?.message).toContain(`${nodePageUrl(publicUrl, nodeId)} `);
        expect(refusal?.message).toContain(`"${MAY_VOTE_SWITCH_LABEL}"`);
        expect(isNodeMayNotVoteMessage(refusal!.message)).toBe(true);
      }),
    );
  });

  it("is told apart from the other 403 a ballot can get", () => {
    expect(
      isNodeMayNotVoteMessage(
        "You have no vote in round 3: none of your nodes was eligible when it opened (…).",
      ),
    ).toBe(false);
  });
});

describe("nodeReplacedWebBallot", () => {
  it.each<[string, string | null, boolean]>([
    ["node", "web", true],
    ["node", "node", false],
    ["node", null, false],
    ["web", "node", false],
    ["web", "web", false],
    ["web", null, false],
  ])("a %s ballot that replaced %s: %s", (counted, replaced, warns) => {
    expect(nodeReplacedWebBallot({ source: counted }, replaced === null ? null : { source: replaced })).toBe(
      warns,
    );
  });
});
