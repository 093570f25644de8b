/**
 * Bounded summaries of a column's strings once it has too many distinct values to tally exactly
 * (see DISTINCT_CAP in column-accumulator.ts): SpaceSaving for the most frequent values and
 * HyperLogLog for the number of distinct values. Both are deterministic, and both merge (for
 * statistics computed in parts, partial-statistics.ts) keeping the error they state.
 */

/** A SpaceSaving counter: a value, its count, and how much of the count may be overestimate. */
export type Counter = [value: string, count: number, error: number];

/**
 * SpaceSaving (Metwally, Agrawal and El Abbadi 2005) with `k` counters on a min-heap: a value
 * with a counter is counted; a new value replaces the smallest counter and inherits its count as
 * its error. Each reported count is at least the true one and at most `error` above it, and
 * `error` ≤ the smallest counter ≤ n/k for n values added (the counters add up to at most n).
 * A value not held has a true count of at most the smallest counter.
 */
export class SpaceSaving {
  /** The counters as a binary min-heap on count. */
  private readonly heap: { value: string; count: number; error: number }[] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly k: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Counts `value` `weight` times (`error` when the weight is itself an upper bound). */
  add(value: string, weight = 1, error = 0): void {
    const at = this.index.get(value);
    if (at !== undefined) {
      const counter = this.heap[at] as (typeof this.heap)[number];
      counter.count += weight;
      counter.error += error;
      this.siftDown(at);
      return;
    }
    if (this.heap.length < this.k) {
      this.heap.push({ value, count: weight, error });
      this.index.set(value, this.heap.length - 1);
      this.siftUp(this.heap.length - 1);
      return;
    }
    const smallest = this.heap[0] as (typeof this.heap)[number];
    this.index.delete(smallest.value);
    this.heap[0] = { value, count: smallest.count + weight, error: smallest.count + error };
    this.index.set(value, 0);
    this.siftDown(0);
  }

  /** The counters, most frequent first, ties by `order` of their values. */
  top(order: (a: string, b: string) => number): { value: string; count: number; error: number }[] {
    return [...this.heap].sort((a, b) => b.count - a.count || order(a.value, b.value));
  }

  /**
   * Adds `other`, the summary of other values (Agarwal et al. 2012, "Mergeable summaries"): a
   * value's count is its count in each summary, or, where a full summary lacks it, that summary's
   * smallest counter (the most it can have occurred there), and so is its error; the k largest are
   * kept, ties by `order` of their values. So each count is still at least the true one and at most
   * its error above it; the kept counters add up to at most the two summaries' (each summary's
   * values left out are at least as many as the smallest counter it lends), so the smallest
   * counter, and every error, stays within n/k for the n values of both; and a value not held
   * counted at most the smallest counter.
   */
  merge(other: SpaceSaving, order: (a: string, b: string) => number): void {
    const floor = this.maxError();
    const otherFloor = other.maxError();
    const merged = new Map<string, { value: string; count: number; error: number }>();
    for (const { value, count, error } of this.heap) {
      merged.set(value, { value, count: count + otherFloor, error: error + otherFloor });
    }
    for (const { value, count, error } of other.heap) {
      const entry = merged.get(value);
      if (entry) {
        entry.count += count - otherFloor;
        entry.error += error - otherFloor;
      } else merged.set(value, { value, count: count + floor, error: error + floor });
    }
    const kept = [...merged.values()]
      .sort((a, b) => b.count - a.count || order(a.value, b.value))
      .slice(0, this.k);
    this.rebuild(kept);
  }

  /** The counters, for a statistics part (most frequent first, so the file reads well). */
  toState(order: (a: string, b: string) => number): Counter[] {
    return this.top(order).map(({ value, count, error }) => [value, count, error]);
  }

  /** A summary of `k` counters from a part's `counters`; an Error says which one is impossible. */
  static fromState(k: number, counters: readonly Counter[]): SpaceSaving {
    if (counters.length > k) throw new Error(`holds ${counters.length} counters, more than ${k}`);
    const summary = new SpaceSaving(k);
    const seen = new Set<string>();
    counters.forEach(([value, count, error], i) => {
      if (!(count >= 1 && error >= 0 && error <= count) || seen.has(value)) {
        throw new Error(
          `[${i}] is not a counter (a count of at least 1, an error at most it, a value once)`,
        );
      }
      seen.add(value);
    });
    summary.rebuild(counters.map(([value, count, error]) => ({ value, count, error })));
    return summary;
  }

  /** Replaces the counters with `counters` (at most k, values distinct), as a heap. */
  private rebuild(counters: { value: string; count: number; error: number }[]): void {
    this.heap.length = 0;
    this.index.clear();
    for (const counter of counters) {
      this.heap.push({ ...counter });
      this.index.set(counter.value, this.heap.length - 1);
      this.siftUp(this.heap.length - 1);
    }
  }

  /** Whether some value certainly occurred twice (its count less its error is 2 or more). */
  someRepeated(): boolean {
    return this.heap.some((counter) => counter.count - counter.error >= 2);
  }

  /** The bound on any count's overestimate: the smallest counter once all k are in use. */
  maxError(): number {
    return this.heap.length < this.k ? 0 : (this.heap[0]?.count ?? 0);
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((heap[parent] as { count: number }).count <= (heap[at] as { count: number }).count) {
        return;
      }
      this.swap(at, parent);
      at = parent;
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const count = (i: number) => (heap[i] as { count: number }).count;
      const child = right < heap.length && count(right) < count(left) ? right : left;
      if (count(at) <= count(child)) return;
      this.swap(at, child);
      at = child;
    }
  }

  private swap(a: number, b: number): void {
    const heap = this.heap;
    const first = heap[a] as (typeof heap)[number];
    const second = heap[b] as (typeof heap)[number];
    heap[a] = second;
    heap[b] = first;
    this.index.set(second.value, a);
    this.index.set(first.value, b);
  }
}

// Bound once: a hash runs per character, and a global looked up that often is slow where globals
// sit behind interceptors (a vm context, as under jest).
const { imul, clz32 } = Math;

/** HyperLogLog's registers: 2^HLL_BITS of them (16 KiB). */
const HLL_BITS = 14;
const HLL_REGISTERS = 1 << HLL_BITS;

/**
 * HyperLogLog (Flajolet et al. 2007) with 2^14 registers: a relative standard error of
 * 1.04/√16384 ≈ 0.81 % (HLL_ERROR), with linear counting for small counts. Two independent
 * 32-bit hashes of the text pick the register and the rank, so collisions stay negligible far
 * past a billion values.
 */
export class HyperLogLog {
  /** The relative standard error of `estimate`. */
  static readonly ERROR = 1.04 / Math.sqrt(HLL_REGISTERS);
  /** Characters of the registers in base64 (see toState). */
  static readonly STATE_LENGTH = Math.ceil(HLL_REGISTERS / 3) * 4;
  private readonly registers = new Uint8Array(HLL_REGISTERS);

  /** Adds `other`, the sketch of other values: the sketch of both, exactly (registers' maximum). */
  merge(other: HyperLogLog): void {
    const registers = this.registers;
    other.registers.forEach((register, i) => {
      if (register > (registers[i] as number)) registers[i] = register;
    });
  }

  /** The registers in base64, for a statistics part. */
  toState(): string {
    return Buffer.from(this.registers).toString('base64');
  }

  /** The sketch of a part's registers; an Error says why they cannot be. */
  static fromState(state: string): HyperLogLog {
    const bytes = Buffer.from(state, 'base64');
    if (bytes.length !== HLL_REGISTERS || bytes.toString('base64') !== state) {
      throw new Error(`is not ${HLL_REGISTERS} registers in base64`);
    }
    // A rank is at most 33 (see add).
    if (bytes.some((register) => register > 33)) throw new Error('holds a register above 33');
    const sketch = new HyperLogLog();
    sketch.registers.set(bytes);
    return sketch;
  }

  add(value: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      h1 = imul(h1 ^ code, 0x01000193);
      h2 = imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    const slot = mix(h1 ^ value.length) >>> (32 - HLL_BITS);
    const rest = mix(h2 + value.length);
    const rank = rest === 0 ? 33 : clz32(rest) + 1;
    if (rank > (this.registers[slot] as number)) this.registers[slot] = rank;
  }

  estimate(): number {
    const m = HLL_REGISTERS;
    let sum = 0;
    let zeros = 0;
    for (const register of this.registers) {
      sum += 2 ** -register;
      if (register === 0) zeros++;
    }
    const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    return raw;
  }
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
