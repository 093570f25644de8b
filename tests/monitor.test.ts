/**
 * `mlops monitor` on serving logs written in the test through the log schemas (no server): a tiny
 * binary model is trained and registered once as churn v0.1.0, then each test writes a log folder
 * — inputs drawn like the training data or shifted, the model's outputs for them, the true labels
 * sent back, bad lines — and runs the command through the CLI, reading monitor.json back through
 * its schema. tests/monitor-drift.test.ts covers the drift of outputs and labels.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { computeMetrics } from '../src/evaluate/metrics.js';
import { describeDuration, monitorWindow, parseDuration } from '../src/monitor/window.js';
import {
  FEEDBACK_LOG_FORMAT,
  PREDICTION_LOG_FORMAT,
  type FeedbackRecord,
  type PredictionRecord,
} from '../src/serve/log-format.js';
import { mlops, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import {
  feedback,
  logFolder,
  monitorRun,
  outputsOf,
  predictionRecords,
  servedRows,
  type LogOptions,
} from './support/monitor-logs.js';
import { makeRepo, tempDir } from './support/repo.js';
import { condition, triggers } from './support/workflow.js';

const HOUR = 3_600_000;
let repo = '';

/** The training data: enough rows that `auto` drift takes the distance tests (over 1000 values). */
beforeAll(async () => {
  repo = makeRepo({
    'data.csv': makeCsv('binary', 1500, { seed: 3 }),
    'mlops.yml': tinyConfig(),
    '.gitignore': '.mlops/\n',
  });
  for (const step of ['train', 'evaluate', 'register']) {
    const run = await mlops(repo, [step]);
    if (run.code !== 0) throw new Error(`mlops ${step} failed:\n${run.stderr}`);
  }
}, 60_000);

/** Raw inputs as a client sends them: rows drawn like the training data, without id and label. */
function inputs(rows: number, seed: number): Record<string, string>[] {
  return servedRows(rows, seed).map((row) => row.inputs);
}

/** The same inputs after the world moved: incomes up and everyone in one city. */
function shifted(rows: Record<string, string>[]): Record<string, string>[] {
  return rows.map((row) => ({
    ...row,
    'Annual Income ($)': row['Annual Income ($)']
      ? String(Number(row['Annual Income ($)']) * 2.5)
      : '',
    city: 'Faro',
  }));
}

/** What the registered model answered for `rows`, as `mlops serve` logs it. */
async function predictions(
  rows: readonly Record<string, string>[],
  options: LogOptions = {},
): Promise<PredictionRecord[]> {
  return predictionRecords(
    rows,
    await outputsOf(path.join(repo, '.mlops', 'model'), rows),
    options,
  );
}

/** Runs `mlops monitor` in the repository with `config` as mlops.yml. */
function monitor(logs: string, config = tinyConfig(), extra: string[] = []) {
  return monitorRun(repo, logs, config, extra);
}

describe('drift of the served inputs', () => {
  test('a stream drawn like the training data: no drift, retrain=false', async () => {
    const logs = logFolder({ 'predictions.jsonl': await predictions(inputs(400, 11)) });
    const { code, json } = await monitor(logs);
    expect(code).toBe(0);
    const [version] = json.versions;
    expect(version).toMatchObject({ tag: 'churn@v0.1.0', registered: true, predictions: 400 });
    expect(version?.drift).toMatchObject({ errors: 0, detected: false });
    expect(version?.drift?.tested).toBeGreaterThanOrEqual(4);
    expect(json.decision).toMatchObject({ retrain: false, reasons: [] });
    expect(json.decision.reason).toMatch(/^no retrain: 400 predictions/);
  });

  test('the same stream shifted: income and city drift, so do the outputs; retrain=true with the reasons', async () => {
    const logs = logFolder({ 'predictions.jsonl': await predictions(shifted(inputs(400, 11))) });
    const { code, stdout, json, markdown } = await monitor(logs);
    expect(code).toBe(0);
    const drifted = json.versions[0]?.drift?.features
      .filter((f) => f.drifted)
      .map((f) => f.feature);
    expect(drifted?.sort()).toEqual(['Annual Income ($)', 'city']);
    expect(json.decision.retrain).toBe(true);
    // Richer clients score higher: the model's outputs move with its inputs.
    expect(json.decision.reasons.map((r) => r.trigger)).toEqual(['drift', 'prediction_drift']);
    expect(json.decision.reason).toContain('drift: churn@v0.1.0: 2 of');
    expect(json.decision.reason).toContain('"Annual Income ($)"');
    expect(stdout).toMatch(/^retrain=true: drift: churn@v0.1.0/);
    expect(markdown).toMatch(/^## 🔴 churn: retrain/);
    expect(markdown).toContain('#### Data drift');
  });

  test('monitor.drift: false leaves drift out of the decision; fewer inputs than min_inputs are not tested', async () => {
    const logs = logFolder({ 'predictions.jsonl': await predictions(shifted(inputs(400, 11))) });
    const off = await monitor(logs, tinyConfig('monitor: { drift: false }'));
    expect(off.json.versions[0]?.drift?.errors).toBeGreaterThan(0);
    expect(off.json.decision.reasons.map((r) => r.trigger)).not.toContain('drift');
    const few = await monitor(logs, tinyConfig('monitor: { min_inputs: 1000 }'));
    expect(few.json.versions[0]?.drift).toBeNull();
    expect(few.json.versions[0]?.notes.join(' ')).toContain('fewer than monitor.min_inputs (1000)');
    expect(few.json.decision.retrain).toBe(false);
  });
});

describe('live metrics from feedback', () => {
  let served: PredictionRecord[] = [];
  let labelled: { p: PredictionRecord; label: string }[] = [];
  let sent: FeedbackRecord[] = [];
  beforeAll(async () => {
    const rows = servedRows(200, 21);
    served = await predictions(
      rows.map((row) => row.inputs),
      { seed: 5 },
    );
    // The true labels of 120 of 200: most by instance id, the first ten by request id.
    labelled = served.slice(0, 120).map((p, i) => ({ p, label: rows[i]?.label ?? '' }));
    sent = labelled.map(({ p, label }, i) => feedback(i < 10 ? p.requestId : p.id, label));
  });

  test('equal computeMetrics on the same rows, with labelled and unlabelled counts', async () => {
    // An earlier label for the same id is replaced by the later one, in a rotated (older) file.
    const older = [
      feedback(labelled[20]?.p.id ?? '', labelled[20]?.label === 'yes' ? 'no' : 'yes'),
    ];
    const logs = logFolder({
      'predictions.jsonl': served,
      'feedback.1.jsonl': older,
      'feedback.jsonl': sent,
    });
    const { json } = await monitor(logs);
    const expected = computeMetrics(
      {
        task: 'binary',
        labels: labelled.map(({ label }) => (label === 'yes' ? 1 : 0)),
        scores: labelled.map(({ p }) => (p.output.task === 'binary' ? p.output.score : NaN)),
        classes: ['no', 'yes'],
      },
      { threshold: 0.5 },
    );
    const [version] = json.versions;
    expect(version).toMatchObject({ predictions: 200, labelled: 120, unlabelled: 80, unscored: 0 });
    expect(version?.metrics).toEqual(expected);
    expect(json.feedback).toEqual({ read: 121, joined: 120 });
    expect(json.logs.files.map((f) => f.name)).toEqual([
      'feedback.1.jsonl',
      'feedback.jsonl',
      'predictions.jsonl',
    ]);
  });

  test('decay below a gate: retrain=true, the reason names the gate and the live value', async () => {
    const logs = logFolder({ 'predictions.jsonl': served, 'feedback.jsonl': sent });
    const config = tinyConfig('gates:\n  - { metric: accuracy, lower_bound: 0.9 }');
    const { json, markdown } = await monitor(logs, config);
    const accuracy = json.versions[0]?.metrics?.accuracy ?? NaN;
    expect(accuracy).toBeLessThan(0.9);
    expect(json.versions[0]?.gates?.verdict).toBe('NOT_BLESSED');
    expect(json.decision.retrain).toBe(true);
    expect(json.decision.reasons).toEqual([
      {
        trigger: 'decay',
        text: expect.stringContaining(
          'churn@v0.1.0 on 120 labelled predictions: accuracy ≥ 0.9 failed (live ',
        ),
      },
    ]);
    expect(markdown).toContain('#### Gates: NOT_BLESSED');

    // Too few labels to judge: the gate is not applied.
    const judged = await monitor(logs, `${config}\nmonitor: { min_labels: 500 }`);
    expect(judged.json.versions[0]?.gates).toBeNull();
    expect(judged.json.decision.retrain).toBe(false);
  });

  test('new data above monitor.new_data triggers a retrain', async () => {
    const logs = logFolder({ 'predictions.jsonl': served, 'feedback.jsonl': sent });
    const { json } = await monitor(
      logs,
      tinyConfig('monitor: { new_data: 100, min_inputs: 1000 }'),
    );
    expect(json.decision.reasons).toEqual([
      {
        trigger: 'new_data',
        text: '120 labelled predictions in the window (monitor.new_data 100)',
      },
    ]);
    expect(json.decision.reason).toBe(
      'new data: 120 labelled predictions in the window (monitor.new_data 100)',
    );
  });
});

describe('what the logs hold', () => {
  test('bad lines are counted and reported with their file and line, never their text; the rest is read', async () => {
    const good = await predictions(inputs(150, 31));
    const logs = logFolder({
      'predictions.1.jsonl': [
        ...good.slice(0, 50),
        'not json <script>alert(1)</script>',
        { format: PREDICTION_LOG_FORMAT, id: 'x' },
      ],
      'predictions.jsonl': [
        ...good.slice(50),
        '["an array"]',
        '{"format": "mlops-actions/prediction/v1", "id": "cut sh',
      ],
      'feedback.jsonl': [{ format: FEEDBACK_LOG_FORMAT, id: 'a', time: 'yesterday', label: 'yes' }],
      'notes.txt': ['ignored: not a log'],
    });
    const { code, json, markdown, stderr } = await monitor(logs);
    expect(code).toBe(0);
    expect(json.predictions.inWindow).toBe(150);
    expect(json.logs.badLines).toBe(5);
    expect(json.logs.firstBad).toEqual([
      { file: 'feedback.jsonl', line: 1, problem: expect.stringContaining('time') },
      { file: 'predictions.1.jsonl', line: 51, problem: 'not a JSON object on one line' },
      { file: 'predictions.1.jsonl', line: 52, problem: expect.stringContaining('requestId') },
      { file: 'predictions.jsonl', line: 101, problem: 'not a JSON object on one line' },
      { file: 'predictions.jsonl', line: 102, problem: 'not a JSON object on one line' },
    ]);
    expect(json.logs.files.map(({ name, records, bad }) => [name, records, bad])).toEqual([
      ['feedback.jsonl', 0, 1],
      ['predictions.1.jsonl', 50, 2],
      ['predictions.jsonl', 100, 2],
    ]);
    expect(markdown).toContain('### Log lines left out: 5');
    expect(markdown).not.toContain('<script>');
    expect(stderr).toContain('5 log lines left out as bad records; the first: feedback.jsonl:1');
  });

  test('the window, other models and hostile versions: counted apart, shown escaped', async () => {
    const rows = inputs(120, 41);
    const logs = logFolder({
      'predictions.jsonl': [
        ...(await predictions(rows)),
        ...(await predictions(rows.slice(0, 7), { time: new Date(Date.now() - 30 * 24 * HOUR) })),
        ...(await predictions(rows.slice(0, 5), { model: 'other-model' })),
        ...(await predictions(rows.slice(0, 3), { version: '9.9.9 <b>@everyone</b> #1' })),
      ],
    });
    const { json, markdown } = await monitor(logs, tinyConfig(), ['--since', '7d']);
    expect(json.predictions).toEqual({
      read: 135,
      inWindow: 123,
      earlier: 7,
      otherModels: 5,
      otherVersions: 0,
    });
    const hostile = json.versions.find((v) => !v.registered);
    expect(hostile).toMatchObject({ predictions: 3, drift: null, metrics: null });
    expect(hostile?.notes[0]).toContain('not a registered version of churn');
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toContain('@everyone');
    expect(markdown).toContain('&lt;b&gt;@\u2060everyone');
  });

  test('no logs: a clear message and retrain=false; or as monitor.no_logs says', async () => {
    const missing = path.join(tempDir('mlops-monitor-'), 'nothing-here');
    const quiet = await monitor(missing);
    expect(quiet.code).toBe(0);
    expect(quiet.json.decision.retrain).toBe(false);
    expect(quiet.json.decision.reason).toContain(
      `no retrain: no prediction log (predictions.jsonl) in ${missing}`,
    );
    expect(quiet.stderr).toContain('warning: nothing to monitor: no prediction log');

    const retrain = await monitor(missing, tinyConfig('monitor: { no_logs: retrain }'));
    expect(retrain.json.decision.reasons.map((r) => r.trigger)).toEqual(['no_logs']);
    expect(retrain.stdout).toMatch(/^retrain=true: no logs: /);

    const fail = await monitor(missing, tinyConfig('monitor: { no_logs: fail }'));
    expect(fail.code).not.toBe(0);
    expect(fail.stderr).toContain('(monitor.no_logs: fail)');
  });

  test('the schedule: the latest version older than monitor.max_age calls for retraining', async () => {
    const logs = logFolder({ 'predictions.jsonl': await predictions(inputs(20, 51)) });
    const fresh = await monitor(logs, tinyConfig('monitor: { max_age: 30d }'));
    expect(fresh.json.latest?.version).toBe('0.1.0');
    expect(fresh.json.decision.retrain).toBe(false);
    // 60 ms: the version registered in beforeAll is older than that once the test runs.
    const stale = await monitor(logs, tinyConfig('monitor: { max_age: 0.001m }'));
    expect(stale.json.decision.reasons).toEqual([
      {
        trigger: 'schedule',
        text: expect.stringMatching(
          /^v0\.1\.0 was registered .* ago, more than monitor\.max_age 0\.001m$/,
        ),
      },
    ]);
  });
});

describe('settings', () => {
  test.each([
    ['monitor: { max_age: 30 }', 'monitor.max_age'],
    ['monitor: { window: 1y }', 'monitor.window'],
    ['monitor: { no_logs: maybe }', 'monitor.no_logs'],
    ['monitor: { min_labels: 0 }', 'monitor.min_labels'],
    ['monitor: { windows: 7d }', 'monitor'],
  ])('%s is an error naming %s', async (block, field) => {
    const logs = logFolder({});
    const run = await monitor(logs, tinyConfig(block));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(field);
  });

  test('durations and windows', () => {
    expect(parseDuration('7d')).toBe(7 * 24 * HOUR);
    expect(parseDuration('1.5h')).toBe(1.5 * HOUR);
    expect(parseDuration('0d')).toBeNull();
    expect(parseDuration('7 days')).toBeNull();
    expect(describeDuration(36 * HOUR)).toBe('36 hours');
    expect(describeDuration(14 * 24 * HOUR)).toBe('2 weeks');
    const now = new Date('2024-05-08T00:00:00Z');
    expect(monitorWindow('2d', now).start.toISOString()).toBe('2024-05-06T00:00:00.000Z');
    expect(monitorWindow('2024-05-01', now).start.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(() => monitorWindow('last week', now)).toThrow(
      /--since "last week": expected a duration/,
    );
    expect(() => monitorWindow('2024-06-01', now)).toThrow(/in the future/);
  });
});

describe('examples/workflows/retrain.yml', () => {
  const file = path.resolve(import.meta.dirname, '..', 'examples', 'workflows', 'retrain.yml');
  interface Job {
    needs?: string;
    if?: string;
    outputs?: Record<string, string>;
    steps: { uses?: string; id?: string; with?: Record<string, string> }[];
  }
  const { on, jobs } = parse(readFileSync(file, 'utf8')) as {
    on: { schedule: unknown };
    jobs: Record<string, Job>;
  };
  const scope = (event: string, retrain: string, result = 'success') => ({
    contexts: {
      github: { event_name: event },
      needs: { monitor: { result, outputs: { retrain } } },
    },
    status: { success: result === 'success', failure: result === 'failure' },
  });

  test('a daily schedule, new data and a run by hand start it; the monitor job runs first', () => {
    expect(on.schedule).toEqual([{ cron: '17 4 * * *' }]);
    expect(triggers(file, { name: 'push', branch: 'main', changed: ['data/new.csv'] })).toBe(true);
    expect(triggers(file, { name: 'workflow_dispatch' })).toBe(true);
    expect(jobs.retrain?.needs).toBe('monitor');
    const step = jobs.monitor?.steps.find((s) => s.id === 'monitor');
    expect(step).toMatchObject({
      uses: 'mlops-actions/mlops-actions@v1',
      with: { command: 'monitor', 'log-dir': 'serving-logs' },
    });
    expect(jobs.monitor?.outputs?.retrain).toBe('${{ steps.monitor.outputs.retrain }}');
  });

  test.each([
    ['schedule', 'true', 'success', true],
    ['schedule', 'false', 'success', false],
    ['schedule', '', 'failure', false],
    ['push', 'false', 'success', true],
    ['push', '', 'failure', true],
    ['workflow_dispatch', 'false', 'success', true],
  ])(
    'on %s with retrain=%j (monitor %s) the retrain job runs: %s',
    (event, retrain, result, runs) => {
      expect(condition(jobs.retrain?.if, scope(event, retrain, result))).toBe(runs);
    },
  );
});
