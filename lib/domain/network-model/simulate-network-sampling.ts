import type { Random } from "@/lib/domain/random";

/**
 * Walker–Vose alias table over a changing set of items (node slots): built in O(n) from each item's weight,
 * then each draw costs one uniform number and O(1) work. Buffers are reused across builds and grow on demand.
 */
export class AliasTable {
  items = new Int32Array(0);
  probability = new Float64Array(0);
  alias = new Int32Array(0);
  private small = new Int32Array(0);
  private large = new Int32Array(0);
  private scaled = new Float64Array(0);
  size = 0;
  total = 0;

  private ensure(count: number): void {
    if (this.items.length >= count) return;
    const capacity = Math.max(count, this.items.length * 2, 16);
    this.items = new Int32Array(capacity);
    this.probability = new Float64Array(capacity);
    this.alias = new Int32Array(capacity);
    this.small = new Int32Array(capacity);
    this.large = new Int32Array(capacity);
    this.scaled = new Float64Array(capacity);
  }

  /**
   * Builds the table over `items[0..count)` with `weightOf[item]` (≥ 0); returns the total weight. An item
   * of weight 0 is never drawn; with a zero total the table is empty (size 0).
   */
  build(items: ArrayLike<number>, count: number, weightOf: ArrayLike<number>): number {
    this.ensure(count);
    let total = 0;
    let size = 0;
    for (let index = 0; index < count; index += 1) {
      const item = items[index]!;
      const weight = weightOf[item]!;
      if (!(weight > 0)) continue;
      this.items[size] = item;
      this.scaled[size] = weight;
      total += weight;
      size += 1;
    }
    this.size = total > 0 ? size : 0;
    this.total = total;
    if (this.size === 0) return 0;
    let smallCount = 0;
    let largeCount = 0;
    for (let index = 0; index < size; index += 1) {
      const scaled = (this.scaled[index]! * size) / total;
      this.scaled[index] = scaled;
      if (scaled < 1) this.small[smallCount++] = index;
      else this.large[largeCount++] = index;
    }
    while (smallCount > 0 && largeCount > 0) {
      const less = this.small[--smallCount]!;
      const more = this.large[largeCount - 1]!;
      this.probability[less] = this.scaled[less]!;
      this.alias[less] = more;
      const left = this.scaled[more]! + this.scaled[less]! - 1;
      this.scaled[more] = left;
      if (left < 1) {
        largeCount -= 1;
        this.small[smallCount++] = more;
      }
    }
    // What is left holds (up to rounding) exactly one unit each.
    while (largeCount > 0) this.probability[this.large[--largeCount]!] = 1;
    while (smallCount > 0) this.probability[this.small[--smallCount]!] = 1;
    return total;
  }

  /** The item a uniform number u ∈ [0, 1) selects: P(item) = weight ÷ total. Only for size > 0. */
  draw(u: number): number {
    const position = u * this.size;
    const column = position | 0;
    return position - column < this.probability[column]!
      ? this.items[column]!
      : this.items[this.alias[column]!]!;
  }
}

/** Above this mean a Poisson count is drawn from its normal approximation instead of Knuth's product method. */
const POISSON_EXACT_MAX_MEAN = 30;

/** A Poisson(mean) count from the seeded source (Knuth below POISSON_EXACT_MAX_MEAN, else normal approximation). */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean <= POISSON_EXACT_MAX_MEAN) {
    const limit = Math.exp(-mean);
    let product = random.nextFloat();
    let count = 0;
    while (product > limit) {
      count += 1;
      product *= random.nextFloat();
    }
    return count;
  }
  // Box–Muller; 1 − u keeps the logarithm finite.
  const z = Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

/** An independent-looking integer seed for one of a run's random streams (availability, traffic, behaviour). */
export function streamSeed(seed: number, stream: number): number {
  let mixed = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x7feb352d);
  return (mixed ^ (mixed >>> 15)) | 0;
}
