/**
 * Training and evaluation data read from the file in batches, never held as text: a pass fits the
 * preprocessing and gathers the statistics training records, a pass encodes the training and
 * validation rows into typed arrays sized from the split, and evaluation encodes the test rows the
 * same way. A small file is one batch, and the result is the same either way.
 */
import type { Config } from '../config/schema.js';
import { TableAccumulator } from '../data/column-accumulator.js';
import { isAbsent } from '../data/missing.js';
import { inferSchema } from '../data/schema.js';
import { sampleRows } from '../data/split.js';
import type { DatasetStats, Schema, ValueKind } from '../data/types.js';
import { DataError } from '../errors.js';
import { ExampleWriter, type EncodedRows } from '../model/examples.js';
import {
  preprocessingOptions,
  PreprocessingFitter,
  type PreprocessingSpec,
} from '../model/preprocess.js';
import type { LabelEncoding } from '../model/task.js';
import type { StepContext } from './context.js';
import { forEachPlacedBatch, SPLIT_CODES, type Dataset, type PlacedBatch } from './dataset.js';

/**
 * Most training rows the preprocessing is fitted on (moments, numeric shape, categories, text
 * vocabulary): past it, a sample of this many drawn with data.split.seed (README: training).
 */
export const PREPROCESSING_ROWS = 200_000;
/**
 * Finite values a column of the training statistics keeps exactly (2 MB of them): past it,
 * quantiles and histograms come from a sketch (see column-accumulator.ts), so statistics of a
 * large file stay within memory.
 */
export const TRAINING_EXACT_NUMBERS = 1 << 18;

/** What training needs of the data besides the split: its encoding and its statistics. */
export interface TrainingData {
  spec: PreprocessingSpec;
  train: EncodedRows;
  validation: EncodedRows;
  /** Statistics of the training rows, for the bundle (drift baselines). */
  statistics: DatasetStats;
  /** The committed schema, or one inferred from every row's statistics. */
  schema: Schema;
}

/**
 * Fits the preprocessing on the training rows (a sample of PREPROCESSING_ROWS past it), gathers
 * the statistics of the training rows (and of every row, for a schema when none is committed),
 * then encodes the training and validation rows: two passes over the file, a third only for a
 * column whose strings were not all tallied (see TableAccumulator.needsSecondPass).
 */
export async function readTrainingData(
  ctx: StepContext,
  dataset: Dataset,
  label: { column: string } & LabelEncoding,
): Promise<TrainingData> {
  const { config } = ctx;
  const { split, features, columns } = dataset.prepared;
  const fitter = new PreprocessingFitter(features, label, preprocessingOptions(config.data));
  const addToFit = fitter.rowAdder(columns);
  const sample = sampleRows(split.train.length, PREPROCESSING_ROWS, config.data.split.seed);
  const kinds: Record<string, ValueKind> = Object.fromEntries(
    features.map((f) => [f.column, f.kind]),
  );
  const statistics = new Statistics(kinds, dataset.schema === null);
  await forEachPlacedBatch(ctx, dataset, 'fitting the preprocessing', (batch) => {
    statistics.add(batch);
    batch.rows.forEach((row, i) => {
      if (batch.split[i] !== SPLIT_CODES.train) return;
      if (!sample || sample[batch.position[i] as number]) addToFit(row);
    });
  });
  if (statistics.needsSecondPass()) {
    const second = statistics.forSecondPass();
    await forEachPlacedBatch(ctx, dataset, 'completing the statistics', (batch) =>
      second.add(batch),
    );
  }
  const spec = fitter.finish();
  if (spec.width === 0) {
    throw new DataError(
      `${config.data.train}: no usable feature column (every column besides the label is empty or in data.ignore).`,
    );
  }
  const writers = {
    [SPLIT_CODES.train]: new ExampleWriter(spec, columns, split.train.length),
    [SPLIT_CODES.validation]: new ExampleWriter(spec, columns, split.validation.length),
  };
  await forEachPlacedBatch(ctx, dataset, 'encoding the rows', (batch) => {
    batch.rows.forEach((row, i) => {
      const code = batch.split[i] as number;
      const position = batch.position[i] as number;
      if (code === SPLIT_CODES.train) writers[code].add(row, split.train[position] as number);
      if (code === SPLIT_CODES.validation) {
        writers[code].add(row, split.validation[position] as number);
      }
    });
  });
  const finished = statistics.finish();
  return {
    spec,
    train: writers[SPLIT_CODES.train].finish(),
    validation: writers[SPLIT_CODES.validation].finish(),
    statistics: finished.train,
    schema: dataset.schema ?? inferSchema(finished.all as DatasetStats, { label: label.column }),
  };
}

/**
 * The statistics training records, from the rows of a pass: of the training rows, and of every
 * row when a schema is to be inferred; each column of a feature is of the feature's kind.
 */
class Statistics {
  private readonly train: TableAccumulator;
  private readonly all: TableAccumulator | null;
  private second: { train: TableAccumulator; all: TableAccumulator | null } | undefined;

  constructor(kinds: Record<string, ValueKind>, withAll: boolean) {
    const options = { exactNumbers: TRAINING_EXACT_NUMBERS };
    this.train = new TableAccumulator(kinds, options);
    this.all = withAll ? new TableAccumulator(kinds, options) : null;
  }

  add(batch: PlacedBatch): void {
    this.all?.add(batch);
    this.train.add(trainingRows(batch));
  }

  needsSecondPass(): boolean {
    return [this.train, this.all].some((a) => a !== null && a.needsSecondPass().length > 0);
  }

  /** Takes a second pass's batches (see needsSecondPass). */
  forSecondPass(): { add(batch: PlacedBatch): void } {
    const second = { train: this.train.forSecondPass(), all: this.all?.forSecondPass() ?? null };
    this.second = second;
    return {
      add: (batch) => {
        second.all?.add(batch);
        second.train.add(trainingRows(batch));
      },
    };
  }

  finish(): { train: DatasetStats; all: DatasetStats | null } {
    return {
      train: this.train.finish(this.second?.train),
      all: this.all?.finish(this.second?.all ?? undefined) ?? null,
    };
  }
}

/** The training rows of a batch, as a batch. */
function trainingRows(batch: PlacedBatch): PlacedBatch {
  const kept = batch.rows.flatMap((_, i) => (batch.split[i] === SPLIT_CODES.train ? [i] : []));
  return {
    ...batch,
    rows: kept.map((i) => batch.rows[i] as PlacedBatch['rows'][number]),
    lines: kept.map((i) => batch.lines[i] ?? 0),
  };
}

/** Test rows encoded for a model, with their slice values. */
export interface EncodedTestRows extends EncodedRows {
  /** Per slice column, the value of each encoded row (as text; null when missing). */
  slices: { name: string; values: (string | null)[] }[];
}

/**
 * Encodes the test rows for `spec` in one pass over the file, keeping of their raw values only the
 * slice columns; `rows` are the test rows' indices among the labelled rows.
 */
export async function readTestRows(
  ctx: StepContext,
  dataset: Dataset,
  spec: PreprocessingSpec,
  config: Config,
): Promise<EncodedTestRows> {
  const { split, columns } = dataset.prepared;
  const writer = new ExampleWriter(spec, columns, split.test.length);
  const slices = config.data.slices.map((name) => ({
    name,
    index: columns.indexOf(name),
    values: [] as (string | null)[],
  }));
  await forEachPlacedBatch(ctx, dataset, 'encoding the test rows', (batch) => {
    batch.rows.forEach((row, i) => {
      if (batch.split[i] !== SPLIT_CODES.test) return;
      if (!writer.add(row, split.test[batch.position[i] as number] as number)) return;
      for (const slice of slices) {
        const value = row[slice.index] ?? null;
        slice.values.push(isAbsent(value) ? null : String(value));
      }
    });
  });
  return { ...writer.finish(), slices: slices.map(({ name, values }) => ({ name, values })) };
}
