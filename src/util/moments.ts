/** Mean and standard deviation, computed one way for statistics, preprocessing and labels. */
import { DataError } from '../errors.js';

/**
 * Welford's mean and population standard deviation of finite `values` (both 0 for none), computed
 * on the values divided by a power of two near the largest |value| and scaled back: a sum or a
 * square of values near ±1e308 would overflow, and dividing by a power of two is exact, so
 * ordinary data gives the same result as unscaled Welford. Throws DataError naming `column` if
 * the result is still not finite (as for infinite values).
 */
export function meanAndStd(
  values: ArrayLike<number>,
  column: string,
): { mean: number; std: number } {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    largest = Math.max(largest, Math.abs(values[i] as number));
  }
  if (values.length === 0 || largest === 0) return { mean: 0, std: 0 };
  // log2 of the largest doubles rounds up to 1024, whose power of two is Infinity.
  const scale = 2 ** Math.min(Math.floor(Math.log2(largest)), 1023);
  let count = 0;
  let mean = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const scaled = (values[i] as number) / scale;
    count++;
    const delta = scaled - mean;
    mean += delta / count;
    sumSquares += delta * (scaled - mean);
  }
  const moments = { mean: mean * scale, std: Math.sqrt(sumSquares / count) * scale };
  if (!Number.isFinite(moments.mean) || !Number.isFinite(moments.std)) {
    throw new DataError(
      `column "${column}": values are too large to standardise (up to ${largest}); ` +
        'rescale the column (e.g. to other units) before training.',
    );
  }
  return moments;
}

/** (value − mean) / std, even when value and mean are huge with opposite signs (no overflow). */
export function standardize(value: number, { mean, std }: { mean: number; std: number }): number {
  const z = (value - mean) / std;
  // Dividing first only when the difference overflows keeps ordinary results bit for bit.
  return Number.isFinite(z) ? z : value / std - mean / std;
}
