import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { permutationOf } from "@/lib/domain/voting/testing/voting-arbitraries";
import {
  EXCLUSIVE_PEER_PERCENT,
  findExclusivePairs,
  mainPeers,
  type ExclusivePair,
  type PeerExchange,
} from "./exclusive-pairs";

const GB = 1_000_000_000n;
const x = (nodeId: string, peerNodeId: string, gb: bigint): PeerExchange => ({
  nodeId,
  peerNodeId,
  bytes: gb * GB,
});
const pairIds = (pairs: ExclusivePair[]) => pairs.map((pair) => `${pair.a.nodeId}+${pair.b.nodeId}`);

describe("findExclusivePairs", () => {
  it.each<[string, PeerExchange[], string[]]>([
    ["two nodes that report only each other", [x("a", "b", 5n), x("b", "a", 5n)], ["a+b"]],
    ["the pair's node ids in order, whichever reports first", [x("b", "a", 5n), x("a", "b", 5n)], ["a+b"]],
    [
      "exactly 95 % with the other on one side",
      [x("a", "b", 95n), x("a", "c", 5n), x("b", "a", 10n)],
      ["a+b"],
    ],
    ["just under 95 % on one side", [x("a", "b", 94n), x("a", "c", 6n), x("b", "a", 10n)], []],
    [
      "a node that also trades with others is no partner",
      [x("a", "b", 10n), x("b", "a", 10n), x("b", "c", 10n), x("c", "b", 10n)],
      [],
    ],
    ["only one side reports the other", [x("a", "b", 10n)], []],
    ["each mostly trades with someone else", [x("a", "b", 10n), x("b", "c", 10n), x("c", "a", 10n)], []],
    ["nothing exchanged", [x("a", "b", 0n), x("b", "a", 0n)], []],
    [
      "days add up: a second peer on another day counts against the share",
      [x("a", "b", 5n), x("a", "b", 5n), x("a", "c", 1n), x("b", "a", 10n)],
      [],
    ],
    ["a node reporting itself is ignored", [x("a", "a", 50n), x("a", "b", 1n), x("b", "a", 1n)], ["a+b"]],
    [
      "most bytes exchanged first",
      [x("c", "d", 1n), x("d", "c", 1n), x("a", "b", 7n), x("b", "a", 7n)],
      ["a+b", "c+d"],
    ],
  ])("%s", (_case, exchanges, expected) => {
    expect(pairIds(findExclusivePairs(exchanges))).toEqual(expected);
  });

  it("keeps what each node reported with the other and in all", () => {
    const [pair] = findExclusivePairs([x("a", "b", 96n), x("a", "c", 4n), x("b", "a", 30n)]);
    expect(pair).toEqual({
      a: { nodeId: "a", peerNodeId: "b", bytes: 96n * GB, totalBytes: 100n * GB },
      b: { nodeId: "b", peerNodeId: "a", bytes: 30n * GB, totalBytes: 30n * GB },
    });
  });
});

const exchangeArbitrary = fc.record({
  nodeId: fc.constantFrom("a", "b", "c", "d", "e"),
  peerNodeId: fc.constantFrom("a", "b", "c", "d", "e"),
  bytes: fc.bigInt({ min: 0n, max: 10n ** 15n }),
});

describe("findExclusivePairs properties", () => {
  it("does not depend on the order of the reports", () => {
    fc.assert(
      fc.property(
        fc
          .array(exchangeArbitrary, { maxLength: 30 })
          .chain((list) => fc.tuple(fc.constant(list), permutationOf(list))),
        ([list, shuffled]) => {
          expect(findExclusivePairs(shuffled)).toEqual(findExclusivePairs(list));
        },
      ),
    );
  });

  it("puts a node in one pair at most, and only when both sides pass the rule", () => {
    fc.assert(
      fc.property(fc.array(exchangeArbitrary, { maxLength: 30 }), (list) => {
        const pairs = findExclusivePairs(list);
        const nodes = pairs.flatMap((pair) => [pair.a.nodeId, pair.b.nodeId]);
        expect(new Set(nodes).size).toBe(nodes.length);
        const mains = new Map(mainPeers(list).map((main) => [main.nodeId, main]));
        for (const { a, b } of pairs) {
          for (const [side, other] of [
            [a, b],
            [b, a],
          ] as const) {
            expect(side.peerNodeId).toBe(other.nodeId);
            expect(side.bytes * 100n).toBeGreaterThanOrEqual(side.totalBytes * EXCLUSIVE_PEER_PERCENT);
            expect(mains.get(side.nodeId)).toEqual(side);
          }
        }
      }),
    );
  });
});
