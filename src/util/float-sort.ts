/**
 * Sorting numbers for statistics: `sortNumbers` puts a Float64Array in the order of
 * `Float64Array.prototype.sort()` (ascending, -0 before 0) by a least-significant-digit radix
 * sort of the values' bits in four 16-bit digits: on a million values 25–35 ms against 110–150
 * ms for the built-in sort, which compares. Sorting each numeric column of a million values
 * that way, twice (quantiles, drift edges), was half of the time of `mlops validate`.
 */

/** Below this many values the built-in sort is as fast. */
const RADIX_MIN = 2048;
const DIGITS = 1 << 16;
const LOW = 0xffff;
const SIGN = 0x80000000;
/** The radix sort reads the low word of each double first: little-endian machines only. */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
/** The sort's second buffer, reused from call to call (a sort runs to its end at once). */
let scratch = new Float64Array(0);

/** Sorts whole numbers from `low` to `high` in place by counting each. */
function countingSort(values: Float64Array, low: number, high: number): Float64Array {
  const counts = new Uint32Array(high - low + 1);
  for (let i = 0; i < values.length; i++) {
    const slot = (values[i] as number) - low;
    counts[slot] = (counts[slot] as number) + 1;
  }
  let at = 0;
  for (let slot = 0; slot < counts.length; slot++) {
    const count = counts[slot] as number;
    if (count > 0) values.fill(low + slot, at, at + count);
    at += count;
  }
  return values;
}

/** Sorts `values` in place, as `values.sort()` would, and returns it. */
export function sortNumbers(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.sort();
  // NaN (which the built-in sort puts last) is left to the built-in sort. Whole numbers over a
  // range no wider than the count (ages, counts, codes) are counted instead: a few times faster.
  let whole = true;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (value !== value) return values.sort();
    if (!whole) continue;
    // -0 sorts before 0 but counts as 0: left to the radix sort.
    if (!Number.isInteger(value) || (value === 0 && 1 / value < 0)) whole = false;
    else if (value < low) low = value;
    if (value > high) high = value;
  }
  if (whole && high - low < n) return countingSort(values, low, high);
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = [0, 1, 2, 3].map(() => new Uint32Array(DIGITS));
  const [c0, c1, c2, c3] = counts as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  // Each double becomes a 64-bit key whose unsigned order is the numeric order: a positive
  // number (or 0) gets its sign bit set, a negative one all its bits flipped (so -0 < 0).
  for (let i = 0; i < 2 * n; i += 2) {
    let low = words[i] as number;
    let high = words[i + 1] as number;
    if ((high & SIGN) === 0) {
      high = (high | SIGN) >>> 0;
    } else {
      low = ~low >>> 0;
      high = ~high >>> 0;
      words[i] = low;
    }
    words[i + 1] = high;
    c0[low & LOW] = (c0[low & LOW] as number) + 1;
    c1[low >>> 16] = (c1[low >>> 16] as number) + 1;
    c2[high & LOW] = (c2[high & LOW] as number) + 1;
    c3[high >>> 16] = (c3[high >>> 16] as number) + 1;
  }
  if (scratch.length < n) scratch = new Float64Array(n);
  // Each value moves as one double (a key's two words read through `from`): a third faster than
  // moving its two words.
  let from: Uint32Array = words;
  let to: Uint32Array = new Uint32Array(scratch.buffer, 0, 2 * n);
  let fromValues: Float64Array = new Float64Array(values.buffer, values.byteOffset, n);
  let toValues: Float64Array = scratch.subarray(0, n);
  for (let pass = 0; pass < 4; pass++) {
    const count = counts[pass] as Uint32Array;
    // A digit every key shares leaves the order as it is.
    let shared = false;
    let offset = 0;
    for (let digit = 0; digit < DIGITS; digit++) {
      const here = count[digit] as number;
      if (here === n) shared = true;
      count[digit] = offset;
      offset += here;
    }
    if (shared) continue;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const digit = ((from[2 * i + word] as number) >>> shift) & LOW;
      const at = count[digit] as number;
      count[digit] = at + 1;
      toValues[at] = fromValues[i] as number;
    }
    const swap = from;
    from = to;
    to = swap;
    const swapValues = fromValues;
    fromValues = toValues;
    toValues = swapValues;
  }
  if (from !== words) words.set(from);
  for (let i = 0; i < 2 * n; i += 2) {
    const high = words[i + 1] as number;
    if ((high & SIGN) !== 0) {
      words[i + 1] = high & ~SIGN;
    } else {
      words[i] = ~(words[i] as number);
      words[i + 1] = ~high;
    }
  }
  return values;
}
