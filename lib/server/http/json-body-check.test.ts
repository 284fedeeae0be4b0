import { describe, expect, it } from "vitest";
import { exceedsJsonDepth, isValidUtf8, jsonBodyRefusal } from "./json-body-check";

const bytes = (text: string) => new TextEncoder().encode(text);
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("exceedsJsonDepth", () => {
  it.each([
    ["", 0, false],
    ["42", 0, false],
    ["{}", 0, true],
    ["{}", 1, false],
    [nested(64), 64, false],
    [nested(65), 64, true],
    ['{"a":[{"b":[1,2]}],"c":{}}', 4, false],
    ['{"a":[{"b":[1,2]}],"c":{}}', 3, true],
    [`"${nested(100)}"`, 1, false],
    [`{"a":"${nested(100)}"}`, 1, false],
    [`{"a":"\\"${nested(100)}"}`, 1, false],
    [`{"a":"\\\\"${nested(3)}}`, 1, true],
    [`{"a":"€ ${"[".repeat(10)}"}`, 1, false],
    ["]]]]]]" + nested(3), 2, true],
    [`[${"[],".repeat(1000)}[]]`, 2, false],
  ])("%s with at most %i levels → %s", (json, maxDepth, expected) => {
    expect(exceedsJsonDepth(bytes(json), maxDepth)).toBe(expected);
  });

  it("stops at the first level too deep", () => {
    expect(exceedsJsonDepth(bytes("[".repeat(1_000_000)), 64)).toBe(true);
  });
});

describe("isValidUtf8", () => {
  it.each([
    [[0x7b, 0x7d], true],
    [[...bytes("é€😀")], true],
    [[0xc3, 0x28], false],
    [[0xff], false],
    [[0xe2, 0x82], false],
    [[0xc0, 0xaf], false],
    [[0xed, 0xa0, 0x80], false],
  ])("%j → %s", (input, expected) => {
    expect(isValidUtf8(Uint8Array.from(input))).toBe(expected);
  });
});

describe("jsonBodyRefusal", () => {
  it("lets ordinary JSON through", () => {
    expect(
      jsonBodyRefusal(bytes('{"0":{"json":{"title":"Raise the budget"}}}'), { maxDepth: 64 }),
    ).toBeNull();
  });

  it("refuses invalid UTF-8 first, then nesting past the limit, saying what to send", () => {
    expect(jsonBodyRefusal(Uint8Array.from([0x5b, 0xff, 0x5d]), { maxDepth: 64 })).toBe(
      "The request body is not valid UTF-8. Send UTF-8 encoded JSON.",
    );
    expect(jsonBodyRefusal(bytes(nested(65)), { maxDepth: 64 })).toBe(
      "The request body nests arrays and objects more than 64 levels deep, the most accepted. Send flatter JSON.",
    );
  });
});
