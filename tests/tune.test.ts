/**
 * Tuning over the Actions matrix, end to end through the CLI with real training on tiny data:
 * `tune plan` → one `tune trial` per matrix entry → `tune collect` finds the true best of a space
 * where one setting clearly wins, evaluate and report go on from the winner's bundle, and
 * `tune run` on 2 worker threads gives the same results as that serial path. Then the plan's
 * rules: grid and seeded random search, GitHub's 256-job limit, and config errors naming the field.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../src/action/inputs.js';
import { parseConfig } from '../src/config/load.js';
import { planTrials, rankTrials, trialConfig, type Tuning } from '../src/model/tuning.js';
import { renderLeaderboard } from '../src/report/leaderboard.js';
import { lookupStep, stepParams, type StepName } from '../src/step-table.js';
import { CPU, mlops, read, readJson } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { makeRepo, tempDir } from './support/repo.js';

/** Learning rate 2e-5 barely moves the weights in 3 epochs; 0.01 learns: the best is clear. */
const CONFIG = `# churn, tuned
name: churn
data:
  train: data.csv
  label: target label
model:
  epochs: 3
  hidden: [4]
  batch_size: 32
tuning:
  search: grid
  metric: auc
  space:
    learning_rate: [0.00002, 0.01]
    hidden: [[4], [8]]
`;

interface Matrix {
  include: { trial: string; params: Record<string, unknown> }[];
}
interface Board {
  best: string;
  modelId: string;
  trials: { trial: string; rank: number; params: Record<string, unknown>; value: number }[];
  missing: string[];
}

function project(config = CONFIG) {
  const dir = makeRepo({ 'data.csv': makeCsv('binary', 200, { seed: 3 }), 'mlops.yml': config });
  return { dir, env: { ...CPU, MLOPS_CACHE_DIR: tempDir('mlops-tune-cache-') } };
}

/** Each trial's result file under `out`, by trial id, without the bundle. */
function results(dir: string, out: string): Record<string, unknown> {
  const tune = path.join(dir, out, 'tune');
  return Object.fromEntries(
    readdirSync(tune)
      .filter((name) => /^t\d+$/.test(name))
      .map((name) => [name, readJson(tune, path.join(name, 'trial.json'))]),
  );
}

describe('plan → matrix of trials → collect', () => {
  const { dir, env } = project();

  test('the plan is matrix JSON with one entry per grid point, first key slowest', async () => {
    const plan = await mlops(dir, ['tune', 'plan', '--json', '-q'], env);
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as Matrix).include).toEqual([
      { trial: 't01', params: { learning_rate: 0.00002, hidden: [4] } },
      { trial: 't02', params: { learning_rate: 0.00002, hidden: [8] } },
      { trial: 't03', params: { learning_rate: 0.01, hidden: [4] } },
      { trial: 't04', params: { learning_rate: 0.01, hidden: [8] } },
    ]);
  });

  test('each trial trains its config and writes validation metrics beside its bundle; an unplanned id is refused', async () => {
    for (const trial of ['t01', 't02', 't03', 't04']) {
      const run = await mlops(dir, ['tune', 'trial', trial, '--no-cache', '-q'], env);
      expect(run.code).toBe(0);
    }
    const t03 = readJson(dir, '.mlops/tune/t03/trial.json');
    expect(t03).toMatchObject({
      format: 'mlops-actions/tune-trial/v1',
      trial: 't03',
      params: { learning_rate: 0.01, hidden: [4] },
      bundle: 'model',
    });
    expect(Object.keys(t03.metrics as object)).toContain('auc');
    const bundle = readJson(dir, '.mlops/tune/t03/model/training.json');
    expect(bundle.modelId).toBe(t03.modelId);
    // The trial's own config went into training: 8 hidden units for t04, not the config's 4.
    expect(read(dir, '.mlops/tune/t04/model/model.json')).toContain('"units":8');

    const unknown = await mlops(dir, ['tune', 'trial', 't99'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/trial "t99" is not in the plan: expected one of t01…t04/);
  });

  test('collect picks the learning rate that learns, writes the leaderboard and the winning config, and evaluate and report go on from its bundle', async () => {
    const collect = await mlops(dir, ['tune', 'collect', '--json', '-q'], env);
    expect(collect.code).toBe(0);
    const board = readJson<Board>(dir, '.mlops/tune/leaderboard.json');
    expect(board.trials.map((t) => t.rank)).toEqual([1, 2, 3, 4]);
    // Both trials at 0.01 beat both at 2e-5, by the validation auc.
    expect(board.trials.slice(0, 2).map((t) => t.params.learning_rate)).toEqual([0.01, 0.01]);
    expect(board.trials[0]?.value).toBeGreaterThan(board.trials[2]?.value ?? 1);
    expect(board.missing).toEqual([]);
    expect(readJson(dir, '.mlops/model/training.json').modelId).toBe(board.modelId);

    const winner = read(dir, '.mlops/tune/best.mlops.yml');
    expect(winner).toMatch(/^# mlops tune collect: trial t0[34] of 4, validation auc /);
    expect(winner).toContain('# churn, tuned');
    const best = board.trials[0]?.params ?? {};
    expect(parse(winner).model).toMatchObject({ ...best, epochs: 3, batch_size: 32 });
    expect(parseConfig(winner, 'best.mlops.yml').model.learning_rate).toBe(0.01);
    expect(read(dir, '.mlops/tune/leaderboard.md')).toContain(`| 1 | ${board.best} | 0.01 |`);

    // Exit 1 is a NOT_BLESSED verdict: what matters here is which model was judged.
    expect([0, 1]).toContain((await mlops(dir, ['evaluate', '-q'], env)).code);
    expect(readJson(dir, '.mlops/evaluation.json').modelId).toBe(board.modelId);
    expect((await mlops(dir, ['report', '-q'], env)).code).toBe(0);
    const report = read(dir, '.mlops/report.md');
    expect(report).toContain(
      `<summary>Tuning: trial ${board.best} is the best of 4 (grid search) by validation auc</summary>`,
    );
  });

  test('tune run on 2 worker threads trains every trial as the matrix did: the same results, winner and model', async () => {
    const run = await mlops(dir, ['tune', 'run', '--workers', '2', '--out', 'parallel', '-q'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(results(dir, 'parallel')).toEqual(results(dir, '.mlops'));
    const serial = readJson<Board>(dir, '.mlops/tune/leaderboard.json');
    expect(readJson<Board>(dir, 'parallel/tune/leaderboard.json')).toEqual(serial);
    expect(readJson(dir, 'parallel/model/training.json').modelId).toBe(serial.modelId);
    // The workers' trainings reached the run's one cache folder through the main thread.
    expect(readdirSync(env.MLOPS_CACHE_DIR)).toHaveLength(4);
  });

  test('a trial without a result (a failed job) is left out with a warning', async () => {
    rmSync(path.join(dir, 'parallel/tune/t02/trial.json'));
    const collect = await mlops(dir, ['tune', 'collect', '--out', 'parallel'], env);
    expect(collect.code).toBe(0);
    expect(collect.stderr).toContain('1 of 4 trials have no result (t02): ranked without them');
    const board = readJson<Board>(dir, 'parallel/tune/leaderboard.json');
    expect(board.missing).toEqual(['t02']);
    expect(board.trials.map((t) => t.trial)).not.toContain('t02');
  });

  test('collect refuses a result whose values are not the plan', async () => {
    const file = path.join(dir, '.mlops/tune/t02/trial.json');
    const forged = JSON.parse(readFileSync(file, 'utf8')) as { params: object };
    writeFileSync(file, JSON.stringify({ ...forged, params: { learning_rate: 0.5, hidden: [8] } }));
    const collect = await mlops(dir, ['tune', 'collect'], env);
    expect(collect.code).toBe(2);
    expect(collect.stderr).toMatch(
      /t02\/trial\.json: trial t02 is not in the plan with these values/,
    );
  });
});

describe('the plan', () => {
  const tuning = (over: Partial<Tuning>): Tuning => ({
    search: 'random',
    trials: 8,
    metric: 'auc',
    space: { learning_rate: [0.001, 0.01], dropout: [0, 0.1, 0.2] },
    ...over,
  });

  test('random search draws distinct combinations, the same for a seed; a space smaller than trials is tried whole', () => {
    const space = { learning_rate: { min: 0.0001, max: 0.1, log: true, integer: false } };
    const random = tuning({ trials: 5, space: { ...space, epochs: [5, 10] } });
    const drawn = planTrials(random, 42);
    expect(drawn).toHaveLength(5);
    expect(planTrials(random, 42)).toEqual(drawn);
    expect(planTrials(random, 7)).not.toEqual(drawn);
    for (const { params } of drawn) {
      expect(params.learning_rate).toBeGreaterThanOrEqual(0.0001);
      expect(params.learning_rate).toBeLessThanOrEqual(0.1);
      expect([5, 10]).toContain(params.epochs);
    }
    expect(new Set(drawn.map((t) => JSON.stringify(t.params))).size).toBe(5);
    expect(planTrials(tuning({ trials: 20 }), 1)).toHaveLength(6);
    const four = planTrials(tuning({ trials: 4 }), 1).map((t) => JSON.stringify(t.params));
    expect(new Set(four).size).toBe(4);
  });

  test('past 256 trials the matrix cannot run them: a config error saying what to do', async () => {
    const values = Array.from({ length: 17 }, (_, i) => (i + 1) / 100);
    const config = CONFIG.replace(
      /space:[\s\S]*$/,
      `space:\n    learning_rate: [${values.join(', ')}]\n    dropout: [${values.join(', ')}]\n`,
    );
    const { dir, env } = project(config);
    const plan = await mlops(dir, ['tune', 'plan'], env);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(
      /tuning makes 289 trials, more than the 256 jobs GitHub runs from one matrix\. Lower tuning\.trials or list fewer values, or run them on one machine with `mlops tune run`/,
    );
  });

  test('ranking follows the metric: lower rmse is better; a trial without the metric is last', () => {
    const scored: { trial: string; metrics: Record<string, number> }[] = [
      { trial: 't01', metrics: { rmse: 3 } },
      { trial: 't02', metrics: {} },
      { trial: 't03', metrics: { rmse: 1 } },
      { trial: 't04', metrics: { rmse: 1 } },
    ];
    const order = ['t01', 't02', 't03', 't04'];
    expect(rankTrials(scored, 'rmse', order).map((s) => s.trial)).toEqual([
      't03',
      't04',
      't01',
      't02',
    ]);
  });

  test('a trial replaces only the settings it names, nested ones included', () => {
    const config = parseConfig(CONFIG, 'mlops.yml');
    const trial = trialConfig(config, { 'early_stopping.patience': 9, dropout: 0.3 });
    expect(trial.model).toMatchObject({ dropout: 0.3, epochs: 3, hidden: [4] });
    expect(trial.model.early_stopping).toEqual({ ...config.model.early_stopping, patience: 9 });
    expect(config.model.early_stopping.patience).not.toBe(9);
  });
});

describe('a bad space is a config error naming the field', () => {
  const base = 'data:\n  train: d.csv\n  label: y\n';
  test.each([
    [
      'learning_rate: [0.01, fast]',
      /tuning\.space\.learning_rate\[1\]: expected number, got "fast"/,
    ],
    [
      'learnin_rate: [0.01]',
      /tuning\.space\.learnin_rate: "learnin_rate" is not a model setting that can be tuned; expected one of: hidden, dropout, learning_rate/,
    ],
    ['task: [binary, regression]', /tuning\.space\.task: "task" is not a model setting/],
    ['constructor: [1]', /tuning\.space\.constructor: "constructor" is not a model setting/],
    ['dropout: [0.1, 2]', /tuning\.space\.dropout\[1\]: Too big: expected number to be <=0\.9/],
    [
      'hidden: [16, [8]]',
      /tuning\.space\.hidden\[0\]: expected auto or a list of up to 8 layer widths/,
    ],
    ['early_stopping.patience: [0]', /tuning\.space\.early_stopping\.patience\[0\]: Too small/],
    [
      'epochs: { min: 2, max: 9 }',
      /tuning\.space\.epochs: "epochs" takes whole numbers: add integer: true/,
    ],
    [
      'learning_rate: { min: 0.1, max: 0.01 }',
      /tuning\.space\.learning_rate\.max: min must be below max/,
    ],
    ['learning_rate: []', /tuning\.space\.learning_rate/],
    [
      'learning_rate: 0.01',
      /tuning\.space\.learning_rate: expected a list of values, like \[0\.001, 0\.01\], or a range/,
    ],
  ])('space { %s }', (space, message) => {
    expect(() =>
      parseConfig(`${base}tuning: { metric: auc, space: { ${space} } }`, 'mlops.yml'),
    ).toThrow(message);
  });

  test.each([
    [
      'tuning: { search: grid, metric: auc, space: { learning_rate: { min: 0.001, max: 0.1, log: true } } }',
      /tuning\.space\.learning_rate: a range \{ min, max \} needs search: random/,
    ],
    [
      'tuning: { metric: positive_rate, space: { dropout: [0.1] } }',
      /tuning\.metric: "positive_rate" cannot rank trials/,
    ],
    [
      'tuning: { metric: auc, space: { dropout: [0.1] } }\nmodel: { task: regression }',
      /tuning\.metric: "auc" cannot rank trials; expected one of: rmse, mae, r2/,
    ],
    [
      '  split: { validation: 0 }\ntuning: { metric: auc, space: { dropout: [0.1] } }',
      /data\.split\.validation: tuning ranks trials on the validation split/,
    ],
  ])('%s', (extra, message) => {
    expect(() => parseConfig(`${base}${extra}`, 'mlops.yml')).toThrow(message);
  });

  test('a config without a tuning block: tune says what to add', async () => {
    const { dir, env } = project(CONFIG.replace(/tuning:[\s\S]*$/, ''));
    const plan = await mlops(dir, ['tune', 'plan'], env);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/has no tuning block: add one, like/);
  });
});

describe('examples/workflows/tune.yml', () => {
  interface Step {
    uses?: string;
    with?: Record<string, unknown>;
  }
  interface Job {
    needs?: string | string[];
    permissions?: Record<string, string>;
    strategy?: { matrix: string };
    outputs?: Record<string, string>;
    steps: Step[];
  }
  const file = path.resolve(import.meta.dirname, '..', 'examples', 'workflows', 'tune.yml');
  const workflow = parse(readFileSync(file, 'utf8')) as {
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const { jobs } = workflow;

  test('plan → one job per trial → collect → evaluate → report, with the matrix from the plan', () => {
    expect(Object.keys(jobs)).toEqual(['plan', 'trial', 'collect', 'evaluate', 'report']);
    expect(jobs.plan?.outputs?.matrix).toBe('${{ steps.plan.outputs.matrix }}');
    expect(jobs.trial?.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    const commands = Object.values(jobs).flatMap((job) =>
      job.steps.filter((s) => s.with?.command).map((s) => s.with?.command),
    );
    expect(commands).toEqual(['tune-plan', 'tune-trial', 'tune-collect']);
    const inputs = (name: StepName) =>
      stepParams(lookupStep(name)).flatMap((p) => (p.input ? [p.input] : []));
    for (const step of Object.values(jobs).flatMap((job) => job.steps)) {
      const command = step.with?.command as string | undefined;
      if (!command) continue;
      expect(COMMANDS).toContain(command);
      const known = ['command', ...inputs(command as StepName)];
      expect(Object.keys(step.with ?? {}).filter((key) => !known.includes(key))).toEqual([]);
    }
  });

  test('least privilege: only the report job may write (its comment); .mlops uploads keep hidden files', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(jobs)) {
      const writes = Object.entries(job.permissions ?? {}).filter(([, v]) => v === 'write');
      expect(writes).toEqual(name === 'report' ? [['pull-requests', 'write']] : []);
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'))) {
        expect(step.with).toMatchObject({ 'include-hidden-files': true, overwrite: true });
        expect(String(step.with?.path)).toMatch(/^\.mlops\//);
      }
    }
  });
});

test('the leaderboard escapes keys and values a pull request wrote', () => {
  const text = renderLeaderboard({
    search: 'grid',
    metric: 'auc',
    best: 't01',
    trials: [{ rank: 1, trial: 't01', params: { '<img src=x>': '@octocat #1 | x' }, value: 0.9 }],
    missing: ['t02'],
  });
  expect(text).not.toContain('<img');
  expect(text).not.toContain('@octocat');
  expect(text).not.toMatch(/[^\\]\| x/);
  expect(text).toContain('No result from 1 planned trial(s): t02.');
});
