import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatExactRatio,
  formatLedgerCsvHeader,
  formatLedgerCsvRows,
  LEDGER_CSV_HEADER,
  neutraliseFormula,
  quoteCsvField,
  type LedgerCsvRow,
} from "@/lib/domain/rewards/ledger-csv";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

function wholeCsv(rows: readonly LedgerCsvRow[]): string {
  return formatLedgerCsvHeader() + formatLedgerCsvRows(rows);
}

/** Splits one RFC 4180 record into its fields (test oracle: quoted fields may hold , " CR LF). */
function parseRecord(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (isQuoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') isQuoted = false;
      else field += character;
    } else if (character === '"') isQuoted = true;
    else if (character === ",") {
      fields.push(field);
      field = "";
    } else field += character;
  }
  fields.push(field);
  return fields;
}

const ROW: LedgerCsvRow = {
  day: new Date("2026-11-24T00:00:00.000Z"),
  nodeId: "cnode01",
  nodeName: "relay-eu-1",
  classification: "Contributor",
  uptimeSeconds: 82_080,
  bytesUp: 2_500_000_000n,
  corroboratedBytesUp: 1_000_000_000n,
  paidBytesUp: 1_750_000_000n,
  bytesDown: 1_000_000_001n,
  unscaledMicro: 4_500_000n,
  rewardMicro: 3_750_123n,
  ratingBefore: 0.41,
  rating: 0.4195000000001,
  score: 0.6,
  configVersion: 7,
};

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1", "'+1"],
    ["-relay", "'-relay"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["relay-eu-1", "relay-eu-1"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j → %j", (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });
});

describe("quoteCsvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
  ])("%j → %j", (field, expected) => {
    expect(quoteCsvField(field)).toBe(expected);
  });

  it("reads back as the same text for any field", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab,"\r\n =-') }), (text) => {
        expect(parseRecord(quoteCsvField(text))).toEqual([text]);
      }),
      propertyRuns("csv field quoting round trip"),
    );
  });
});

describe("formatExactRatio", () => {
  it.each([
    [0n, 1_000_000n, "0"],
    [1_500_000n, 1_000_000n, "1.5"],
    [3_750_123n, 1_000_000n, "3.750123"],
    [1n, 1_000_000n, "0.000001"],
    [2_500_000_000n, 1_000_000_000n, "2.5"],
    [12_345_000_000_000_000_001n, 1_000_000n, "12345000000000.000001"],
    [-250_000n, 1_000_000n, "-0.25"],
  ])("%s ÷ %s → %s", (value, unit, expected) => {
    expect(formatExactRatio(value, unit)).toBe(expected);
  });
});

describe("formatLedgerCsvHeader and formatLedgerCsvRows", () => {
  it("has only the header line without rows", () => {
    expect(wholeCsv([])).toBe(`\uFEFF${LEDGER_CSV_HEADER.join(",")}\r\n`);
  });

  it("writes one CRLF line per row with exact credits and GB", () => {
    const lines = wholeCsv([ROW]).split("\r\n");
    expect(lines).toEqual([
      "\uFEFFEpoch day,Node id,Node name,Classification,Uptime %,GB served (claimed),GB confirmed by peers,GB paid for,GB downloaded,Reward before cap (credits),Reward paid (credits),Rating before,Rating after,Score,Config version",
      "2026-11-24,cnode01,relay-eu-1,Contributor,95,2.5,1,1.75,1.000000001,4.5,3.750123,0.41,0.4195,0.6,7",
      "",
    ]);
  });

  it("writes claimed, confirmed and paid bytes exactly, even past 2^53", () => {
    const [, line] = wholeCsv([
      {
        ...ROW,
        bytesUp: 9_223_372_036_854_775_807n,
        corroboratedBytesUp: 1n,
        paidBytesUp: 4_611_686_018_427_387_904n,
      },
    ]).split("\r\n");
    expect(parseRecord(line!).slice(5, 8)).toEqual([
      "9223372036.854775807",
      "0.000000001",
      "4611686018.427387904",
    ]);
  });

  it.each([
    [0, "0"],
    [86_400, "100"],
    [43_201, "50"],
    [1_000, "1.16"],
  ])("writes %i seconds up as %s %% of the day", (uptimeSeconds, expected) => {
    const [, line] = wholeCsv([{ ...ROW, uptimeSeconds }]).split("\r\n");
    expect(parseRecord(line!)[4]).toBe(expected);
  });

  it("keeps a formula-like node name inert and a comma in a name inside one field", () => {
    const csv = wholeCsv([
      { ...ROW, nodeName: '=HYPERLINK("http://x","y")' },
      { ...ROW, nodeName: "-2+3" },
      { ...ROW, nodeName: "relay,west" },
    ]);
    const names = csv
      .split("\r\n")
      .slice(1, 4)
      .map((line) => parseRecord(line)[2]);
    expect(names).toEqual(['\'=HYPERLINK("http://x","y")', "'-2+3", "relay,west"]);
  });

  it("gives every line as many fields as the header", () => {
    const rows = [ROW, { ...ROW, nodeName: 'a "quoted", name', classification: "FreeRiderInGrace" }];
    for (const line of wholeCsv(rows).split("\r\n").slice(0, -1)) {
      expect(parseRecord(line)).toHaveLength(LEDGER_CSV_HEADER.length);
    }
  });
});
