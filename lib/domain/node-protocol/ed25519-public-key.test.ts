import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ED25519_FIELD_PRIME as p,
  ed25519PublicKeyProblem,
  ed25519PublicKeyRefusal,
  encodedY,
  SMALL_ORDER_Y,
} from "./ed25519-public-key";

// The curve, recomputed here with BigInt: −x² + y² = 1 + d·x²·y² over GF(p).
const mod = (a: bigint) => ((a % p) + p) % p;
function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
  }
  return result;
}
const inverse = (a: bigint) => power(a, p - 2n);
const d = mod(-121665n * inverse(121666n));
const SQRT_MINUS_ONE = power(2n, (p - 1n) / 4n);
function squareRoot(a: bigint): bigint | null {
  let x = power(a, (p + 3n) / 8n);
  if (mod(x * x - a) !== 0n) x = mod(x * SQRT_MINUS_ONE);
  return mod(x * x - a) === 0n ? x : null;
}

type Point = { x: bigint; y: bigint };
const IDENTITY: Point = { x: 0n, y: 1n };
const onCurve = ({ x, y }: Point) => mod(-x * x + y * y - 1n - d * x * x * y * y) === 0n;
function add(a: Point, b: Point): Point {
  const t = mod(d * a.x * b.x * a.y * b.y);
  return {
    x: mod((a.x * b.y + a.y * b.x) * inverse(1n + t)),
    y: mod((a.y * b.y + a.x * b.x) * inverse(1n - t)),
  };
}
const times = (point: Point, n: number) => {
  let result = IDENTITY;
  for (let i = 0; i < n; i++) result = add(result, point);
  return result;
};
const same = (a: Point, b: Point) => a.x === b.x && a.y === b.y;

/** A point of order 8: doubling it gives a point with y = 0, so y² = −x² and d·x⁴ − 2x² − 1 = 0. */
function pointOfOrderEight(): Point {
  const root = squareRoot(mod(1n + d))!;
  for (const xSquared of [mod((1n + root) * inverse(d)), mod((1n - root) * inverse(d))]) {
    const x = squareRoot(xSquared);
    const y = squareRoot(mod(-xSquared));
    if (x !== null && y !== null) return { x, y };
  }
  throw new Error("no point of order 8 found");
}

function encode(y: bigint, signBit: boolean): Uint8Array {
  const bytes = new Uint8Array(32);
  let rest = y;
  for (let i = 0; i < 32; i++) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (signBit) bytes[31]! |= 0x80;
  return bytes;
}
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

const generator = pointOfOrderEight();
const torsion = Array.from({ length: 8 }, (_, k) => times(generator, k));

/** Every 32-byte string that decodes (as OpenSSL does) to a torsion point: canonical or not. */
function allEncodings(): Uint8Array[] {
  const encodings = new Map<string, Uint8Array>();
  for (const { x, y } of torsion) {
    for (const yEncoded of [y, y + p].filter((value) => value < 2n ** 255n)) {
      // The sign bit is x's low bit; x = 0 also has a "negative zero" encoding with the bit set.
      for (const signBit of x === 0n ? [false, true] : [(x & 1n) === 1n]) {
        const bytes = encode(yEncoded, signBit);
        encodings.set(hex(bytes), bytes);
      }
    }
  }
  return [...encodings.values()];
}

describe("the small-order points", () => {
  it("are the 8 multiples of a point of order 8, all on the curve, 8·P = identity", () => {
    expect(onCurve(generator)).toBe(true);
    expect(same(times(generator, 4), IDENTITY)).toBe(false);
    expect(same(times(generator, 8), IDENTITY)).toBe(true);
    expect(new Set(torsion.map((point) => `${point.x},${point.y}`)).size).toBe(8);
    for (const point of torsion) {
      expect(onCurve(point)).toBe(true);
      expect(same(times(point, 8), IDENTITY)).toBe(true);
    }
  });

  it("have exactly the y-coordinates the module hard-codes", () => {
    const ys = [...new Set(torsion.map((point) => point.y))].sort();
    expect(ys).toEqual([...SMALL_ORDER_Y].sort());
  });

  it("have 8 canonical plus 6 alternative encodings (as C2SP CCTV's ed25519 vectors list), all refused", () => {
    const encodings = allEncodings();
    expect(encodings).toHaveLength(14);
    expect(encodings.map(hex)).toEqual(
      expect.arrayContaining([
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      ]),
    );
    for (const bytes of encodings) {
      expect(ed25519PublicKeyProblem(bytes), hex(bytes)).toMatch(/^(small-order|non-canonical)$/);
    }
  });
});

describe("ed25519PublicKeyProblem", () => {
  it("refuses every y ≥ p as non-canonical, whatever the sign bit", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: p, max: 2n ** 255n - 1n }), fc.boolean(), (y, signBit) => {
        expect(ed25519PublicKeyProblem(encode(y, signBit))).toBe("non-canonical");
      }),
    );
  });

  it("accepts points of large order (the RFC 8032 test key, the base point)", () => {
    const rfcKey = Buffer.from("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "hex");
    const basePoint = Buffer.from("5866666666666666666666666666666666666666666666666666666666666666", "hex");
    expect(ed25519PublicKeyProblem(rfcKey)).toBeNull();
    expect(ed25519PublicKeyProblem(basePoint)).toBeNull();
  });

  it("reads y little-endian without the sign bit", () => {
    expect(encodedY(encode(12345n, true))).toBe(12345n);
    expect(encodedY(encode(p - 1n, false))).toBe(p - 1n);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(ed25519PublicKeyProblem(new Uint8Array(31))).toBe("length");
  });

  it("explains each refusal naming publicKey and what is allowed", () => {
    for (const problem of ["length", "non-canonical", "small-order"] as const) {
      expect(ed25519PublicKeyRefusal(problem)).toMatch(/^publicKey: .*32 raw bytes of an Ed25519 public key/);
    }
  });
});
