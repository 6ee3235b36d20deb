/** The seed's randomness: deterministic for a seed number, so the same seed always gives the same data. */

/** mulberry32: a tiny, well-mixed 32-bit PRNG; plenty for seeding data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** `n` distinct items, each drawn with probability proportional to its weight. */
  weightedSample<T>(items: readonly (readonly [T, number])[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) {
      let r = this.next() * pool.reduce((sum, [, w]) => sum + w, 0);
      let index = pool.findIndex(([, w]) => (r -= w) < 0);
      if (index < 0) index = pool.length - 1;
      out.push(pool[index]![0]);
      pool.splice(index, 1);
    }
    return out;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  /** Log-normal with this median; `sigma` is the spread of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  /** A version-4 UUID made of this generator's numbers, so row ids are deterministic too. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

/**
 * A generator of its own for one thing (an institution, a loan), named by `key`: the same for the
 * same seed and key however many other things are generated, or in whatever order.
 */
export function keyedRng(seed: number, key: string): Rng {
  let hash = seed >>> 0;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return new Rng(hash);
}

/** Repeated draws from one weighted list: cumulative weights and a binary search instead of a scan per draw. */
export class WeightedTable<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => (sum += weight));
  }
  get size(): number {
    return this.items.length;
  }
  draw(rng: Rng): T {
    const r = rng.float() * this.cumulative[this.cumulative.length - 1]!;
    let [lo, hi] = [0, this.cumulative.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * A bijection of [0, size): index → (index × stride + offset) mod size with a stride coprime to
 * size, so distinct account numbers always get distinct identity numbers that still look random.
 */
export function scatter(size: number, seed: number): (index: number) => number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.floor(size * 0.618) + (seed % 997);
  while (gcd(stride, size) !== 1) stride++;
  const offset = seed % size;
  // Exact in doubles while index × size stays below 2^53 (a few million accounts in a space of 10^8).
  return (index) => ((index % size) * stride + offset) % size;
}
