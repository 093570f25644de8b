/**
 * The CLI protects the user's files and results: it refuses output folders that hold inputs, steps
 * check they talk about the same model and data, and failures still leave a report and clear errors.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configYaml, mlops, read, readJson, tags } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { git, makeRepo, tempDir } from './support/repo.js';

const repoWith = (extra = '', rows = 160) =>
  makeRepo({ 'data.csv': makeCsv('binary', rows, { seed: 5 }), 'mlops.yml': configYaml(extra) });

describe('output folder', () => {
  test('an --out that would hold the config or data is refused before anything is written', async () => {
    const dir = repoWith();
    mkdirSync(path.join(dir, 'model'));
    writeFileSync(path.join(dir, 'model', 'train.py'), 'print("mine")\n');
    const result = await mlops(dir, ['run', '--out', '.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give mlops a folder of its own');
    expect(read(dir, 'model/train.py')).toBe('print("mine")\n');
    expect(git(dir, ['status', '--porcelain'])).toBe('?? model/');
  });
});

describe('steps agree on the model and the data', () => {
  test('evaluate refuses a model trained on other data', async () => {
    const dir = repoWith();
    writeFileSync(path.join(dir, 'other.csv'), makeCsv('binary', 160, { seed: 9 }));
    expect((await mlops(dir, ['train'])).code).toBe(0);
    const result = await mlops(dir, ['evaluate', '--data', 'other.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('trained on other data');
  });

  test('training again removes the previous evaluation, so register cannot tag the new model with old metrics', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['train'])).code).toBe(0);
    expect((await mlops(dir, ['evaluate'])).code).toBe(0);
    expect((await mlops(dir, ['train', '--seed', '7'])).code).toBe(0);
    expect(existsSync(path.join(dir, '.mlops', 'evaluation.json'))).toBe(false);
    const result = await mlops(dir, ['register']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run `mlops evaluate` first');
    expect(tags(dir)).toEqual([]);
  });

  test('register refuses an evaluation of another model', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['train'])).code).toBe(0);
    expect((await mlops(dir, ['evaluate'])).code).toBe(0);
    const file = path.join(dir, '.mlops', 'evaluation.json');
    const evaluation = readJson<{ modelId: string }>(dir, '.mlops/evaluation.json');
    writeFileSync(file, JSON.stringify({ ...evaluation, modelId: 'f'.repeat(64) }));
    const result = await mlops(dir, ['register']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is about another model');
    expect(tags(dir)).toEqual([]);
  });
});

describe('no data is lost to missing-value tokens', () => {
  test('a class called None is kept when data.na_values leaves it out', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => `${i % 7},${['None', 'Low', 'High'][i % 3]}`);
    const dir = makeRepo({
      'risk.csv': `score,risk\n${rows.join('\n')}\n`,
      'mlops.yml':
        'data:\n  train: risk.csv\n  label: risk\n  na_values: ["", "NA"]\nmodel: { epochs: 2, hidden: [8] }\n',
    });
    const result = await mlops(dir, ['train']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('no label and were dropped');
    const spec = readJson<{ label: { classes: string[] } }>(dir, '.mlops/model/preprocessing.json');
    expect(spec.label.classes).toEqual(['High', 'Low', 'None']);
  });
});

describe('registry in another repository', () => {
  test('--repo keeps tags in a separate repository, even with the data outside it', async () => {
    const project = repoWith();
    const registry = makeRepo({ 'README.md': 'registry\n' });
    const result = await mlops(project, ['run', '--repo', registry]);
    expect(result.code).toBe(0);
    expect(tags(registry)).toEqual(['churn@v0.1.0']);
    expect(tags(project)).toEqual([]);
  });

  test('registering over an uncommitted config or data warns that the tag will not name them', async () => {
    const dir = repoWith();
    writeFileSync(
      path.join(dir, 'mlops.yml'),
      configYaml('gates: [{ metric: accuracy, lower_bound: 0.1 }]'),
    );
    const result = await mlops(dir, ['run']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'mlops.yml has uncommitted changes: churn@v0.1.0 will name a commit',
    );
  });

  test('registering from data outside the repository warns that the tag will not name it', async () => {
    const dir = repoWith();
    const data = path.join(tempDir(), 'fresh.csv');
    writeFileSync(data, makeCsv('binary', 160, { seed: 6 }));
    const result = await mlops(dir, ['run', '--data', data]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${data} lies outside the git repository of the registry tags: churn@v0.1.0 will ` +
        'name a commit without it (the tag records only its hash).',
    );
    expect(result.stderr).not.toContain('uncommitted changes');
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
  });
});

describe('failures keep results and explain themselves', () => {
  test('a failed registration still leaves the report', async () => {
    const dir = repoWith();
    git(dir, ['tag', 'churn@v0.1.0']);
    const result = await mlops(dir, ['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('churn@v0.1.0');
    expect(read(dir, '.mlops/report.md')).toContain('churn: BLESSED');
  });

  test('a baseline that cannot score the new data is compared by its recorded metrics', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['run'])).code).toBe(0);
    // The classes were renamed: the registered model knows none of the new labels.
    const renamed = read(dir, 'data.csv')
      .replace(/,yes\r\n/g, ',Y\r\n')
      .replace(/,no\r\n/g, ',N\r\n');
    writeFileSync(path.join(dir, 'data.csv'), renamed);
    git(dir, ['commit', '-qam', 'renamed classes']);
    const result = await mlops(dir, ['run', '--no-register']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('baseline v0.1.0 cannot score this data');
    const evaluation = readJson<{ baseline: { source: string } }>(dir, '.mlops/evaluation.json');
    expect(evaluation.baseline.source).toBe('tag-metadata');
  });

  test('a baseline trained on another split is compared by its recorded held-out metrics', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['run'])).code).toBe(0);
    const result = await mlops(dir, ['run', '--seed', '7', '--no-register']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('baseline v0.1.0 was trained on another split');
    const evaluation = readJson<{ baseline: { source: string } }>(dir, '.mlops/evaluation.json');
    expect(evaluation.baseline.source).toBe('tag-metadata');
  });

  test('a baseline that predicts another column is not compared', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['run'])).code).toBe(0);
    writeFileSync(
      path.join(dir, 'mlops.yml'),
      configYaml().replace('label: target label', 'label: member?'),
    );
    const result = await mlops(dir, ['run', '--no-register']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('baseline v0.1.0 predicts "target label", not "member?"');
    expect(readJson<{ baseline: unknown }>(dir, '.mlops/evaluation.json').baseline).toBeNull();
  });

  test.each([
    [['run', '--name', 'My_Model'], '--name My_Model: use lower-case letters'],
    [['run', '--data', '.'], 'it is a folder, not a file'],
  ])('mlops %j exits 2 before training: %s', async (argv, message) => {
    const dir = repoWith();
    const result = await mlops(dir, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(path.join(dir, '.mlops', 'model'))).toBe(false);
  });

  test('data with no usable feature column is a data error before training', async () => {
    const dir = makeRepo({
      'data.csv': `note,y\n${Array.from({ length: 40 }, (_, i) => `,${i % 2}`).join('\n')}\n`,
    });
    const result = await mlops(dir, ['train', '--data', 'data.csv', '--label', 'y']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no usable feature column');
  });

  test('an unknown MLOPS_BACKEND is a usage error, not silently ignored', async () => {
    const result = await mlops(repoWith(), ['train'], { MLOPS_BACKEND: 'gpu' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'MLOPS_BACKEND=gpu: expected one of auto, tensorflow, wasm, cpu',
    );
  });

  test('a slice_gap gate on a column missing from data.slices is a config error at its line', async () => {
    const dir = repoWith('gates:\n  - { metric: recall, slice_gap: { by: city, max: 0.1 } }');
    const result = await mlops(dir, ['validate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /mlops\.yml:\d+:\d+: gates\[0\]\.slice_gap\.by: "city" is not in data\.slices/,
    );
  });

  test('a damaged step output names the file and how to rewrite it', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['train'])).code).toBe(0);
    expect((await mlops(dir, ['evaluate'])).code).toBe(0);
    writeFileSync(path.join(dir, '.mlops', 'evaluation.json'), '{"name": ');
    const result = await mlops(dir, ['report']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('evaluation.json: not valid JSON');
    expect(result.stderr).toContain('Run `mlops evaluate` again');
  });

  test('validate --update-schema records a column whose kind changed', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['validate', '--update-schema'])).code).toBe(0);
    const csv = read(dir, 'data.csv').replace(/^(C\d+),(\d+)/gm, '$1,income-$2');
    writeFileSync(path.join(dir, 'data.csv'), csv);
    expect((await mlops(dir, ['validate'])).code).toBe(1);
    expect((await mlops(dir, ['validate', '--update-schema'])).code).toBe(0);
    expect((await mlops(dir, ['validate'])).code).toBe(0);
  });

  test('--version prints the package version', async () => {
    const result = await mlops(repoWith(), ['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('one report, one run', () => {
  test('a run stopped by failed data checks does not show the previous run’s model', async () => {
    const dir = repoWith();
    expect((await mlops(dir, ['run', '--no-register'])).code).toBe(0);
    expect(read(dir, '.mlops/report.md')).toContain('Trained on');
    writeFileSync(path.join(dir, 'mlops.yml'), configYaml('validation:\n  min_examples: 100000'));
    const failed = await mlops(dir, ['run', '--no-register']);
    expect(failed.code).toBe(1);
    const report = read(dir, '.mlops/report.md');
    expect(report).toContain('data validation failed');
    expect(report).not.toContain('Trained on');
  });
});
