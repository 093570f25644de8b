/**
 * What standardising alone would hide in a numeric column, learned from its training values:
 * a point mass at an edge of its range (0 mm of rain on most days, 0 hours of overtime) and a long
 * right tail (amounts, counts, prices). Both change how a column is encoded, never which rows are
 * used, so they are fitted on the training rows like its mean and standard deviation.
 */

/**
 * Share of the training values an edge value must hold to get a slot of its own ("is it 0?").
 * Below it the network sees too few such rows for the slot to be worth an input.
 */
export const EDGE_SHARE = 0.1;
/**
 * Skewness above which a non-negative column is encoded as log1p(value): a long right tail
 * otherwise squeezes most rows into a sliver of the standardised range. 1 is the usual threshold
 * of "highly skewed" (Bulmer, Principles of Statistics).
 */
export const LOG_SKEWNESS = 1;

export interface NumericShape {
  /**
   * The smallest or largest training value when it is the column's most frequent value by a margin
   * (see isPointMass), flagged in a slot of its own; absent otherwise (JSON has no null numbers
   * in a spec).
   */
  edge?: number;
  /**
   * Whether the values are encoded as log1p(value): all ≥ 0 and skewness above LOG_SKEWNESS.
   * Both stay off for a column of at most two distinct values.
   */
  log: boolean;
}

/** Learns a numeric column's edge value and whether to log it, from its finite training values. */
export function fitNumericShape(values: readonly number[]): NumericShape {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  // Two values (a 0/1 column) are standardised to the same two numbers whatever is done to them.
  if (counts.size <= 2) return { log: false };
  // A loop, not Math.min(...keys): spreading a million distinct values overflows the stack.
  let min = Infinity;
  let max = -Infinity;
  for (const value of counts.keys()) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const edge = [min, max].find((v) => isPointMass(v, counts, values.length));
  const log = min >= 0 && skewness(values) > LOG_SKEWNESS;
  return edge === undefined ? { log } : { edge, log };
}

/** Whether `value` holds at least EDGE_SHARE of the values and more than any other value. */
function isPointMass(value: number, counts: ReadonlyMap<number, number>, total: number): boolean {
  const count = counts.get(value) as number;
  if (count < EDGE_SHARE * total) return false;
  for (const [other, n] of counts) if (other !== value && n >= count) return false;
  return true;
}

/** The value the network sees before standardising: log1p(value) when the shape says so. */
export function shapeValue(value: number, shape: Pick<NumericShape, 'log'>): number {
  return shape.log ? Math.log1p(value) : value;
}

/** Fisher's moment coefficient of skewness (population), 0 for constant values. */
function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const value of values) {
    const d = value - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}
