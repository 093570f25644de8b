/**
 * Confidence intervals by the percentile bootstrap over test rows: draw n of the n rows with
 * replacement, score every model on the draw, repeat; the middle `confidence` share of the values
 * is the interval. Models scored on the same draws give paired differences, which are far
 * tighter than two separate intervals because both models meet the same easy and hard rows.
 *
 * A draw is a count per row (how many times it was drawn) fed to each model's MetricKernel: one
 * pass per model and draw, one reused counts array, no copy of a row.
 */
import { createRng } from '../util/random.js';
import type { MetricKernel } from './metrics.js';
import type { BootstrapInfo, Interval } from './types.js';

export const DEFAULT_BOOTSTRAP: Readonly<BootstrapInfo> = {
  resamples: 1000,
  confidence: 0.95,
  seed: 42,
};

/**
 * A metric undefined in more draws than this share (auc when a draw misses the only positives)
 * has no interval: the draws where it exists are no longer a fair sample of the test rows.
 */
const MAX_UNDEFINED_SHARE = 0.1;

/** A metric's value in a draw where it is undefined. */
const UNDEFINED = Number.NaN;

/** A metric's value in each draw, NaN where undefined. */
export type Draws = Record<string, Float64Array>;

/**
 * Every metric of each kernel on `settings.resamples` seeded draws of `rows` rows; all kernels
 * must score the same rows in the same order, so that draw r means the same rows for each.
 */
export function bootstrapDraws(
  kernels: MetricKernel[],
  rows: number,
  settings: BootstrapInfo = DEFAULT_BOOTSTRAP,
): Draws[] {
  const { resamples } = settings;
  // n draws per resample are most of the work: a xorshift32 generator (seeded by createRng, so
  // the seed means what it means elsewhere) in plain integer arithmetic, with no call or global
  // lookup in the loop. Its modulo bias, rows / 2³², is far below the bootstrap's own noise.
  let state = Math.floor(createRng(settings.seed)() * 0xffffffff) || 1;
  const counts = new Uint32Array(rows);
  const draws: Draws[] = kernels.map(() => ({}));
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let k = 0; k < rows; k++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const row = (state >>> 0) % rows;
      counts[row] = (counts[row] as number) + 1;
    }
    kernels.forEach((kernel, m) => {
      const values = kernel(counts);
      const byMetric = draws[m] as Draws;
      for (const metric in values) {
        const column = (byMetric[metric] ??= new Float64Array(resamples).fill(UNDEFINED));
        column[r] = values[metric] ?? UNDEFINED;
      }
    });
  }
  return draws;
}

export interface BootstrapComparison {
  /** Each model's percentile intervals, in the order given. */
  intervals: Record<string, Interval>[];
  /** For each model after the first, the paired intervals of (first − it), in the order given. */
  differences: Record<string, Interval>[];
}

/**
 * Intervals of each model's metrics and of the first model's lead over each of the others, all
 * from the same draws (the kernels must score the same `rows` rows in the same order).
 */
export function compareByBootstrap(
  kernels: MetricKernel[],
  rows: number,
  settings: BootstrapInfo = DEFAULT_BOOTSTRAP,
): BootstrapComparison {
  const draws = bootstrapDraws(kernels, rows, settings);
  const [first, ...others] = draws as [Draws, ...Draws[]];
  return {
    intervals: draws.map((d) => percentileIntervals(d, settings.confidence)),
    differences: others.map((other) => differenceIntervals(first, other, settings.confidence)),
  };
}

/** The percentile interval of each metric in `draws`; metrics undefined too often are left out. */
export function percentileIntervals(draws: Draws, confidence: number): Record<string, Interval> {
  return intervalsOf(Object.entries(draws), confidence);
}

/**
 * The percentile interval of (a − b) per metric both have, draw by draw: a paired bootstrap of the
 * difference, when `a` and `b` come from the same bootstrapDraws call.
 */
export function differenceIntervals(
  a: Draws,
  b: Draws,
  confidence: number,
): Record<string, Interval> {
  const differences = Object.entries(a).flatMap(([metric, values]) => {
    const other = b[metric];
    if (!other) return [];
    return [[metric, values.map((value, r) => value - (other[r] as number))] as const];
  });
  return intervalsOf(differences, confidence);
}

function intervalsOf(
  entries: (readonly [string, Float64Array])[],
  confidence: number,
): Record<string, Interval> {
  return Object.fromEntries(
    entries.flatMap(([metric, values]) => {
      const interval = percentileInterval(values, confidence);
      return interval ? [[metric, interval]] : [];
    }),
  );
}

/**
 * The interval holding the middle `confidence` share of the finite values, quantiles interpolated
 * linearly between order statistics (numpy's default); undefined when too few are finite.
 */
export function percentileInterval(values: Float64Array, confidence: number): Interval | undefined {
  const finite = values.filter(Number.isFinite).sort();
  if (finite.length === 0 || finite.length < values.length * (1 - MAX_UNDEFINED_SHARE)) {
    return undefined;
  }
  const tail = (1 - confidence) / 2;
  return { lower: quantile(finite, tail), upper: quantile(finite, 1 - tail) };
}

/** The q-quantile of ascending `sorted`, interpolated linearly. */
function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (position - below) * (high - low);
}
