import { beforeAll, describe, expect, test } from '@jest/globals';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { prepareData } from '../src/data/prepare.js';
import { readTable } from '../src/data/read-table.js';
import type { RawTable, RawValue } from '../src/data/types.js';
import { DataError } from '../src/errors.js';
import { selectBackend } from '../src/model/backend.js';
import { encodeRows } from '../src/model/examples.js';
import { deserializeModel, serializeModel } from '../src/model/io.js';
import { predictRows } from '../src/model/predict.js';
import {
  featureWidth,
  fitPreprocessing,
  transformFeatures,
  type PreprocessingSpec,
} from '../src/model/preprocess.js';
import { fitLabelEncoding, inferTask, sortClasses, type LabelEncoding } from '../src/model/task.js';
import { fitNetwork, type Examples, type FitOptions } from '../src/model/train.js';
import { makeCsv, type TaskKind } from './support/data.js';

async function* chunksOf(text: string): AsyncIterable<string> {
  yield text;
}

interface Prepared {
  spec: PreprocessingSpec;
  train: Examples;
  validation: Examples;
  labelEncoding: LabelEncoding;
}

/** makeCsv data read, prepared and encoded the way `mlops train` does it. */
async function encodedData(task: TaskKind, rows: number): Promise<Prepared> {
  const raw = await readTable(chunksOf(makeCsv(task, rows, { seed: 3 })), { source: 'data.csv' });
  const prepared = prepareData(raw, {
    label: 'target label',
    ignore: ['customer id'],
    split: { test: 0.2, validation: 0.2, seed: 42 },
  });
  const { table, split, features } = prepared;
  const labelIndex = table.columns.indexOf('target label');
  const labels = split.train.map((row) => table.rows[row]?.[labelIndex] ?? null);
  const labelEncoding = fitLabelEncoding(task, labels, 'target label');
  const spec = fitPreprocessing(table, split.train, features, {
    column: 'target label',
    ...labelEncoding,
  });
  return {
    spec,
    labelEncoding,
    train: encodeRows(spec, table, split.train).examples,
    validation: encodeRows(spec, table, split.validation).examples,
  };
}

function fitOptions(data: Prepared, task: TaskKind, overrides: Partial<FitOptions> = {}) {
  return {
    inputWidth: data.spec.width,
    task,
    classes: data.labelEncoding.task === 'multiclass' ? data.labelEncoding.classes.length : 1,
    hidden: [16],
    dropout: 0.3,
    learningRate: 0.01,
    seed: 42,
    epochs: 4,
    batchSize: 32,
    patience: 10,
    minDelta: 0,
    ...overrides,
  } satisfies FitOptions;
}

/** Every weight of a model, concatenated as bytes. */
function weightBytes(model: tfl.LayersModel): Buffer {
  return Buffer.concat(
    model.getWeights().map((w) => Buffer.from((w.dataSync() as Float32Array).buffer.slice(0))),
  );
}

function bytesOf(array: Float32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

beforeAll(async () => {
  const backend = await selectBackend('cpu', {});
  expect(backend.name).toBe('cpu');
});

describe('save and load', () => {
  test.each<TaskKind>(['binary', 'multiclass', 'regression'])(
    'a %s model predicts bit-identically after serializeModel → deserializeModel',
    async (task) => {
      const data = await encodedData(task, 160);
      const { model } = await fitNetwork(data.train, data.validation, fitOptions(data, task));
      const files = await serializeModel(model);
      const loaded = await deserializeModel(files);
      const predict = (m: tfl.LayersModel) =>
        predictRows(
          m,
          data.validation.features,
          data.validation.count,
          data.spec.width,
          data.labelEncoding,
        );
      const before = await predict(model);
      const after = await predict(loaded);
      const values = (o: Awaited<ReturnType<typeof predict>>) =>
        o.task === 'binary' ? o.scores : o.task === 'multiclass' ? o.probabilities : o.values;
      expect(values(before).length).toBeGreaterThan(0);
      expect(bytesOf(values(after)).equals(bytesOf(values(before)))).toBe(true);

      // Saving the loaded model again gives the same bytes: nothing (like a date) varies.
      const again = await serializeModel(loaded);
      expect(Buffer.from(again.weights).equals(Buffer.from(files.weights))).toBe(true);
      expect(again.modelJson).toBe(files.modelJson);
      model.dispose();
      loaded.dispose();
    },
  );

  test('model.json follows the tfjs layout and points at weights.bin with every weight', async () => {
    const data = await encodedData('binary', 80);
    const { model } = await fitNetwork(data.train, null, fitOptions(data, 'binary', { epochs: 1 }));
    const files = await serializeModel(model);
    const json = JSON.parse(files.modelJson) as {
      format: string;
      modelTopology: unknown;
      weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
    };
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology).toBeTruthy();
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    const floats = json.weightsManifest[0]!.weights.reduce(
      (n, w) => n + w.shape.reduce((a, b) => a * b, 1),
      0,
    );
    expect(files.weights.byteLength).toBe(floats * 4);
    expect(files.modelJson).not.toMatch(/dateSaved|20\d\d-\d\d-\d\dT/);
    model.dispose();
  });

  test('deserializeModel reads weights from a view into a larger buffer', async () => {
    const data = await encodedData('binary', 80);
    const { model } = await fitNetwork(data.train, null, fitOptions(data, 'binary', { epochs: 1 }));
    const files = await serializeModel(model);
    // Like a Buffer from fs: the bytes sit at an offset inside a bigger ArrayBuffer.
    const padded = new Uint8Array(files.weights.byteLength + 16);
    padded.set(files.weights, 8);
    const view = padded.subarray(8, 8 + files.weights.byteLength);
    const loaded = await deserializeModel({ modelJson: files.modelJson, weights: view });
    expect(weightBytes(loaded).equals(weightBytes(model))).toBe(true);
    model.dispose();
    loaded.dispose();
  });
});

describe('training is deterministic', () => {
  test('two fitNetwork runs with the same seed and data give identical weights, with dropout on', async () => {
    const data = await encodedData('binary', 200);
    const options = fitOptions(data, 'binary', { dropout: 0.3, epochs: 5 });
    const a = await fitNetwork(data.train, data.validation, options);
    const b = await fitNetwork(data.train, data.validation, options);
    expect(a.history).toEqual(b.history);
    expect(a.bestEpoch).toBe(b.bestEpoch);
    expect(weightBytes(a.model).equals(weightBytes(b.model))).toBe(true);
    const [fa, fb] = [await serializeModel(a.model), await serializeModel(b.model)];
    expect(Buffer.from(fa.weights).equals(Buffer.from(fb.weights))).toBe(true);
    // model.json too: layer names do not depend on how many models the process built before.
    expect(fa.modelJson).toBe(fb.modelJson);
    a.model.dispose();
    b.model.dispose();
  });

  test('a different seed gives different weights', async () => {
    const data = await encodedData('multiclass', 200);
    const a = await fitNetwork(data.train, data.validation, fitOptions(data, 'multiclass'));
    const b = await fitNetwork(
      data.train,
      data.validation,
      fitOptions(data, 'multiclass', { seed: 43 }),
    );
    expect(weightBytes(a.model).equals(weightBytes(b.model))).toBe(false);
    a.model.dispose();
    b.model.dispose();
  });

  test('training restores Math.random and learns (loss falls)', async () => {
    const original = Math.random;
    const data = await encodedData('regression', 200);
    const result = await fitNetwork(
      data.train,
      data.validation,
      fitOptions(data, 'regression', { epochs: 8, dropout: 0 }),
    );
    expect(Math.random).toBe(original);
    const losses = result.history.map((h) => h.loss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(result.history.every((h) => Number.isFinite(h.valLoss))).toBe(true);
    result.model.dispose();
  });

  test('early stopping keeps the best epoch and says it stopped early', async () => {
    const data = await encodedData('binary', 120);
    // A huge min_delta means no epoch after the first counts as an improvement.
    const result = await fitNetwork(
      data.train,
      data.validation,
      fitOptions(data, 'binary', {
        epochs: 8,
        patience: 2,
        minDelta: 1e6,
        restoreBestWeights: true,
      }),
    );
    expect(result.bestEpoch).toBe(1);
    expect(result.history).toHaveLength(3);
    expect(result.stoppedEarly).toBe(true);
    result.model.dispose();
  });

  test('a loss that is NaN from the first epoch is a DataError, not a crash', async () => {
    const data = await encodedData('regression', 80);
    const poisoned = { ...data.train, features: data.train.features.map(() => NaN) };
    await expect(
      fitNetwork(poisoned, null, fitOptions(data, 'regression', { epochs: 3, dropout: 0 })),
    ).rejects.toThrow(/training diverged: the loss was NaN/);
  });

  test('training leaks no tensors', async () => {
    const data = await encodedData('binary', 80);
    const before = tf.memory().numTensors;
    const result = await fitNetwork(
      data.train,
      data.validation,
      fitOptions(data, 'binary', { epochs: 2 }),
    );
    const weights = result.model.getWeights().length;
    result.model.dispose();
    // Only the optimizer's slots may outlive the model.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(weights * 2 + 2);
  });
});

describe('fitPreprocessing and transformFeatures', () => {
  const table: RawTable = {
    source: 't.csv',
    columns: ['amount', 'city', 'member', 'note', 'when', 'blank', 'y'],
    rows: [
      ['1', 'Porto', 'yes', 'Great service', '2024-03-01', null, 'a'],
      ['2', 'Porto', null, 'slow, slow delivery', '2024-03-03', null, 'b'],
      ['3', 'Lisbon', 'no', null, '2024-03-05', null, 'a'],
      [null, 'Braga', 'yes', 'very good', null, null, 'b'],
      // Test rows: values never seen in training.
      ['1000', 'Zurich', 'no', 'GREAT service!', '2030-01-01', null, 'a'],
      ['abc', null, null, '', '2024-03-03', null, 'b'],
    ],
    lines: [2, 3, 4, 5, 6, 7],
  };
  const trainRows = [0, 1, 2, 3];
  const features: {
    column: string;
    kind: 'numeric' | 'categorical' | 'boolean' | 'text' | 'date' | 'empty';
  }[] = [
    { column: 'amount', kind: 'numeric' },
    { column: 'city', kind: 'categorical' },
    { column: 'member', kind: 'boolean' },
    { column: 'note', kind: 'text' },
    { column: 'when', kind: 'date' },
    { column: 'blank', kind: 'empty' },
  ];
  const label = { column: 'y', task: 'binary', classes: ['a', 'b'] } as const;
  const spec = fitPreprocessing(table, trainRows, features, {
    column: 'y',
    task: label.task,
    classes: [...label.classes] as [string, string],
  });
  const byColumn = (column: string) => spec.features.find((f) => f.column === column);
  /** The encoded slots of one column for one row. */
  const slots = (row: number, column: string): number[] => {
    const matrix = transformFeatures(spec, table, [row]);
    let offset = 0;
    for (const f of spec.features) {
      const width = featureWidth(f);
      if (f.column === column) return Array.from(matrix.subarray(offset, offset + width));
      offset += width;
    }
    throw new Error(`no encoding for ${column}`);
  };

  test('standardisation is learned on the train rows only', () => {
    const amount = byColumn('amount');
    expect(amount).toMatchObject({ kind: 'numeric', mean: 2, indicator: true });
    // Train values 1, 2, 3 (one missing): population std √(2/3). The test row's 1000 is ignored.
    expect(amount && 'std' in amount ? amount.std : NaN).toBeCloseTo(Math.sqrt(2 / 3), 12);
    const std = Math.sqrt(2 / 3);
    expect(slots(0, 'amount')[0]).toBeCloseTo((1 - 2) / std, 5);
    expect(slots(4, 'amount')[0]).toBeCloseTo((1000 - 2) / std, 2);
  });

  test('a value only in test rows does not move the mean, refitting with it does', () => {
    const withTest = fitPreprocessing(table, [0, 1, 2, 3, 4], features, spec.label);
    const amount = withTest.features.find((f) => f.column === 'amount');
    // 1000 is a long right tail: the refitted column is encoded as log1p, its mean that of the logs.
    expect(amount).toMatchObject({ log: true });
    expect(amount).not.toHaveProperty('edge');
    const logs = [1, 2, 3, 1000].map(Math.log1p);
    expect(amount && 'mean' in amount ? amount.mean : NaN).toBeCloseTo(
      logs.reduce((sum, v) => sum + v, 0) / 4,
      12,
    );
  });

  test('a missing numeric value is imputed to the mean (0) with the indicator set', () => {
    expect(slots(3, 'amount')).toEqual([0, 1]);
    expect(slots(0, 'amount')[1]).toBe(0);
    // An unparseable value is treated the same way.
    expect(slots(5, 'amount')).toEqual([0, 1]);
  });

  test('a numeric column with no missing train values has no indicator slot', () => {
    const noMissing = fitPreprocessing(table, [0, 1, 2], features, spec.label);
    expect(noMissing.features.find((f) => f.column === 'amount')).toMatchObject({
      indicator: false,
    });
    expect(noMissing.features.find((f) => f.column === 'when')).toMatchObject({
      indicator: false,
    });
    // amount and when lose their indicator; city's vocabulary shrinks to Porto and Lisbon (the
    // text vocabulary is learned from fewer rows too, so it is left out of the sum).
    const withoutText = (s: PreprocessingSpec) =>
      s.width - s.features.reduce((sum, f) => sum + (f.kind === 'text' ? featureWidth(f) : 0), 0);
    expect(withoutText(noMissing)).toBe(withoutText(spec) - 3);
  });

  test('categories: vocabulary by train frequency, unknown → OOV slot, missing → missing slot', () => {
    expect(byColumn('city')).toEqual({
      kind: 'categorical',
      column: 'city',
      vocabulary: ['Porto', 'Braga', 'Lisbon'],
    });
    expect(slots(0, 'city')).toEqual([1, 0, 0, 0, 0]);
    expect(slots(2, 'city')).toEqual([0, 0, 1, 0, 0]);
    expect(slots(4, 'city')).toEqual([0, 0, 0, 1, 0]); // Zurich: out of vocabulary
    expect(slots(5, 'city')).toEqual([0, 0, 0, 0, 1]); // missing
  });

  test('booleans: 1/0 with a missing indicator', () => {
    expect(byColumn('member')).toEqual({ kind: 'boolean', column: 'member', indicator: true });
    expect(slots(0, 'member')).toEqual([1, 0]);
    expect(slots(2, 'member')).toEqual([0, 0]);
    expect(slots(1, 'member')).toEqual([0, 1]);
  });

  test("text: a TF-IDF vector of unit length over the training rows' terms, case ignored", () => {
    const note = byColumn('note');
    // Three words per row at most: short text, read by character n-grams within words.
    expect(note).toMatchObject({
      kind: 'text',
      column: 'note',
      analyzer: 'char_wb',
      ngram: [2, 4],
    });
    const great = slots(0, 'note');
    expect(Math.hypot(...great)).toBeCloseTo(1, 6);
    // Case does not matter: "GREAT service" encodes like "Great service".
    const served: RawTable = {
      ...table,
      rows: [['1', 'Porto', 'yes', 'GREAT service', null, null, 'a']],
    };
    const offset = spec.features.slice(0, 3).reduce((sum, f) => sum + featureWidth(f), 0);
    expect(
      Array.from(transformFeatures(spec, served, [0]).subarray(offset, offset + great.length)),
    ).toEqual(great);
    // Missing text encodes to all zeros.
    expect(slots(2, 'note').every((v) => v === 0)).toBe(true);
    expect(slots(5, 'note').every((v) => v === 0)).toBe(true);
  });

  test('dates are standardised epoch times with calendar features; an empty column is left out', () => {
    const when = byColumn('when');
    expect(when).toMatchObject({ kind: 'date', indicator: true, timeOfDay: false });
    expect(when && 'mean' in when ? when.mean : NaN).toBe(Date.UTC(2024, 2, 3));
    // 2024-03-03, a Sunday: two days into March, day 0 of the week.
    const march = (2 + 2 / 31) / 12;
    expect(slots(1, 'when')).toEqual(
      [0, 0, Math.sin(2 * Math.PI * march), Math.cos(2 * Math.PI * march), 0, 1].map(Math.fround),
    );
    expect(slots(3, 'when')).toEqual([0, 1, 0, 0, 0, 0]);
    expect(byColumn('blank')).toBeUndefined();
  });

  test('width is the sum of every encoding, and rows are laid out one after another', () => {
    // amount 2 + city 5 + member 2 + note (its vocabulary) + when 2 + 4 calendar features
    const note = byColumn('note');
    const width = 2 + 5 + 2 + (note?.kind === 'text' ? note.idf.length : NaN) + 6;
    expect(spec.width).toBe(width);
    const matrix = transformFeatures(spec, table, [4, 0]);
    expect(matrix.length).toBe(2 * width);
    expect(Array.from(matrix.subarray(width))).toEqual(
      Array.from(transformFeatures(spec, table, [0])),
    );
  });

  test('a column missing from the table at serving time encodes as missing', () => {
    const served: RawTable = {
      source: 'serve.csv',
      columns: ['amount', 'member', 'note', 'when'],
      rows: [['2', 'yes', 'very good', '2024-03-03']],
      lines: [2],
    };
    const matrix = transformFeatures(spec, served, [0]);
    // city is all missing → its missing slot is set.
    expect(Array.from(matrix.subarray(2, 7))).toEqual([0, 0, 0, 0, 1]);
  });

  test('the spec is plain JSON: saved and reloaded it encodes the same', () => {
    const reloaded = JSON.parse(JSON.stringify(spec)) as PreprocessingSpec;
    const rows = [0, 1, 2, 3, 4, 5];
    expect(bytesOf(transformFeatures(reloaded, table, rows))).toEqual(
      bytesOf(transformFeatures(spec, table, rows)),
    );
  });

  test('categorical vocabulary is capped at 50, the rest share the OOV slot', () => {
    const many: RawTable = {
      source: 'm.csv',
      columns: ['c'],
      rows: Array.from({ length: 60 }, (_, i) => [`v${String(i).padStart(2, '0')}`]),
      lines: Array.from({ length: 60 }, (_, i) => i + 2),
    };
    const rows = Array.from({ length: 60 }, (_, i) => i);
    const s = fitPreprocessing(many, rows, [{ column: 'c', kind: 'categorical' }], spec.label);
    const c = s.features[0];
    expect(c?.kind === 'categorical' ? c.vocabulary.length : 0).toBe(50);
    expect(s.width).toBe(52);
    const last = transformFeatures(s, many, [59]);
    expect(last[50]).toBe(1);
  });
});

describe('inferTask', () => {
  const ints = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  const cases: [string, string, RawValue[]][] = [
    ['0/1 text', 'binary', ['0', '1', '1', '0']],
    ['0/1 numbers from JSONL', 'binary', [0, 1, 1, 0]],
    ['true/false booleans', 'binary', [true, false, true]],
    ['yes/no', 'binary', ['yes', 'no', 'no']],
    ['two words with missing labels', 'binary', ['yes', null, 'no', '']],
    ['three strings', 'multiclass', ['low', 'mid', 'high', 'mid']],
    ['a few small integers', 'multiclass', ['1', '2', '3', '2', '1']],
    ['floats', 'regression', ['1.5', '2.25', '3.0', '0.1']],
    ['integers with many values', 'regression', ints(30)],
    ['numbers from JSONL', 'regression', [1.5, 2, 3.75]],
  ];
  test.each(cases)('%s → %s', (_name, task, labels) => {
    expect(inferTask(labels, 'y')).toBe(task);
  });

  test('one distinct value is a DataError naming the label', () => {
    expect(() => inferTask(['yes', 'yes', null], 'churned?')).toThrow(DataError);
    expect(() => inferTask(['yes', 'yes', null], 'churned?')).toThrow(
      /label "churned\?" has 1 distinct value/,
    );
  });

  test('no values at all is a DataError', () => {
    expect(() => inferTask([null, ''], 'y')).toThrow(/0 distinct value/);
  });

  test('too many distinct strings asks for model.task', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `class ${i}`);
    expect(() => inferTask(labels, 'y')).toThrow(DataError);
    expect(() => inferTask(labels, 'y')).toThrow(/model\.task/);
  });
});

describe('sortClasses and the label encoding', () => {
  const cases: [string[], string[]][] = [
    [
      ['yes', 'no'],
      ['no', 'yes'],
    ],
    [
      ['1', '0'],
      ['0', '1'],
    ],
    [
      ['True', 'False'],
      ['False', 'True'],
    ],
    [
      ['Y', 'N'],
      ['N', 'Y'],
    ],
    [
      ['positive', 'negative'],
      ['negative', 'positive'],
    ],
    [
      ['churn', 'stay'],
      ['churn', 'stay'],
    ],
    [
      ['10', '9', '2'],
      ['2', '9', '10'],
    ],
    [
      ['high', 'low', 'mid'],
      ['high', 'low', 'mid'],
    ],
  ];
  test.each(cases)('%j → %j (positive class last)', (input, sorted) => {
    expect(sortClasses(input)).toEqual(sorted);
  });

  test('sortClasses does not reorder its input', () => {
    const input = ['yes', 'no'];
    sortClasses(input);
    expect(input).toEqual(['yes', 'no']);
  });

  test('a binary encoding puts the positive class at index 1', () => {
    expect(fitLabelEncoding('binary', ['yes', 'no', null, 'yes'], 'y')).toEqual({
      task: 'binary',
      classes: ['no', 'yes'],
    });
    expect(fitLabelEncoding('binary', [1, 0, 1], 'y')).toEqual({
      task: 'binary',
      classes: ['0', '1'],
    });
  });

  test('binary with three classes in the training labels is a DataError', () => {
    expect(() => fitLabelEncoding('binary', ['a', 'b', 'c'], 'grade')).toThrow(
      /label "grade": binary needs exactly two classes/,
    );
  });

  test('regression with a non-number label is a DataError quoting the value', () => {
    expect(() => fitLabelEncoding('regression', ['1.5', 'lots'], 'price')).toThrow(/"lots"/);
  });
});
