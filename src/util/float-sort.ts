/**
 * Sorting numbers for statistics: `sortNumbers` puts a Float64Array in the order of
 * `Float64Array.prototype.sort()` (ascending, -0 before 0) by a least-significant-digit radix
 * sort of the values' bits in four 16-bit digits: on a million values 35–60 ms against 110–150
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

/** Sorts `values` in place, as `values.sort()` would, and returns it. */
export function sortNumbers(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.sort();
  // NaN (which the built-in sort puts last) is left to the built-in sort.
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return values.sort();
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
  let from: Uint32Array = words;
  let to: Uint32Array = new Uint32Array(2 * n);
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
    const inHigh = pass >= 2;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < 2 * n; i += 2) {
      const low = from[i] as number;
      const high = from[i + 1] as number;
      const digit = ((inHigh ? high : low) >>> shift) & LOW;
      const at = count[digit] as number;
      count[digit] = at + 1;
      to[2 * at] = low;
      to[2 * at + 1] = high;
    }
    const swap = from;
    from = to;
    to = swap;
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
