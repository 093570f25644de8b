import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '../src/util/random.js';
import { makeCsv, type TaskKind } from './support/data.js';
import { git, makeRepo } from './support/repo.js';
import { LABEL, configYaml, mlops, read, readJson, tagMessage, tags } from './support/cli.js';

/** The metadata JSON in a version tag's message. */
function tagMetadata(
  dir: string,
  tag: string,
): { metrics: Record<string, number> } & Record<string, unknown> {
  const message = tagMessage(dir, tag);
  return JSON.parse(message.slice(message.indexOf('{'), message.lastIndexOf('}') + 1));
}

const BUNDLE = [
  'model.json',
  'weights.bin',
  'preprocessing.json',
  'schema.json',
  'statistics.json',
  'history.json',
  'metrics.json',
  'training.json',
  'README.md',
];

/**
 * makeCsv's awkward real-world columns: names with punctuation, dates and free text all become
 * features; the customer id does not.
 */
const CSV_FEATURES = [
  { column: 'Annual Income ($)', kind: 'numeric' },
  { column: 'age, years', kind: 'numeric' },
  { column: 'city', kind: 'categorical' },
  { column: 'member?', kind: 'boolean' },
  { column: 'signup date', kind: 'date' },
  { column: 'comment', kind: 'text' },
];

function expectFullRun(
  dir: string,
  name: string,
  task: TaskKind,
  unlabeled: number,
  fromCsv = true,
): void {
  expect(existsSync(path.join(dir, '.mlops/validation.json'))).toBe(true);
  for (const file of BUNDLE) expect(existsSync(path.join(dir, '.mlops/model', file))).toBe(true);
  expect(existsSync(path.join(dir, '.mlops/evaluation.json'))).toBe(true);

  const training = readJson<{
    task: string;
    rows: { unlabeled: number };
    backend: string;
    features: { column: string; kind: string }[];
  }>(dir, '.mlops/model/training.json');
  expect(training.task).toBe(task);
  if (fromCsv) expect(training.features).toEqual(CSV_FEATURES);
  expect(training.rows.unlabeled).toBe(unlabeled);
  expect(training.backend).toBe('cpu');
  const validation = readJson<{ unlabeled: { count: number } }>(dir, '.mlops/validation.json');
  expect(validation.unlabeled.count).toBe(unlabeled);

  const report = read(dir, '.mlops/report.md');
  expect(report).toContain(`${unlabeled} without a label dropped`);

  const tag = `${name}@v0.1.0`;
  expect(tags(dir)).toContain(tag);
  expect(git(dir, ['cat-file', '-t', tag])).toBe('tag');
  const metadata = tagMetadata(dir, tag);
  expect(metadata).toMatchObject({ name, version: '0.1.0', task, backend: 'cpu' });
  expect(Object.keys(metadata.metrics).length).toBeGreaterThan(0);
  const evaluation = readJson<{ evaluation: { overall: Record<string, number> } }>(
    dir,
    '.mlops/evaluation.json',
  );
  expect(metadata.metrics).toEqual(evaluation.evaluation.overall);
  // The release folder stands in for the GitHub release with the bundle archive.
  expect(existsSync(path.join(dir, '.mlops/releases'))).toBe(true);
}

/** A JSON Lines file with the same shape as makeCsv: numbers, booleans, nulls and text. */
function makeJsonl(rows: number, seed = 11): string {
  const rng = createRng(seed);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const income = Math.round(20000 + rng() * 80000);
    const age = Math.floor(18 + rng() * 60);
    const member = rng() < 0.5;
    const city = ['Lisbon', 'Porto', 'Braga'][Math.floor(rng() * 3)];
    const signal = income / 100000 + (member ? 0.3 : 0) - age / 200;
    lines.push(
      JSON.stringify({
        'customer id': `C${i}`,
        'Annual Income ($)': rng() < 0.05 ? null : income,
        'age, years': age,
        city,
        'member?': member,
        note: rng() < 0.1 ? null : 'free "text", here',
        [LABEL]: i < 4 ? null : signal + rng() * 0.2 > 0.6 ? 'yes' : 'no',
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('mlops run', () => {
  test('zero-config: data and label flags alone train, evaluate, register and report', async () => {
    const dir = makeRepo({ 'data.csv': makeCsv('binary', 200, { seed: 1, missingLabels: 6 }) });
    const result = await mlops(dir, ['run', '--data', 'data.csv', '--label', LABEL]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    // No config: named after the data file and the label, trained with the default network
    // (hidden: auto), one layer of 16 units for these 140 training rows.
    expectFullRun(dir, 'data-target-label', 'binary', 6);
    const model = readJson<{ modelTopology: unknown }>(dir, '.mlops/model/model.json');
    expect(JSON.stringify(model.modelTopology)).toContain('"units":16');
    expect(JSON.stringify(model.modelTopology)).not.toContain('hidden_2');
    expect(result.stdout).toContain('registered: data-target-label@v0.1.0');
  });

  test.each<[TaskKind, number]>([
    ['binary', 5],
    ['multiclass', 7],
    ['regression', 3],
  ])(
    'a %s model is trained and registered as NAME@v0.1.0 from flags over a config file',
    async (task, missing) => {
      const dir = makeRepo({
        'data.csv': makeCsv(task, 240, { seed: 2, missingLabels: missing }),
        'mlops.yml': configYaml('', `churn-${task}`),
      });
      const result = await mlops(dir, ['run', '--data', 'data.csv', '--label', LABEL]);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(0);
      expectFullRun(dir, `churn-${task}`, task, missing);
      expect(result.stderr).toContain(`${missing} rows have no label and were dropped`);

      const listing = await mlops(dir, ['registry', 'ls', '--json']);
      expect(listing.code).toBe(0);
      const state = JSON.parse(listing.stdout) as {
        models: { name: string; latest: string; versions: { version: string }[] }[];
      };
      expect(state.models).toHaveLength(1);
      expect(state.models[0]).toMatchObject({ name: `churn-${task}`, latest: '0.1.0' });
    },
  );

  test('a re-run on the same data and config registers nothing new', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 200, { seed: 3 }),
      'mlops.yml': configYaml(),
    });
    expect((await mlops(dir, ['run'])).code).toBe(0);
    const again = await mlops(dir, ['run']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already registered: churn@v0.1.0');
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
  });

  test('a second run with a changed config registers v0.2.0 and compares against v0.1.0', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 200, { seed: 3, missingLabels: 2 }),
      'mlops.yml': configYaml(),
    });
    expect((await mlops(dir, ['run'])).code).toBe(0);
    const first = readJson<{ baseline: unknown }>(dir, '.mlops/evaluation.json');
    expect(first.baseline).toBeNull();

    // A gate changes the config hash but not training, so the model itself stays the same.
    writeFileSync(
      path.join(dir, 'mlops.yml'),
      configYaml('gates: [{ metric: accuracy, lower_bound: 0.1 }]'),
    );
    // Committed: v0.1.0's commit carries its version already, and a commit holds one version.
    git(dir, ['commit', '-q', '-am', 'add a gate']);
    const second = await mlops(dir, ['run']);
    expect(second.code).toBe(0);
    expect(tags(dir)).toEqual(['churn@v0.1.0', 'churn@v0.2.0']);
    const evaluation = readJson<{
      baseline: {
        version: string;
        source: string;
        evaluation: { overall: Record<string, number> };
      };
      comparison: { metric: string }[];
      evaluation: { overall: Record<string, number> };
    }>(dir, '.mlops/evaluation.json');
    expect(evaluation.baseline).not.toBeNull();
    expect(evaluation.baseline.version).toBe('0.1.0');
    // The baseline's bundle came back from its release and was run on the same test split.
    expect(evaluation.baseline.source).toBe('reevaluated');
    // Same data, config and seed: the same model, so the same metrics as the baseline.
    expect(evaluation.baseline.evaluation.overall).toEqual(evaluation.evaluation.overall);
    expect(evaluation.comparison.length).toBeGreaterThan(0);
    expect(second.stderr).toContain('baseline: churn v0.1.0');
    const report = read(dir, '.mlops/report.md');
    expect(report).toContain('0.2.0');
    expect(report).toContain('0.1.0');

    const listing = JSON.parse((await mlops(dir, ['registry', 'ls', '--json'])).stdout) as {
      models: { latest: string; versions: { version: string }[] }[];
    };
    expect(listing.models[0]?.latest).toBe('0.2.0');
    expect(listing.models[0]?.versions.map((v) => v.version)).toEqual(['0.1.0', '0.2.0']);
  });

  test('the same seed in two fresh repositories gives identical weights and metrics', async () => {
    const files = {
      'data.csv': makeCsv('multiclass', 200, { seed: 4, missingLabels: 3 }),
      'mlops.yml': configYaml('  dropout: 0.2'),
    };
    const [a, b] = [makeRepo(files), makeRepo(files)];
    for (const dir of [a, b]) {
      const result = await mlops(dir, ['run', '--seed', '7', '--no-register']);
      expect(result.code).toBe(0);
    }
    const bytes = (dir: string) => readFileSync(path.join(dir, '.mlops/model/weights.bin'));
    expect(bytes(a).length).toBeGreaterThan(0);
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(read(a, '.mlops/model/metrics.json')).toBe(read(b, '.mlops/model/metrics.json'));
    expect(read(a, '.mlops/model/model.json')).toBe(read(b, '.mlops/model/model.json'));
    expect(read(a, '.mlops/model/preprocessing.json')).toBe(
      read(b, '.mlops/model/preprocessing.json'),
    );
    const overall = (dir: string) =>
      readJson<{ evaluation: unknown }>(dir, '.mlops/evaluation.json').evaluation;
    expect(overall(a)).toEqual(overall(b));
    expect(readJson<{ seed: number }>(a, '.mlops/model/training.json').seed).toBe(7);
    // --no-register: nothing tagged.
    expect(tags(a)).toEqual([]);
  });

  test('a JSONL file works like a CSV', async () => {
    const dir = makeRepo({ 'data.jsonl': makeJsonl(200) });
    writeFileSync(
      path.join(dir, 'mlops.yml'),
      configYaml().replace('train: data.csv', 'train: data.jsonl'),
    );
    const result = await mlops(dir, ['run', '--data', 'data.jsonl', '--label', LABEL]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expectFullRun(dir, 'churn', 'binary', 4, false);
    const training = readJson<{ features: { column: string; kind: string }[] }>(
      dir,
      '.mlops/model/training.json',
    );
    expect(training.features).toEqual(
      expect.arrayContaining([
        { column: 'Annual Income ($)', kind: 'numeric' },
        { column: 'member?', kind: 'boolean' },
      ]),
    );
  });
});

describe('malformed data exits 2 naming the file and line', () => {
  const header = `"customer id",city,${JSON.stringify(LABEL)}\r\n`;
  const cases: [string, string, RegExp][] = [
    [
      'a ragged row',
      `${header}C1,Porto,yes\r\nC2,Lisbon,no\r\nC3,Braga\r\nC4,Faro,yes\r\n`,
      /bad\.csv:4: expected 3 fields, found 2/,
    ],
    [
      'an unterminated quote',
      `${header}C1,Porto,yes\r\nC2,"Lisbon,no\r\nC3,Braga,yes\r\n`,
      /bad\.csv:3\b.*quote/i,
    ],
    ['an empty file', '', /bad\.csv: is empty/],
    ['a file of blank lines', '\r\n  \r\n\r\n', /bad\.csv: is empty/],
    ['a header only', header, /bad\.csv:1: has a header but no data rows/],
  ];
  test.each(cases)('%s', async (_name, text, message) => {
    const dir = makeRepo({ 'bad.csv': text });
    const result = await mlops(dir, ['run', '--data', 'bad.csv', '--label', LABEL]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(tags(dir)).toEqual([]);
  });

  test('a missing label column is named, with the columns there are', async () => {
    const dir = makeRepo({ 'data.csv': makeCsv('binary', 30) });
    const result = await mlops(dir, ['validate', '--data', 'data.csv', '--label', 'Target Label ']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/data\.label: column "Target Label " is not in \S*data\.csv/);
    expect(result.stderr).toContain('did you mean "target label"?');
    expect(result.stderr).toContain('"Annual Income ($)", "age, years", "city"');
  });

  test('a data file that does not exist is named', async () => {
    const dir = makeRepo({ 'mlops.yml': configYaml() });
    const result = await mlops(dir, ['train']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/data\.csv: file not found/);
  });
});

describe('usage and config errors', () => {
  test('a config error exits 2 and names the file, line and field', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 30),
      'mlops.yml':
        'name: churn\ndata:\n  train: data.csv\n  label: target label\nmodel: { epochs: "thirty" }\n',
    });
    const result = await mlops(dir, ['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mlops\.yml:5:\d+: model\.epochs: expected number, got "thirty"/);
    expect(result.stdout).toBe('');
  });

  test('a --config file that does not exist exits 2', async () => {
    const dir = makeRepo({ 'data.csv': makeCsv('binary', 30) });
    const result = await mlops(dir, ['validate', '--config', 'nope.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope.yml not found');
  });

  test('no config and no flags explains what to give', async () => {
    const dir = makeRepo({ 'data.csv': makeCsv('binary', 30) });
    const result = await mlops(dir, ['train']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no mlops\.yml in .*: give a config file, or both data and label/,
    );
  });

  test.each([
    ['an unknown command', ['deploy']],
    ['an unknown flag', ['run', '--epochs', '3']],
    ['a bad --seed', ['run', '--seed', 'abc']],
    ['a backend outside the choices', ['train', '--backend', 'gpu']],
    ['promote without --to', ['promote', 'churn', '0.1.0']],
  ])('%s exits 2', async (_name, argv) => {
    const dir = makeRepo({ 'data.csv': makeCsv('binary', 30) });
    const result = await mlops(dir, argv);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeGreaterThan(0);
    expect(result.stderr).not.toContain('internal error');
  });

  test.each([
    ['run'],
    ['validate'],
    ['train'],
    ['evaluate'],
    ['report'],
    ['register'],
    ['promote'],
    ['registry', 'ls'],
  ])('%s --help exits 0 and shows its usage', async (...command) => {
    const dir = makeRepo({ 'README.md': 'x' });
    const result = await mlops(dir, [...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: mlops ${command.join(' ')}`);
    expect(result.stdout).toContain('--json');
  });

  test('--help at the top lists every command', async () => {
    const dir = makeRepo({ 'README.md': 'x' });
    const result = await mlops(dir, ['--help']);
    expect(result.code).toBe(0);
    for (const command of [
      'run',
      'validate',
      'train',
      'evaluate',
      'report',
      'register',
      'promote',
      'deregister',
      'deprecate',
      'unassign',
      'registry',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });
});

describe('gates', () => {
  const failingGate = '\ngates:\n  - { metric: accuracy, lower_bound: 0.999 }\n';

  test('a failing gate makes run exit 1 and registers nothing', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 200, { seed: 5 }),
      'mlops.yml': configYaml(failingGate),
    });
    const result = await mlops(dir, ['run']);
    expect(result.code).toBe(1);
    expect(tags(dir)).toEqual([]);
    expect(existsSync(path.join(dir, '.mlops/registration.json'))).toBe(false);
    expect(result.stdout).toContain('evaluation: NOT_BLESSED');
    // The report is still written, for the pull request.
    expect(read(dir, '.mlops/report.md')).toContain('NOT_BLESSED');
  });

  test('evaluate exits 1 on a failing gate, and register refuses unless forced', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('regression', 150, { seed: 6 }),
      'mlops.yml': configYaml('\ngates:\n  - { metric: rmse, upper_bound: 0.0001 }\n'),
    });
    expect((await mlops(dir, ['train'])).code).toBe(0);
    const evaluated = await mlops(dir, ['evaluate', '--json']);
    expect(evaluated.code).toBe(1);
    const outcome = JSON.parse(evaluated.stdout) as {
      blessed: boolean;
      gates: { verdict: string };
    };
    expect(outcome).toMatchObject({ blessed: false, gates: { verdict: 'NOT_BLESSED' } });

    const refused = await mlops(dir, ['register']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('NOT_BLESSED');
    expect(refused.stderr).toContain('--force');
    expect(tags(dir)).toEqual([]);

    // Forcing a model past failed gates needs a reason, recorded in the tag.
    const unexplained = await mlops(dir, ['register', '--force']);
    expect(unexplained.code).toBe(2);
    expect(unexplained.stderr).toContain('--reason');
    expect(tags(dir)).toEqual([]);

    const forced = await mlops(dir, ['register', '--force', '--reason', 'demo for the team']);
    expect(forced.code).toBe(0);
    expect(tags(dir)).toEqual(['churn@v0.1.0']);
  });
});

describe('registry', () => {
  /** A repo with churn@v0.1.0 registered by the step-by-step commands. */
  async function registeredRepo(): Promise<string> {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 150, { seed: 8 }),
      'mlops.yml': configYaml(),
    });
    for (const step of ['validate', 'train', 'evaluate', 'report']) {
      const result = await mlops(dir, [step]);
      expect(result.code).toBe(0);
    }
    const registered = await mlops(dir, ['register', '--version', '0.1.0']);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toContain('registered churn@v0.1.0');
    return dir;
  }

  test('register --version of the same model reuses it; a version tagged by hand is a conflict and stays', async () => {
    const dir = await registeredRepo();
    const before = git(dir, ['rev-parse', 'refs/tags/churn@v0.1.0']);
    // The same model asking for its own version again is a re-run: it reuses the version.
    const again = await mlops(dir, ['register', '--version', '0.1.0']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already registered churn@v0.1.0');
    expect(git(dir, ['rev-parse', 'refs/tags/churn@v0.1.0'])).toBe(before);

    // A tag made by hand for the next version blocks registering it too.
    git(dir, ['tag', '-a', 'churn@v0.2.0', '-m', 'made by hand']);
    const byHand = git(dir, ['rev-parse', 'refs/tags/churn@v0.2.0']);
    const blocked = await mlops(dir, ['register', '--version', '0.2.0']);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('already registered');
    expect(git(dir, ['rev-parse', 'refs/tags/churn@v0.2.0'])).toBe(byHand);
    expect(tagMessage(dir, 'churn@v0.2.0')).toBe('made by hand');
  });

  test('a lightweight tag in the way is a conflict at tag creation, and is kept', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 150, { seed: 9 }),
      'mlops.yml': configYaml(),
    });
    for (const step of ['train', 'evaluate']) expect((await mlops(dir, [step])).code).toBe(0);
    // Lightweight tags are not registry events, so the plan picks 0.1.0, but the ref is taken.
    git(dir, ['tag', 'churn@v0.1.0']);
    const before = git(dir, ['rev-parse', 'refs/tags/churn@v0.1.0']);
    const result = await mlops(dir, ['register']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Tag churn@v0\.1\.0 already exists/);
    expect(git(dir, ['rev-parse', 'refs/tags/churn@v0.1.0'])).toBe(before);
    expect(git(dir, ['cat-file', '-t', 'churn@v0.1.0'])).toBe('commit');
  });

  test('promote creates NAME#STAGE#N on the version commit, and registry ls shows the stage', async () => {
    const dir = await registeredRepo();
    const versionCommit = git(dir, ['rev-parse', 'churn@v0.1.0^{commit}']);
    // A later commit: the stage tag must still go on the version's commit, not HEAD.
    writeFileSync(path.join(dir, 'NOTES.md'), 'later work\n');
    git(dir, ['add', 'NOTES.md']);
    git(dir, ['commit', '-q', '-m', 'later']);

    const promoted = await mlops(dir, ['promote', 'churn', '0.1.0', '--to', 'production']);
    expect(promoted.stderr).not.toContain('internal error');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('churn#production#1');
    expect(git(dir, ['cat-file', '-t', 'churn#production#1'])).toBe('tag');
    expect(git(dir, ['rev-parse', 'churn#production#1^{commit}'])).toBe(versionCommit);
    expect(git(dir, ['rev-parse', 'HEAD'])).not.toBe(versionCommit);

    const listing = await mlops(dir, ['registry', 'ls']);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(/^churn\s+latest: v0\.1\.0$/m);
    expect(listing.stdout).toMatch(/v0\.1\.0\s+\d{4}-\d\d-\d\d\s+production\b/);
    const state = JSON.parse((await mlops(dir, ['registry', 'ls', '--json'])).stdout) as {
      models: { stages: { stage: string; version: string; tag: string }[] }[];
    };
    expect(state.models[0]?.stages).toEqual([
      expect.objectContaining({ stage: 'production', version: '0.1.0', tag: 'churn#production#1' }),
    ]);

    // The counter grows across stages: the next stage tag is #2.
    const staging = await mlops(dir, ['promote', 'churn', 'v0.1.0', '--to', 'staging']);
    expect(staging.code).toBe(0);
    expect(tags(dir)).toContain('churn#staging#2');
  });

  test('promoting to an unknown stage, version or model exits 2 and tags nothing', async () => {
    const dir = await registeredRepo();
    const before = tags(dir);
    const stage = await mlops(dir, ['promote', 'churn', '0.1.0', '--to', 'prod']);
    expect(stage.code).toBe(2);
    expect(stage.stderr).toContain('stage "prod" is not a stage of this registry');
    expect(stage.stderr).toContain('staging, production');
    const version = await mlops(dir, ['promote', 'churn', '9.9.9', '--to', 'production']);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('has no registered version 9.9.9');
    const model = await mlops(dir, ['promote', 'nope', '0.1.0', '--to', 'production']);
    expect(model.code).toBe(2);
    expect(model.stderr).toContain('no model "nope"');
    expect(tags(dir)).toEqual(before);
  });

  test('registry ls works without any config in a repo with no models', async () => {
    const dir = makeRepo({ 'README.md': 'x' });
    const result = await mlops(dir, ['registry', 'ls']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no models registered yet');
    const json = await mlops(dir, ['registry', 'ls', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ models: [] });
  });
});

describe('--json', () => {
  test('prints one parseable JSON document on stdout while logs go to stderr', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 150, { seed: 10, missingLabels: 2 }),
      'mlops.yml': configYaml(),
    });
    const result = await mlops(dir, ['run', '--json']);
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as {
      passed: boolean;
      registration: { tag: string };
      validation: { unlabeled: { count: number } };
    };
    expect(outcome.passed).toBe(true);
    expect(outcome.registration.tag).toBe('churn@v0.1.0');
    expect(outcome.validation.unlabeled.count).toBe(2);
    expect(result.stderr).toMatch(/epoch 1\/5: loss/);
    expect(result.stderr).toContain('rows have no label and were dropped');
    expect(result.stdout).not.toMatch(/epoch \d/);
  });

  test('--quiet silences the logs', async () => {
    const dir = makeRepo({
      'data.csv': makeCsv('binary', 100, { seed: 12 }),
      'mlops.yml': configYaml(),
    });
    const result = await mlops(dir, ['validate', '--json', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: true, rows: 100 });
  });
});

describe('--json', () => {
  test('an error is also a JSON object on stdout, with its type and exit code', async () => {
    const dir = makeRepo({ 'README.md': 'empty\n' });
    const result = await mlops(dir, ['validate', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { type: 'UsageError', message: expect.stringContaining('no mlops.yml'), exitCode: 2 },
    });
    expect(result.stderr).toContain('error: no mlops.yml');
  });
});
