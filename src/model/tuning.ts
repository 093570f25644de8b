/**
 * Tuning's pure parts: the trials a search space makes (every combination of a grid, or a seeded
 * random draw), the config one trial trains with, the ranking of trial results by a validation
 * metric, and the winning config written back into the user's mlops.yml text.
 */
import { parseDocument } from 'yaml';
import {
  hyperParameterSchema,
  modelSchema,
  type Config,
  type Dimension,
  type NumberRange,
} from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { metricDirection } from '../evaluate/metrics.js';
import { createRng } from '../util/random.js';

export type Tuning = NonNullable<Config['tuning']>;
/** A trial's values by hyper-parameter key (`learning_rate`, `early_stopping.patience`). */
export type TrialParams = Record<string, unknown>;

export interface Trial {
  /** `t01`, `t02`, …: the matrix job's name and the trial's folder. */
  id: string;
  params: TrialParams;
}

/** GitHub starts at most this many jobs from one matrix. */
export const MATRIX_LIMIT = 256;
/** Most trials one plan holds (a grid past it is refused before it is built). */
export const MAX_TRIALS = 10000;
/** Significant digits of a number drawn from a range: readable in a config, fine enough to tune. */
const RANGE_DIGITS = 3;
/** Draws tried per wanted trial before a random search settles for fewer distinct ones. */
const DRAWS_PER_TRIAL = 100;

/** The trials of `tuning`'s space: a grid's every combination, else `trials` distinct seeded draws. */
export function planTrials(tuning: Tuning, seed: number): Trial[] {
  const keys = Object.keys(tuning.space);
  const dimensions = keys.map((key) => tuning.space[key] as Dimension);
  const lists = dimensions.every(Array.isArray) ? (dimensions as unknown[][]) : null;
  const size = lists?.reduce((product, values) => product * values.length, 1) ?? Infinity;
  const combinations =
    lists && (tuning.search === 'grid' || size <= tuning.trials)
      ? grid(lists, size)
      : randomDraws(dimensions, tuning.trials, seed);
  const width = Math.max(2, String(combinations.length).length);
  return combinations.map((values, index) => ({
    id: `t${String(index + 1).padStart(width, '0')}`,
    params: Object.fromEntries(keys.map((key, k) => [key, values[k]])),
  }));
}

/** Every combination, the first key varying slowest. */
function grid(lists: unknown[][], size: number): unknown[][] {
  if (size > MAX_TRIALS) {
    throw new ConfigError(
      `tuning.space: the grid has ${size} combinations, more than ${MAX_TRIALS}; list fewer values, or use search: random with trials: N.`,
    );
  }
  return lists.reduce<unknown[][]>(
    (combinations, values) => combinations.flatMap((head) => values.map((v) => [...head, v])),
    [[]],
  );
}

/** `count` distinct combinations drawn with a generator seeded by `seed`. */
function randomDraws(dimensions: Dimension[], count: number, seed: number): unknown[][] {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const draws: unknown[][] = [];
  for (let tries = 0; draws.length < count && tries < count * DRAWS_PER_TRIAL; tries++) {
    const values = dimensions.map((dimension) =>
      Array.isArray(dimension)
        ? dimension[Math.floor(rng() * dimension.length)]
        : drawNumber(dimension, rng()),
    );
    const key = JSON.stringify(values);
    if (seen.has(key)) continue;
    seen.add(key);
    draws.push(values);
  }
  return draws;
}

/** A number of `range` for a uniform `u` in [0, 1): log-uniform with `log`, whole with `integer`. */
function drawNumber(range: NumberRange, u: number): number {
  const { min, max } = range;
  if (range.integer && !range.log) {
    const low = Math.ceil(min);
    return low + Math.floor(u * (Math.floor(max) - low + 1));
  }
  const value = range.log
    ? Math.exp(Math.log(min) + u * Math.log(max / min))
    : min + u * (max - min);
  const rounded = range.integer ? Math.round(value) : Number(value.toPrecision(RANGE_DIGITS));
  return Math.min(max, Math.max(min, rounded));
}

/** `key=value` pairs of a trial, for logs and summaries. */
export function describeParams(params: TrialParams): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');
}

/** The config trial `params` trains with: the model settings replaced, each checked again. */
export function trialConfig(config: Config, params: TrialParams): Config {
  const next = structuredClone(config);
  for (const [key, value] of Object.entries(params)) {
    const parsed = hyperParameterSchema(key)?.safeParse(value);
    if (!parsed?.success) {
      throw new ConfigError(
        `tuning.space.${key}: ${JSON.stringify(value)} is not a valid value of model.${key}.`,
      );
    }
    const parts = key.split('.');
    let target = next.model as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
    target[parts.at(-1) as string] = parsed.data;
  }
  // Values fine one by one may clash together (reduce_lr_on_plateau.min_lr above learning_rate).
  const model = modelSchema.safeParse(next.model);
  if (!model.success) {
    const issue = model.error.issues[0];
    throw new ConfigError(
      `tuning.space: the trial ${describeParams(params)} makes an invalid model: model.${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return { ...next, model: model.data };
}

/** A trial's result as ranking needs it. */
export interface Scored {
  trial: string;
  metrics: Record<string, number>;
}

/**
 * `results` best first by `metric` (its own direction: auc up, rmse down); a trial without the
 * metric goes last, and ties keep plan order (`order`: trial ids as planned).
 */
export function rankTrials<T extends Scored>(results: T[], metric: string, order: string[]): T[] {
  const sign = metricDirection(metric) === 'lower' ? 1 : -1;
  const score = (result: T) => {
    const value = result.metrics[metric];
    return value === undefined || !Number.isFinite(value) ? Infinity : sign * value;
  };
  const position = (result: T) => order.indexOf(result.trial);
  return [...results].sort((a, b) => score(a) - score(b) || position(a) - position(b));
}

/**
 * `configText` (the user's mlops.yml) with the winning trial's values set under `model:`; its
 * comments and layout stay, so the file can replace mlops.yml in a commit.
 */
export function winningConfigText(configText: string, params: TrialParams, note: string): string {
  const doc = parseDocument(configText);
  for (const [key, value] of Object.entries(params)) {
    doc.setIn(['model', ...key.split('.')], doc.createNode(value, { flow: true }));
  }
  doc.commentBefore = doc.commentBefore ? ` ${note}\n${doc.commentBefore}` : ` ${note}`;
  return doc.toString({ flowCollectionPadding: false });
}
