import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import {
  defaultParameterValues,
  PARAMETER_KEYS,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import {
  buildConfigEnvelope,
  configEnvelopeSchema,
  parseConfigEnvelope,
  selectActiveVersion,
  serializeConfigEnvelope,
  type ConfigEnvelope,
} from "./envelope";

const HASH = "a".repeat(64);
const genesis: ConfigEnvelope = {
  schema: "plenum.config/1",
  networkId: "net_abc",
  version: 1,
  prevSha256: "",
  issuedAt: "2026-01-01T00:00:00.000Z",
  activateAt: "2026-01-01T00:00:00.000Z",
  proposals: [],
  params: defaultParameterValues(),
};

function reversedParams(params: ParameterValues): ParameterValues {
  return Object.fromEntries(
    [...PARAMETER_KEYS].reverse().map((key) => [key, params[key]]),
  ) as ParameterValues;
}

describe("serializeConfigEnvelope", () => {
  it("writes the protocol's field order and the catalogue's parameter order, without whitespace", () => {
    const text = serializeConfigEnvelope({ ...genesis, params: reversedParams(genesis.params) });
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "schema",
      "networkId",
      "version",
      "prevSha256",
      "issuedAt",
      "activateAt",
      "proposals",
      "params",
    ]);
    expect(Object.keys(json.params as object)).toEqual([...PARAMETER_KEYS]);
    expect(text).not.toMatch(/\s/);
    expect(
      text.startsWith('{"schema":"plenum.config/1","networkId":"net_abc","version":1,"prevSha256":""'),
    ).toBe(true);
  });

  it("gives the same text whatever order the input fields come in", () => {
    const shuffled = Object.fromEntries(Object.entries(genesis).reverse()) as ConfigEnvelope;
    expect(serializeConfigEnvelope(shuffled)).toBe(serializeConfigEnvelope(genesis));
  });

  it("round-trips through parseConfigEnvelope for any valid envelope (property)", () => {
    const envelope = fc.record({
      version: fc.integer({ min: 2, max: 1_000_000 }),
      prevSha256: fc.stringMatching(/^[0-9a-f]{64}$/),
      issuedAt: fc.date({ min: new Date("2020-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
      proposals: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 5 }),
      perGb: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(envelope, ({ version, prevSha256, issuedAt, proposals, perGb }) => {
        const value: ConfigEnvelope = {
          ...genesis,
          version,
          prevSha256,
          issuedAt: issuedAt.toISOString(),
          activateAt: issuedAt.toISOString(),
          proposals,
          params: { ...genesis.params, "reward.perGbUploaded": perGb },
        };
        const text = serializeConfigEnvelope(value);
        const parsed = parseConfigEnvelope(text);
        expect(parsed).toEqual({ ...value, params: { ...value.params, "reward.perGbUploaded": perGb || 0 } });
        expect(serializeConfigEnvelope(parsed)).toBe(text);
      }),
    );
  });

  it.each<[string, Partial<ConfigEnvelope> & Record<string, unknown>]>([
    ["another schema", { schema: "plenum.config/2" as "plenum.config/1" }],
    ["version 0", { version: 0 }],
    ["a fractional version", { version: 1.5 }],
    ["version 1 with a previous hash", { prevSha256: HASH }],
    ["version 2 without a previous hash", { version: 2 }],
    ["an upper-case hash", { version: 2, prevSha256: HASH.toUpperCase() }],
    ["a time with an offset", { issuedAt: "2026-01-01T01:00:00+01:00" }],
    [
      "a missing parameter",
      { params: { ...genesis.params, "gov.quorum": undefined } as unknown as ParameterValues },
    ],
    ["an unknown parameter", { params: { ...genesis.params, "gov.unknown": 1 } as ParameterValues }],
    ["an out-of-range parameter", { params: { ...genesis.params, "gov.quorum": 2 } }],
    ["an extra field", { extra: true }],
  ])("refuses %s", (_label, change) => {
    expect(() => serializeConfigEnvelope({ ...genesis, ...change })).toThrow();
    expect(configEnvelopeSchema.safeParse({ ...genesis, ...change }).success).toBe(false);
  });
});

describe("parseConfigEnvelope", () => {
  it("names the field and the rule for a schema failure", () => {
    const text = JSON.stringify({ ...genesis, version: 2 });
    expect(() => parseConfigEnvelope(text)).toThrow(DomainError);
    expect(() => parseConfigEnvelope(text)).toThrow(/prevSha256: must be ""/);
  });

  it("says when the text is not JSON", () => {
    expect(() => parseConfigEnvelope("{")).toThrow(/not valid JSON/);
  });

  it("gives a parameter added to the catalogue later its default in a version signed before it existed", () => {
    const { "gov.clusterPrefixV4": _v4, "gov.clusterPrefixV6": _v6, ...olderParams } = genesis.params;
    const parsed = parseConfigEnvelope(JSON.stringify({ ...genesis, params: olderParams }));
    expect(parsed.params["gov.clusterPrefixV4"]).toBe(24);
    expect(parsed.params["gov.clusterPrefixV6"]).toBe(48);
  });

  it("still refuses a config without a parameter the first catalogue had, or with an unknown one", () => {
    const { "gov.quorum": _quorum, ...withoutQuorum } = genesis.params;
    expect(() => parseConfigEnvelope(JSON.stringify({ ...genesis, params: withoutQuorum }))).toThrow(
      /gov\.quorum/,
    );
    expect(() =>
      parseConfigEnvelope(JSON.stringify({ ...genesis, params: { ...genesis.params, "gov.unknown": 1 } })),
    ).toThrow(/gov\.unknown/);
  });
});

describe("buildConfigEnvelope", () => {
  const fields = {
    networkId: "net_abc",
    issuedAt: new Date("2026-02-01T10:00:00Z"),
    activateAt: new Date("2026-02-02T10:00:00Z"),
    proposals: ["prop_1"],
    params: genesis.params,
  };

  it.each([
    ["no previous version", null, 1, ""],
    ["version 1", { version: 1, sha256: HASH }, 2, HASH],
    ["version 41", { version: 41, sha256: "b".repeat(64) }, 42, "b".repeat(64)],
  ])("after %s", (_label, previous, version, prevSha256) => {
    const envelope = buildConfigEnvelope(previous, fields);
    expect(envelope).toMatchObject({ version, prevSha256, issuedAt: "2026-02-01T10:00:00.000Z" });
    expect(envelope.activateAt).toBe("2026-02-02T10:00:00.000Z");
    expect(configEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });
});

describe("selectActiveVersion", () => {
  const at = (iso: string) => new Date(iso);
  const v = (version: number, activateAt: string) => ({ version, activateAt: at(activateAt) });
  const now = at("2026-03-01T12:00:00Z");

  it.each([
    ["no versions", [], null],
    ["only future versions", [v(1, "2026-03-02T00:00:00Z")], null],
    ["one version activating exactly now", [v(1, "2026-03-01T12:00:00Z")], 1],
    [
      "the latest past activation",
      [v(1, "2026-01-01T00:00:00Z"), v(2, "2026-02-01T00:00:00Z"), v(3, "2026-04-01T00:00:00Z")],
      2,
    ],
    ["a later version activating earlier", [v(2, "2026-01-01T00:00:00Z"), v(1, "2026-02-01T00:00:00Z")], 1],
    [
      "a tie on activateAt",
      [v(3, "2026-02-01T00:00:00Z"), v(4, "2026-02-01T00:00:00Z"), v(2, "2026-02-01T00:00:00Z")],
      4,
    ],
  ])("with %s", (_label, versions, expected) => {
    expect(selectActiveVersion(versions, now)?.version ?? null).toBe(expected);
  });
});

describe("nextPlatformKey (the version that rotates the platform key)", () => {
  const nextPlatformKey = { keyId: "pk_0123456789abcdef", publicKey: "B".repeat(43) };

  it("is written last, only when present, and reads back the same", () => {
    const plain = serializeConfigEnvelope(genesis);
    expect(plain).not.toContain("nextPlatformKey");
    const rotating = buildConfigEnvelope(
      { version: 1, sha256: HASH },
      {
        networkId: "net_abc",
        issuedAt: new Date(0),
        activateAt: new Date(0),
        proposals: [],
        params: genesis.params,
        nextPlatformKey,
      },
    );
    const text = serializeConfigEnvelope(rotating);
    expect(Object.keys(JSON.parse(text) as object).at(-1)).toBe("nextPlatformKey");
    expect(parseConfigEnvelope(text)).toEqual(rotating);
  });

  it("refuses a malformed key or extra members", () => {
    const bad = [
      { ...nextPlatformKey, keyId: "key-1" },
      { ...nextPlatformKey, publicKey: "short" },
      { ...nextPlatformKey, validUntil: "2026-01-01" },
    ];
    for (const candidate of bad) {
      expect(configEnvelopeSchema.safeParse({ ...genesis, nextPlatformKey: candidate }).success).toBe(false);
    }
  });
});
