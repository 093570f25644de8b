/**
 * Short text that never repeats is read by its character n-grams instead of being dropped as an
 * identifier: a column of first names, each different, labelled by sex trains to a useful model,
 * while a UUID column beside it is still left out.
 */
import { expect, test } from '@jest/globals';
import { createRng } from '../src/util/random.js';
import { mlops, readJson } from './support/cli.js';
import { firstNames } from './support/names.js';
import { makeRepo } from './support/repo.js';

test('unique first names labelled by sex train to a useful model; a UUID column is left out', async () => {
  const rng = createRng(4);
  const hex = (length: number) =>
    Array.from({ length }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('');
  const rows = firstNames(600).map(
    ({ name, sex }) => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)},${name},${sex}`,
  );
  // Only a short training budget is set: the features are zero-config.
  const config =
    'data:\n  train: names.csv\n  label: sex\nmodel:\n  epochs: 30\n  learning_rate: 0.01\n';
  const dir = makeRepo({ 'names.csv': `id,name,sex\n${rows.join('\n')}\n`, 'mlops.yml': config });
  const trained = await mlops(dir, ['train'], {});
  if (trained.code !== 0) throw new Error(`mlops train failed:\n${trained.stderr}`);
  expect(trained.stderr).toContain('column "id" looks like an identifier');
  const evaluated = await mlops(dir, ['evaluate'], {});
  if (evaluated.code !== 0) throw new Error(`mlops evaluate failed:\n${evaluated.stderr}`);
  const preprocessing = readJson<{ features: Record<string, unknown>[] }>(
    dir,
    '.mlops/model/preprocessing.json',
  );
  expect(preprocessing.features).toEqual([
    expect.objectContaining({ kind: 'text', column: 'name', analyzer: 'char_wb' }),
  ]);
  const { evaluation } = readJson<{ evaluation: { overall: Record<string, number> } }>(
    dir,
    '.mlops/evaluation.json',
  );
  expect(evaluation.overall.auc).toBeGreaterThanOrEqual(0.8);
});
