/**
 * A numeric column's shape: a point mass at an edge of its range gets a slot of its own, a long
 * right tail is encoded as log1p — both learned on the training rows only, saved in the spec, and
 * applied the same way when raw rows are scored.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { RawTable } from '../src/data/types.js';
import { selectBackend } from '../src/model/backend.js';
import { buildNetwork } from '../src/model/network.js';
import { fitNumericShape } from '../src/model/numeric-shape.js';
import { predictRows } from '../src/model/predict.js';
import {
  featureWidth,
  fitPreprocessing,
  transformFeatures,
  type PreprocessingSpec,
} from '../src/model/preprocess.js';
import { scoreRawRows } from '../src/model/score.js';

beforeAll(async () => {
  await selectBackend('cpu', {});
});

describe('fitNumericShape', () => {
  test.each([
    ['rain: 0 on most days, a long tail', [0, 0, 0, 0, 0, 0, 0.5, 1, 2, 30], 0, true],
    ['a value capped at the top', [1, 2, 3, 5, 5, 5, 5], 5, false],
    ['0/1: no slot saying it is 0', [0, 0, 0, 1], null, false],
    ['no value more frequent than the others', [1, 2, 3, 1, 2, 3], null, false],
    ['the most frequent value inside the range', [1, 2, 2, 2, 3, 4], null, false],
    ['a long tail with a negative value: no log', [-1, 0, 1, 1, 2, 3, 4, 90], null, false],
    ['no values', [], null, false],
  ])('%s', (_, values, edge, log) => {
    expect(fitNumericShape(values)).toEqual(edge === null ? { log } : { edge, log });
  });
});

describe('a numeric column with an edge value and a long tail', () => {
  // Training rows 0–9: rain is 0 on six of them, with a long tail. Test rows 10–13 have no 0 at
  // all and a value far outside the training range: the spec must not move for them.
  const rain = ['0', '0', '0', '0', '0', '0', '0.5', '1', '2', '30', '3', '4', '100', null];
  const table: RawTable = {
    source: 'weather.csv',
    columns: ['rain', 'wind', 'sky'],
    rows: rain.map((r, i) => [r, String((i * 7) % 5), i % 2 ? 'rain' : 'sun']),
    lines: rain.map((_, i) => i + 2),
  };
  const trainRows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const features = [
    { column: 'rain', kind: 'numeric' as const },
    { column: 'wind', kind: 'numeric' as const },
  ];
  const label = {
    column: 'sky',
    task: 'binary' as const,
    classes: ['rain', 'sun'] as [string, string],
  };
  const spec = fitPreprocessing(table, trainRows, features, label);
  const logs = trainRows.map((r) => Math.log1p(Number(rain[r])));
  const mean = logs.reduce((s, v) => s + v, 0) / logs.length;
  const std = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / logs.length);

  test('is fitted on the training rows only: log1p moments and a slot for 0', () => {
    const encoding = spec.features[0];
    expect(encoding).toMatchObject({ kind: 'numeric', edge: 0, log: true, indicator: false });
    expect(encoding && 'mean' in encoding ? encoding.mean : NaN).toBeCloseTo(mean, 12);
    expect(encoding && 'std' in encoding ? encoding.std : NaN).toBeCloseTo(std, 12);
    // wind (0, 2, 4, 1, 3, …) is evenly spread: plain standardisation, one slot.
    expect(spec.features[1]).toEqual({
      kind: 'numeric',
      column: 'wind',
      mean: 2,
      std: Math.sqrt(2),
      indicator: false,
      log: false,
    });
    expect(spec.width).toBe(3);
    expect(spec.features.map(featureWidth)).toEqual([2, 1]);
  });

  test('encodes log1p(value) standardised, then 1 for the edge value', () => {
    const matrix = transformFeatures(spec, table, [0, 9, 12, 13]);
    const rainSlots = (row: number) => Array.from(matrix.subarray(row * 3, row * 3 + 2));
    expect(rainSlots(0)).toEqual([Math.fround((0 - mean) / std), 1]);
    expect(rainSlots(1)).toEqual([Math.fround((Math.log1p(30) - mean) / std), 0]);
    expect(rainSlots(2)).toEqual([Math.fround((Math.log1p(100) - mean) / std), 0]);
    // A missing value (no indicator: none in training) is the mean, and not the edge value.
    expect(rainSlots(3)).toEqual([0, 0]);
  });

  test('round-trips through the saved spec, and raw rows score as the pipeline encodes them', async () => {
    const reloaded = JSON.parse(JSON.stringify(spec)) as PreprocessingSpec;
    expect(reloaded).toEqual(spec);
    const rows = table.rows.map((_, i) => i);
    const encoded = transformFeatures(spec, table, rows);
    expect(Array.from(transformFeatures(reloaded, table, rows))).toEqual(Array.from(encoded));

    const model = buildNetwork({
      inputWidth: spec.width,
      task: 'binary',
      classes: 1,
      hidden: [4],
      dropout: 0,
      learningRate: 0.01,
      seed: 5,
    });
    const pipeline = await predictRows(model, encoded, rows.length, spec.width, spec.label);
    const raw = table.rows.map(([r, wind]) => ({ rain: r, wind: Number(wind) }));
    const served = await scoreRawRows({ model, preprocessing: reloaded }, raw);
    expect(served.map((p) => (p.task === 'binary' ? p.score : NaN))).toEqual(
      Array.from(pipeline.task === 'binary' ? pipeline.scores : []),
    );
  });
});
