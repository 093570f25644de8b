/**
 * `mlops monitor` on what a served model answered and on the labels sent back: the outputs
 * against the validation outputs the bundle recorded at train time (output-statistics.json), the
 * labels against the training labels (statistics.json). One repository holds two versions of a
 * tiny binary model: v0.1.0 registered from a bundle without output-statistics.json, as an older
 * mlops-actions wrote it, and v0.2.0 (another seed) with it. The tasks without a trained model
 * here (multiclass, regression) are tested on their statistics directly.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Predictions } from '../src/evaluate/types.js';
import { bundleManifest, BUNDLE_FILES, OPTIONAL_BUNDLE_FILES } from '../src/model/bundle.js';
import type { RowPrediction } from '../src/model/score.js';
import { DriftStream } from '../src/monitor/drift-stream.js';
import { outputStatistics, servedOutput } from '../src/monitor/reference.js';
import type { PredictionOutput } from '../src/serve/log-format.js';
import { driftEdges } from '../src/steps/drift-baseline.js';
import { createRng } from '../src/util/random.js';
import { mlops, tags, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import {
  feedback,
  logFolder,
  monitorRun,
  outputsOf,
  predictionRecords,
  servedRows,
  type ServedRow,
} from './support/monitor-logs.js';
import { git, makeRepo, tempDir } from './support/repo.js';

let repo = '';
/** The bundles of v0.1.0 (no output statistics) and v0.2.0, to score served rows with. */
const bundles = { old: '', current: '' };

async function step(argv: string[]): Promise<void> {
  const run = await mlops(repo, argv);
  if (run.code !== 0) throw new Error(`mlops ${argv.join(' ')} failed:\n${run.stderr}`);
}

/** Takes output-statistics.json out of the bundle in `dir`, as bundles were before it existed. */
function asOlderBundle(dir: string): void {
  rmSync(path.join(dir, OPTIONAL_BUNDLE_FILES.outputStatistics));
  const names = readdirSync(dir).filter((name) => name !== BUNDLE_FILES.manifest);
  const files = Object.fromEntries(names.map((name) => [name, readFileSync(path.join(dir, name))]));
  writeFileSync(path.join(dir, BUNDLE_FILES.manifest), JSON.stringify(bundleManifest(files)));
}

beforeAll(async () => {
  repo = makeRepo({
    'data.csv': makeCsv('binary', 800, { seed: 3 }),
    'mlops.yml': tinyConfig(),
    '.gitignore': '.mlops/\n',
  });
  const model = path.join(repo, '.mlops', 'model');
  await step(['train']);
  asOlderBundle(model);
  await step(['evaluate']);
  await step(['register']);
  bundles.old = path.join(tempDir('mlops-bundle-'), 'old');
  cpSync(model, bundles.old, { recursive: true });
  git(repo, ['commit', '-q', '--allow-empty', '-m', 'retrain']);
  await step(['run', '--seed', '7']);
  bundles.current = path.join(tempDir('mlops-bundle-'), 'current');
  cpSync(model, bundles.current, { recursive: true });
  expect(tags(repo)).toEqual(['churn@v0.1.0', 'churn@v0.2.0']);
}, 60_000);

/** What `bundle` answered for `rows`, logged as `version`, with the outputs changed by `change`. */
async function served(
  bundle: string,
  rows: readonly ServedRow[],
  version: string,
  change: (output: RowPrediction) => RowPrediction = (output) => output,
) {
  const inputs = rows.map((row) => row.inputs);
  const outputs = await outputsOf(bundle, inputs);
  return predictionRecords(inputs, outputs.map(change), { version });
}

/** A model whose scores moved while its inputs did not (a broken release, a changed feature pipeline). */
function raised(output: RowPrediction): RowPrediction {
  if (output.task !== 'binary') return output;
  const score = Math.min(1, output.score + 0.3);
  return { ...output, score, label: score > 0.5 ? 'yes' : 'no' };
}

const monitor = (logs: string, config = tinyConfig()) => monitorRun(repo, logs, config);

describe('prediction drift', () => {
  const rows = servedRows(400, 11);

  test('outputs for inputs drawn like the training data: tested, no drift, retrain=false', async () => {
    const logs = logFolder({ 'predictions.jsonl': await served(bundles.current, rows, '0.2.0') });
    const { code, json, markdown } = await monitor(logs);
    expect(code).toBe(0);
    const [version] = json.versions;
    expect(version?.predictionDrift).toMatchObject({
      status: 'tested',
      column: 'score',
      reference: 'the validation outputs of churn@v0.2.0',
      count: 400,
      drifted: false,
    });
    expect(json.decision.retrain).toBe(false);
    expect(json.decision.reason).toContain('no prediction drift of severity ERROR');
    expect(markdown).toContain('#### Prediction and label drift');
  });

  test('the same inputs with raised scores: prediction drift, retrain=true with the reason', async () => {
    const logs = logFolder({
      'predictions.jsonl': await served(bundles.current, rows, '0.2.0', raised),
    });
    const { json, markdown, stdout } = await monitor(logs);
    const [version] = json.versions;
    expect(version?.drift).toMatchObject({ errors: 0 });
    expect(version?.predictionDrift).toMatchObject({
      status: 'tested',
      drifted: true,
      severity: 'ERROR',
    });
    expect(json.decision.reasons.map((r) => r.trigger)).toEqual(['prediction_drift']);
    expect(json.decision.reason).toMatch(
      /^prediction drift: churn@v0\.2\.0: "score" drifted from the validation outputs of churn@v0\.2\.0 \(/,
    );
    expect(stdout).toMatch(/^retrain=true: prediction drift: /);
    expect(markdown).toMatch(/\| outputs: score \| 🔴 drift \(/);

    // Measured with PSI at a threshold of its own; or measured and not a trigger.
    const psi = await monitor(
      logs,
      tinyConfig('monitor: { prediction_drift: { test: psi, threshold: 0.25 } }'),
    );
    expect(psi.json.versions[0]?.predictionDrift).toMatchObject({
      test: 'psi',
      threshold: 0.25,
      drifted: true,
    });
    const off = await monitor(
      logs,
      tinyConfig('monitor: { prediction_drift: { retrain: false } }'),
    );
    expect(off.json.versions[0]?.predictionDrift).toMatchObject({ drifted: true });
    expect(off.json.decision.retrain).toBe(false);
    expect(off.json.decision.reason).toContain(
      'prediction drift not a trigger (monitor.prediction_drift.retrain: false)',
    );
  });
});

describe('label drift', () => {
  const rows = servedRows(200, 21);

  /** The logs of `rows` served by v0.2.0, each label sent back as `labelOf` says. */
  async function withLabels(labelOf: (row: ServedRow) => string): Promise<string> {
    const records = await served(bundles.current, rows, '0.2.0');
    return logFolder({
      'predictions.jsonl': records,
      'feedback.jsonl': records.map((record, i) =>
        feedback(record.id, labelOf(rows[i] ?? { inputs: {}, label: '' })),
      ),
    });
  }

  test('the true labels: tested against the training labels, no drift', async () => {
    const { json } = await monitor(await withLabels((row) => row.label));
    expect(json.versions[0]?.labelDrift).toMatchObject({
      status: 'tested',
      column: 'target label',
      reference: 'the training statistics of churn@v0.2.0',
      count: 200,
      drifted: false,
    });
    expect(json.decision.retrain).toBe(false);
  });

  test('every customer churns now: label drift, retrain=true', async () => {
    const { json, markdown } = await monitor(await withLabels(() => 'yes'));
    expect(json.versions[0]?.labelDrift).toMatchObject({ drifted: true, severity: 'ERROR' });
    expect(json.decision.reasons.map((r) => r.trigger)).toEqual(['label_drift']);
    expect(json.decision.reason).toContain(
      'label drift: churn@v0.2.0: "target label" drifted from the training statistics of churn@v0.2.0',
    );
    expect(markdown).toMatch(/\| labels sent back: target label \| 🔴 drift \(/);
  });

  test('fewer labels than monitor.min_labels: not tested, and said why', async () => {
    const { json } = await monitor(
      await withLabels(() => 'yes'),
      tinyConfig('monitor: { min_labels: 500 }'),
    );
    expect(json.versions[0]?.labelDrift).toEqual({
      status: 'not_tested',
      reason: '200 labels sent back, fewer than monitor.min_labels (500)',
    });
    expect(json.decision.retrain).toBe(false);
  });
});

test('a version whose bundle has no output statistics: "no reference", the rest is tested', async () => {
  const rows = servedRows(200, 31);
  const records = await served(bundles.old, rows, '0.1.0', raised);
  const logs = logFolder({
    'predictions.jsonl': records,
    'feedback.jsonl': records.map((record, i) => feedback(record.id, rows[i]?.label ?? '')),
  });
  const { code, json, markdown } = await monitor(logs);
  expect(code).toBe(0);
  const [version] = json.versions;
  expect(version?.tag).toBe('churn@v0.1.0');
  expect(version?.predictionDrift).toEqual({
    status: 'no_reference',
    reason: expect.stringContaining('the bundle of churn@v0.1.0 has no output-statistics.json'),
  });
  expect(version?.labelDrift).toMatchObject({ status: 'tested', drifted: false });
  expect(version?.drift).toMatchObject({ errors: 0 });
  expect(json.decision.retrain).toBe(false);
  expect(json.decision.reason).toContain('no prediction reference to test against');
  expect(markdown).toMatch(/\| churn@\u2060v0\.1\.0 \|.*\| no reference \|/);
  expect(markdown).toContain('- outputs: no reference: the bundle of churn@\u2060v0.1.0 has no');
});

test.each([
  ['monitor: { prediction_drift: { test: psy } }', 'monitor.prediction_drift.test'],
  ['monitor: { label_drift: { threshold: -1 } }', 'monitor.label_drift.threshold'],
  ['monitor: { label_drift: { retrain: yes please } }', 'monitor.label_drift.retrain'],
])('%s is an error naming %s', async (block, field) => {
  const run = await monitor(logFolder({}), tinyConfig(block));
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(field);
});

describe('the output statistics of each task', () => {
  const rng = createRng(5);
  const classes = ['low', 'mid', 'high'];

  /** Drift of `outputs` served by a model whose validation predictions were `validation`. */
  function drift(validation: Predictions, outputs: PredictionOutput[]) {
    const reference = outputStatistics(validation);
    const stream = new DriftStream(
      {
        statistics: reference.statistics,
        driftEdges: driftEdges(reference.statistics),
        label: 'the validation outputs',
      },
      [reference.column],
    );
    for (const output of outputs) stream.add([servedOutput(validation.task, output)]);
    return stream.test({}).report.features[0];
  }

  /** A row of probabilities whose highest is `classes[k]`. */
  const peaked = (k: number) => classes.map((_, j) => (j === k ? 0.6 : 0.2));
  /** Class indexes with shares `shares`, `count` of them. */
  const drawn = (shares: number[], count: number) =>
    Array.from({ length: count }, () => {
      const u = rng();
      return u < (shares[0] ?? 0) ? 0 : u < (shares[0] ?? 0) + (shares[1] ?? 0) ? 1 : 2;
    });
  const served = (k: number): PredictionOutput => ({
    task: 'multiclass',
    label: classes[k] ?? '',
    probabilities: Object.fromEntries(classes.map((c, j) => [c, peaked(k)[j] ?? 0])),
  });

  test('multiclass: the predicted classes, as their shares', () => {
    const validation: Predictions = {
      task: 'multiclass',
      labels: [],
      probabilities: drawn([0.5, 0.3], 300).map(peaked),
      classes,
    };
    expect(outputStatistics(validation)).toMatchObject({
      column: 'predicted class',
      statistics: { columns: [{ kind: 'categorical' }] },
    });
    expect(drift(validation, drawn([0.5, 0.3], 300).map(served))).toMatchObject({
      drifted: false,
    });
    expect(drift(validation, drawn([0.1, 0.1], 300).map(served))).toMatchObject({
      drifted: true,
    });
    // Another task's output in the log is missing, not a value.
    expect(servedOutput('multiclass', { task: 'regression', value: 3 })).toBeNull();
  });

  test('regression: the predicted values', () => {
    const values = (from: number, count: number) =>
      Array.from({ length: count }, () => from + rng() * 100);
    const validation: Predictions = { task: 'regression', labels: [], values: values(0, 300) };
    const output = (value: number): PredictionOutput => ({ task: 'regression', value });
    expect(outputStatistics(validation).column).toBe('predicted value');
    expect(drift(validation, values(0, 300).map(output))).toMatchObject({ drifted: false });
    expect(drift(validation, values(40, 300).map(output))).toMatchObject({ drifted: true });
  });
});
