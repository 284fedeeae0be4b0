/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every machine. */
export interface Random {
  /** A float in [0, 1). */
  nextFloat(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  weightedPick<T>(options: readonly { value: T; weight: number }[]): T;
  bytes(length: number): Uint8Array;
}

const UINT32_RANGE = 4294967296;

export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let state = seed | 0;

  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const nextFloat = (): number => nextUint32() / UINT32_RANGE;

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(nextFloat() * (max - min + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("pick() needs at least one item");
    return items[int(0, items.length - 1)] as T;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };

  const weightedPick = <T>(options: readonly { value: T; weight: number }[]): T => {
    const total = options.reduce((sum, option) => sum + Math.max(0, option.weight), 0);
    if (!(total > 0)) throw new RangeError("weightedPick() needs a positive total weight");
    let remaining = nextFloat() * total;
    for (const option of options) {
      if (option.weight <= 0) continue;
      remaining -= option.weight;
      if (remaining < 0) return option.value;
    }
    // Floating-point rounding can leave a sliver after the last option: it belongs to the last positive one.
    return options.findLast((option) => option.weight > 0)!.value;
  };

  const bytes = (length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      let word = nextUint32();
      for (let k = i; k < Math.min(i + 4, length); k++) {
        out[k] = word & 0xff;
        word >>>= 8;
      }
    }
    return out;
  };

  return { nextFloat, int, pick, shuffle, weightedPick, bytes };
}
