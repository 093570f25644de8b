/**
 * A serving-ready bundle: raw rows as a client sends them (missing-value tokens, a decimal comma,
 * dates, text) scored by the bundle alone equal the pipeline's scores on the same rows, down to the
 * bit, and give the metrics `mlops evaluate` wrote.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { nodeFileSystem } from '../src/adapters/fs.js';
import { parseConfig } from '../src/config/load.js';
import { readCsvRecords } from '../src/data/csv.js';
import { prepareData } from '../src/data/prepare.js';
import { readTable } from '../src/data/read-table.js';
import { computeMetrics } from '../src/evaluate/metrics.js';
import { encodeRows } from '../src/model/examples.js';
import { predictRows } from '../src/model/predict.js';
import {
  fitPreprocessing,
  preprocessingOptions,
  transformFeatures,
  type PreprocessingSpec,
} from '../src/model/preprocess.js';
import { scoreRawRows } from '../src/model/score.js';
import { encodeLabel } from '../src/model/task.js';
import { createRng } from '../src/util/random.js';
import { loadBundle, type LoadedModel } from '../src/steps/bundle-io.js';
import { mlops, readJson } from './support/cli.js';
import { makeRepo } from './support/repo.js';

const CONFIG = [
  'name: churn',
  'data:',
  '  train: data.csv',
  '  label: churned',
  '  na_values: ["-999", "n/a", ""]',
  '  decimal: ","',
  'model:',
  '  epochs: 20',
  '  learning_rate: 0.01',
  '  hidden: [16]',
  '  batch_size: 32',
].join('\n');

/** A semicolon-separated file written with a decimal comma, -999 and n/a for missing values. */
function churnCsv(rows: number): string {
  const rng = createRng(21);
  const lines = ['amount;city;member;signup;comment;churned'];
  const words = ['slow', 'refund', 'great', 'thanks', 'broken', 'fast'];
  for (let i = 0; i < rows; i++) {
    const amount = Math.round(rng() * 10000) / 100;
    const comment = Array.from({ length: 4 }, () => words[Math.floor(rng() * 6)]).join(' ');
    const churned = amount < 40 || comment.includes('refund') ? 'yes' : 'no';
    const month = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
    lines.push(
      [
        i % 13 === 0 ? '-999' : amount.toFixed(2).replace('.', ','),
        ['Porto', 'Lisbon', 'Braga'][i % 3],
        i % 11 === 0 ? 'n/a' : rng() < 0.5 ? 'yes' : 'no',
        `2024-${month}-1${i % 10}T0${i % 10}:30:00`,
        i % 17 === 0 ? 'N/A' : comment,
        churned,
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('scoreRawRows', () => {
  let dir: string;
  let loaded: LoadedModel;
  /** The test split's rows, as read raw by the CSV parser: every cell a string, tokens and all. */
  let rawRows: Record<string, string>[];
  let testRows: number[];
  let prepared: ReturnType<typeof prepareData>;

  beforeAll(async () => {
    const csv = churnCsv(300);
    dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': csv });
    for (const step of ['train', 'evaluate']) {
      const run = await mlops(dir, [step]);
      if (run.code !== 0) throw new Error(`mlops ${step} failed:\n${run.stderr}`);
    }
    loaded = await loadBundle(nodeFileSystem, path.join(dir, '.mlops/model'));
    const table = await readTable(chunks(csv), {
      source: 'data.csv',
      naValues: ['-999', 'n/a', ''],
      decimal: ',',
    });
    prepared = prepareData(table, {
      label: 'churned',
      ignore: [],
      split: { test: 0.2, validation: 0.1, seed: 42 },
    });
    testRows = prepared.split.test;
    const records: Record<number, Record<string, string>> = {};
    let header: string[] = [];
    for await (const record of readCsvRecords(chunks(csv), { source: 'data.csv' })) {
      if (header.length === 0) header = record.fields;
      else
        records[record.line] = Object.fromEntries(
          header.map((h, i) => [h, record.fields[i] ?? '']),
        );
    }
    rawRows = testRows.map(
      (row) => records[prepared.table.lines[row] as number] as Record<string, string>,
    );
  });

  test('the spec records how cells are read: missing tokens and the decimal mark', () => {
    expect(loaded.preprocessing.input).toEqual({ naValues: ['-999', 'n/a', ''], decimal: ',' });
    expect(loaded.preprocessing.features.map((f) => f.kind)).toEqual([
      'numeric',
      'categorical',
      'boolean',
      'date',
      'text',
    ]);
    expect(rawRows.some((row) => row.amount === '-999')).toBe(true);
    expect(rawRows.some((row) => row.amount?.includes(','))).toBe(true);
  });

  test('the spec read back from the bundle is the one fitted, and encodes identically', () => {
    const config = parseConfig(CONFIG, 'mlops.yml');
    const fitted = fitPreprocessing(
      prepared.table,
      prepared.split.train,
      prepared.features,
      loaded.preprocessing.label,
      preprocessingOptions(config.data),
    );
    expect(loaded.preprocessing).toEqual(fitted);
    const rows = prepared.table.rows.map((_, i) => i);
    const before = transformFeatures(fitted, prepared.table, rows);
    const after = transformFeatures(loaded.preprocessing, prepared.table, rows);
    expect(Buffer.from(after.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });

  test('raw rows score exactly as the pipeline encodes and predicts them', async () => {
    const spec = loaded.preprocessing;
    const encoded = encodeRows(spec, prepared.table, testRows);
    const pipeline = await predictRows(
      loaded.model,
      encoded.examples.features,
      encoded.examples.count,
      spec.width,
      spec.label,
    );
    const served = await scoreRawRows(loaded, rawRows);
    expect(served).toHaveLength(testRows.length);
    const scores = Float32Array.from(served, (p) => (p.task === 'binary' ? p.score : NaN));
    expect(
      pipeline.task === 'binary' &&
        Buffer.from(scores.buffer).equals(Buffer.from(pipeline.scores.buffer)),
    ).toBe(true);
    served.forEach((p) => {
      expect(p.task === 'binary' && p.label === (p.score > 0.5 ? 'yes' : 'no')).toBe(true);
    });
  });

  test('their metrics are the ones `mlops evaluate` wrote', async () => {
    const spec = loaded.preprocessing;
    const served = await scoreRawRows(loaded, rawRows);
    const labels = Float32Array.from(
      rawRows,
      (row) => encodeLabel(spec.label, row.churned ?? null) as number,
    );
    const scores = Float32Array.from(served, (p) => (p.task === 'binary' ? p.score : NaN));
    const ours = computeMetrics({ task: 'binary', labels, scores, classes: ['no', 'yes'] });
    const written = readJson<{ evaluation: { overall: Record<string, number> } }>(
      dir,
      '.mlops/evaluation.json',
    ).evaluation.overall;
    for (const metric of ['auc', 'log_loss', 'brier', 'pr_auc']) {
      expect([metric, ours[metric]]).toEqual([metric, written[metric]]);
    }
  });

  test("JSON values (numbers, booleans, null) and absent columns read as the file's cells do", async () => {
    const [first] = rawRows as [Record<string, string>];
    const typed = {
      ...first,
      amount: first.amount === '-999' ? -999 : Number(first.amount?.replace(',', '.')),
      member: first.member === 'yes' ? true : first.member === 'no' ? false : null,
      unused: { nested: true },
    };
    const [fromText] = await scoreRawRows(loaded, [first]);
    const [fromJson] = await scoreRawRows(loaded, [typed]);
    expect(fromJson).toEqual(fromText);
    const { comment: _comment, ...withoutComment } = first;
    const [absent] = await scoreRawRows(loaded, [withoutComment]);
    const [missing] = await scoreRawRows(loaded, [{ ...first, comment: 'N/A' }]);
    expect(absent).toEqual(missing);
  });

  test('a spec of an older format is refused with what to do', () => {
    const old = { ...loaded.preprocessing, version: 1 } as unknown as PreprocessingSpec;
    expect(() => transformFeatures(old, prepared.table, [0])).toThrow(
      /preprocessing\.json is version 1.*train the model again with `mlops train`/,
    );
  });
});

async function* chunks(text: string): AsyncIterable<string> {
  yield text;
}
