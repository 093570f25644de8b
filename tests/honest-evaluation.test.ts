import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkStepOutput, STEP_OUTPUTS } from '../src/steps/outputs.js';
import { createRng } from '../src/util/random.js';
import { LABEL, mlops, read, readJson, tags } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { git, makeRepo } from './support/repo.js';

/** Unique first-name-like strings labelled by a coin flip: nothing to learn. */
function noSignalCsv(rows: number): string {
  const random = createRng(17);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const lines = [`name,height,${LABEL}`];
  for (let i = 0; i < rows; i++) {
    const name = Array.from({ length: 6 }, () => letters[Math.floor(random() * 26)]).join('');
    const height = (150 + random() * 40).toFixed(1);
    lines.push(`${name}${i},${height},${random() < 0.5 ? 'F' : 'M'}`);
  }
  return `${lines.join('\n')}\n`;
}

const EVALUATION = '.mlops/evaluation.json';

/** evaluation.json of `dir`, read as the report and register steps read it. */
function evaluation(dir: string) {
  return checkStepOutput(readJson(dir, EVALUATION), EVALUATION, STEP_OUTPUTS.evaluation, 'x');
}

describe('honest evaluation, end to end', () => {
  test('a model that learned nothing is NOT_BLESSED by the default gate, and never registered', async () => {
    const dir = makeRepo({
      'data.csv': noSignalCsv(300),
      'mlops.yml': `name: names\ndata:\n  train: data.csv\n  label: ${LABEL}\nmodel:\n  epochs: 10\n  hidden: [8]\n`,
    });
    const result = await mlops(dir, ['run']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('evaluation: NOT_BLESSED');
    expect(tags(dir)).toEqual([]);

    const outcome = evaluation(dir);
    expect(outcome.gates.results).toEqual([
      expect.objectContaining({
        gate: { metric: 'auc', beat_trivial: true },
        criterion: 'beat_trivial',
        status: 'fail',
        baseline: 0.5,
      }),
    ]);
    const { trivial, intervals, bootstrap } = outcome.evaluation;
    expect(trivial?.predictor).toMatchObject({ kind: 'majority' });
    expect(trivial?.overall.auc).toBe(0.5);
    expect(intervals?.auc?.lower).toBeLessThan(0.5);
    expect(bootstrap).toEqual({ resamples: 1000, confidence: 0.95, seed: 42 });
    expect(outcome.evaluation.threshold).toBe(0.5);

    const report = read(dir, '.mlops/report.md');
    expect(report).toContain('NOT_BLESSED (1 gate failed)');
    expect(report).toContain('| metric | candidate | 95% interval | trivial | baseline | Δ |');
    expect(report).toMatch(
      /❌ fail \| auc beats the trivial baseline beyond noise \| -[\d.]+ \| &gt; 0 \|/,
    );

    // A file from before intervals and the trivial baseline (same format id) still reads.
    const old = readJson<Record<string, Record<string, unknown>>>(dir, EVALUATION);
    for (const field of ['intervals', 'bootstrap', 'trivial']) delete old.evaluation![field];
    old.gates = { blessed: true, verdict: 'BLESSED', results: [] };
    expect(() => checkStepOutput(old, EVALUATION, STEP_OUTPUTS.evaluation, 'x')).not.toThrow();
  });

  test('a tuned threshold is saved with the model and used; the next model is compared by a paired bootstrap', async () => {
    const config = (seed: number) =>
      [
        'name: churn',
        'data:',
        '  train: data.csv',
        `  label: ${LABEL}`,
        'model:',
        '  epochs: 30',
        '  hidden: [16]',
        '  learning_rate: 0.01',
        `  seed: ${seed}`,
        'evaluation:',
        '  threshold: { tune: f1 }',
      ].join('\n');
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 300, { seed: 3 }),
      'mlops.yml': config(1),
    });
    const first = await mlops(dir, ['run']);
    expect(first.stderr).not.toContain('internal error');
    expect(first.code).toBe(0);
    expect(tags(dir)).toEqual(['churn@v0.1.0']);

    const training = readJson<{ threshold: { value: number; tuning: { metric: string } } }>(
      dir,
      '.mlops/model/training.json',
    );
    expect(training.threshold.tuning.metric).toBe('f1');
    const firstOutcome = evaluation(dir);
    expect(firstOutcome.evaluation.threshold).toBe(training.threshold.value);
    expect(firstOutcome.evaluation.thresholdTuning).toEqual(training.threshold.tuning);
    expect(firstOutcome.gates.results[0]).toMatchObject({
      criterion: 'beat_trivial',
      status: 'pass',
    });
    expect(read(dir, '.mlops/report.md')).toContain('tuned on the validation split for f1');

    writeFileSync(path.join(dir, 'mlops.yml'), config(2));
    git(dir, ['commit', '-qam', 'another seed']);
    const second = await mlops(dir, ['run']);
    expect(second.code).toBe(0);
    const outcome = evaluation(dir);
    expect(outcome.baseline).toMatchObject({ version: '0.1.0', source: 'reevaluated' });
    expect(outcome.baseline?.evaluation.intervals?.auc).toBeDefined();
    const auc = outcome.comparison.find((c) => c.metric === 'auc');
    expect(auc?.noise).toMatchObject({ test: 'paired' });
    expect(auc?.noise?.difference?.lower).toBeLessThanOrEqual(auc?.delta ?? NaN);
    expect(read(dir, '.mlops/report.md')).toContain(
      'paired bootstrap of the difference on the same rows',
    );
  });
});
