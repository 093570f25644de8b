/**
 * Training and evaluation read the data file in batches (steps/encoded-data.ts), never holding it:
 * a file read in many small batches gives the same bundle and evaluation, byte for byte, as the
 * same file read in one. Also the two size rules of a large table: the seeded sample the
 * preprocessing is fitted on, and `model.batch_size: auto`.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConsoleLogger } from '../src/adapters/log.js';
import { createLocalDeps } from '../src/cli/deps.js';
import { parseConfig } from '../src/config/load.js';
import { sampleRows } from '../src/data/split.js';
import { autoBatchSize } from '../src/model/fit-settings.js';
import type { StepContext } from '../src/steps/context.js';
import { runEvaluate } from '../src/steps/evaluate.js';
import { runTrain } from '../src/steps/train.js';
import { CPU, LABEL, NO_DEFAULT_GATE } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { tempDir } from './support/repo.js';

const CONFIG = [
  'name: churn',
  'data:',
  '  train: data.csv',
  `  label: ${LABEL}`,
  '  slices: [city]',
  'model:',
  '  epochs: 2',
  '  hidden: [8]',
  '  backend: cpu',
  NO_DEFAULT_GATE,
].join('\n');

/** Trains and evaluates in a fresh folder, the file streamed in chunks of `chunkBytes` (or as read). */
async function trainAndEvaluate(csv: string, chunkBytes?: number) {
  const dir = tempDir('mlops-batches-');
  writeFileSync(path.join(dir, 'data.csv'), csv);
  const config = parseConfig(CONFIG, 'mlops.yml');
  const out = path.join(dir, 'out');
  const deps = createLocalDeps({
    repo: dir,
    config,
    baseDir: dir,
    log: createConsoleLogger({ write: () => undefined }),
    github: { repositorySource: 'test' },
    cache: { env: CPU, cwd: dir, out },
  });
  let chunks = 0;
  const stream = deps.fs.stream.bind(deps.fs);
  const fs = {
    ...deps.fs,
    async *stream(file: string) {
      for await (const chunk of stream(file)) {
        for (let at = 0; at < chunk.length; at += chunkBytes ?? chunk.length) {
          chunks++;
          yield chunk.subarray(at, at + (chunkBytes ?? chunk.length));
        }
      }
    },
  };
  const ctx: StepContext = { config, baseDir: dir, configFile: null, out, deps: { ...deps, fs } };
  await runTrain(ctx);
  const evaluation = await runEvaluate(ctx);
  const model = path.join(out, 'model');
  const bundle = Object.fromEntries(
    readdirSync(model).map((name) => [name, readFileSync(path.join(model, name)).toString('hex')]),
  );
  return { bundle, evaluation, chunks };
}

describe('training and evaluation read the file in batches', () => {
  test('many small batches give the same bundle and evaluation as one batch', async () => {
    const csv = makeCsv('binary', 240, { seed: 3, missingLabels: 6 });
    const whole = await trainAndEvaluate(csv);
    const batched = await trainAndEvaluate(csv, 200);
    // The file fits one chunk of the stream: one batch a pass, against a hundred or more.
    expect(whole.chunks).toBeLessThan(10);
    expect(batched.chunks).toBeGreaterThan(100);
    expect(batched.bundle).toEqual(whole.bundle);
    expect(batched.evaluation).toEqual(whole.evaluation);
    expect(whole.evaluation.evaluation.slices.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('sizes of a large table', () => {
  test('the preprocessing sample: every row up to its size, else a seeded draw of that many', () => {
    expect(sampleRows(10, 10, 1)).toBeNull();
    const drawn = sampleRows(1000, 100, 1) as Uint8Array;
    expect(drawn.reduce((sum, bit) => sum + bit, 0)).toBe(100);
    expect(sampleRows(1000, 100, 1)).toEqual(drawn);
    expect(sampleRows(1000, 100, 2)).not.toEqual(drawn);
  });

  test.each([
    [500, 64],
    [64_000, 64],
    [64_001, 128],
    [700_000, 1024],
    [10_000_000, 1024],
  ])('batch_size auto for %i training rows: %i', (rows, size) => {
    expect(autoBatchSize(rows)).toBe(size);
  });
});
