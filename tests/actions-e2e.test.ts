/**
 * Each per-step action run from its own bundle (`dist/action/<step>.js`, what actions/<step>/
 * action.yml points at) as a runner runs it: INPUT_* variables, GITHUB_OUTPUT and the job summary,
 * in a clone of a bare remote with the local GitHub server standing in for api.github.com. The steps
 * run chained in one workspace, so the model is trained once: validate → train → evaluate → report
 * → register → promote, then fetch in a fresh clone. Every run records the files it loaded (see
 * tests/support/loaded-modules.mjs), to prove that only training loads TensorFlow.js.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runAction, type ActionEnv, type ActionRun } from './support/action.js';
import { makeCsv } from './support/data.js';
import { startFakeGitHub, type FakeGitHub } from './support/github-server.js';
import { addBareRemote, git, makeRepo, tempDir } from './support/repo.js';

const TOKEN = 'ghs_e2e_write_token_0123456789';
/** Tiny data and a tiny network: this file trains once. */
const CONFIG = `name: churn
data:
  train: data/customers.csv
  label: target label
  slices: [city]
model:
  epochs: 4
  hidden: [16]
evaluation: { beat_trivial: false } # 4 epochs learn too little to beat the trivial baseline
gates:
  - { metric: accuracy, lower_bound: 0.3 }
`;
/** The same model judged by a gate no model of this noisy data passes. */
const STRICT = CONFIG.replace('lower_bound: 0.3', 'lower_bound: 0.999');
const MARKER = '<!-- mlops-actions report churn workflow: mlops -->';

const HOOK = pathToFileURL(path.join(import.meta.dirname, 'support', 'loaded-modules.mjs')).href;
/** Text only TensorFlow.js chunks hold: esbuild's path comment, and tfjs-core's own function. */
const TFJS_MARKS = ['node_modules/@tensorflow/tfjs-core', 'function registerBackend('];

let server: FakeGitHub;
let bare = '';
let head = '';
let workspace = '';
/** The bundle files each action loaded that hold TensorFlow.js code, by entry. */
const tfjsLoaded = new Map<string, string[]>();

/** A fresh clone of the remote, as actions/checkout with fetch-depth 0 leaves it (no identity). */
function checkout(): string {
  const dir = path.join(tempDir('mlops-e2e-'), 'workspace');
  git(path.dirname(dir), ['clone', '-q', '--branch', 'main', bare, dir]);
  return dir;
}

/** Runs `dist/action/<entry>.js` with the loaded-modules hook; records whether tfjs was loaded. */
async function step(
  entry: string,
  inputs: Record<string, string>,
  options: { dir?: string; event?: ActionEnv['event'] } = {},
): Promise<ActionRun> {
  const loaded = path.join(tempDir('mlops-loaded-'), 'modules');
  const result = await runAction(options.dir ?? workspace, inputs, {
    entry,
    event: options.event ?? { name: 'push', payload: { ref: 'refs/heads/main', after: head } },
    env: {
      GITHUB_API_URL: server.url,
      GITHUB_SHA: head,
      GITHUB_REF: 'refs/heads/main',
      NODE_OPTIONS: `--import ${HOOK}`,
      MLOPS_LOADED_MODULES: loaded,
    },
  });
  tfjsLoaded.set(entry, tfjsFiles(loaded));
  return result;
}

/** The loaded files (from the hook's list) whose text holds TensorFlow.js code. */
function tfjsFiles(list: string): string[] {
  const urls = existsSync(list) ? readFileSync(list, 'utf8').split('\n') : [];
  const files = [...new Set(urls.filter((url) => url.startsWith('file:')))].map((url) =>
    fileURLToPath(url),
  );
  // The hook saw the entry itself: an empty list would prove nothing.
  expect(files.length).toBeGreaterThan(1);
  return files.filter((file) => {
    const text = readFileSync(file, 'utf8');
    return TFJS_MARKS.some((mark) => text.includes(mark));
  });
}

beforeAll(async () => {
  server = await startFakeGitHub({ tokens: { [TOKEN]: 'write' } });
  const seed = makeRepo({
    'mlops.yml': CONFIG,
    'strict.yml': STRICT,
    'data/customers.csv': makeCsv('binary', 240),
  });
  bare = addBareRemote(seed);
  head = git(seed, ['rev-parse', 'HEAD']);
  workspace = checkout();
});

afterAll(async () => {
  await server.close();
});

describe('each step action from its bundle, chained in one workspace', () => {
  test('validate: passed and the anomaly count', async () => {
    const result = await step('validate', {});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.outputs.passed).toBe('true');
    expect(result.outputs.anomalies).toMatch(/^\d+$/);
    expect(existsSync(path.join(workspace, '.mlops', 'validation.json'))).toBe(true);
  });

  test('train: model-dir holds the bundle', async () => {
    const result = await step('train', {});
    expect(result.status).toBe(0);
    const modelDir = path.join(workspace, '.mlops', 'model');
    // A fresh RUNNER_TEMP and no Actions cache service: nothing to restore.
    expect(result.outputs).toEqual({ 'model-dir': modelDir, 'cache-hit': 'false' });
    expect(readdirSync(modelDir)).toEqual(
      expect.arrayContaining(['model.json', 'weights.bin', 'training.json', 'manifest.json']),
    );
    expect(result.stdout).toContain('::group::');
  });

  test('evaluate: BLESSED sets blessed and verdict', async () => {
    const result = await step('evaluate', { 'github-token': TOKEN });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ blessed: 'true', verdict: 'BLESSED' });
    expect(result.stdout).not.toContain('::error');
  });

  test('evaluate: NOT_BLESSED fails the step with an error, and still sets the outputs', async () => {
    // The same trained model, in an output folder of its own, judged by a stricter config.
    cpSync(path.join(workspace, '.mlops'), path.join(workspace, '.mlops-strict'), {
      recursive: true,
    });
    const result = await step('evaluate', {
      config: 'strict.yml',
      out: '.mlops-strict',
      'github-token': TOKEN,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error::churn: NOT_BLESSED$/m);
    expect(result.outputs).toEqual({ blessed: 'false', verdict: 'NOT_BLESSED' });
    const evaluation = JSON.parse(
      readFileSync(path.join(workspace, '.mlops-strict', 'evaluation.json'), 'utf8'),
    ) as { blessed: boolean };
    expect(evaluation.blessed).toBe(false);
  });

  test('report on a pull request: report-path, the job summary and one sticky comment', async () => {
    server.addPullRequest(1, { headSha: head });
    const event = { name: 'pull_request', payload: { number: 1, pull_request: { number: 1 } } };
    const first = await step('report', { 'github-token': TOKEN }, { event });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.outputs['report-path']).toBe(path.join(workspace, '.mlops', 'report.md'));
    expect(first.summary).toContain('<!-- mlops-actions report churn -->');
    expect(first.summary).toContain('churn: BLESSED');
    const comments = server.issueComments(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(MARKER);
    expect(first.outputs['comment-url']).toMatch(/\/pull\/1#issuecomment-\d+$/);

    // Sticky: a re-run edits the same comment.
    const again = await step('report', { 'github-token': TOKEN }, { event });
    expect(again.status).toBe(0);
    expect(server.issueComments(1)).toHaveLength(1);
    expect(again.outputs['comment-url']).toBe(first.outputs['comment-url']);
    expect(server.violations).toEqual([]);
  });

  test('register: version and tag; the tag on the remote and a release with the bundle', async () => {
    const result = await step('register', { 'github-token': TOKEN });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ version: '0.1.0', tag: 'churn@v0.1.0' });
    expect(git(bare, ['cat-file', '-t', 'churn@v0.1.0'])).toBe('tag');
    expect(git(bare, ['rev-list', '-n', '1', 'churn@v0.1.0'])).toBe(head);
    const releases = server.releases();
    expect(releases.map((r) => r.tag_name)).toEqual(['churn@v0.1.0']);
    expect(releases[0]?.assets.map((a) => a.name)).toEqual(['churn-v0.1.0.tgz', 'SHA256SUMS']);
    expect(server.violations).toEqual([]);
  });

  test('promote: tag and version; the stage tag on the remote', async () => {
    const result = await step('promote', {
      name: 'churn',
      version: '0.1.0',
      stage: 'production',
      reason: 'first model',
      'github-token': TOKEN,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({
      tag: 'churn#production#1',
      version: '0.1.0',
      previous: '',
    });
    expect(git(bare, ['tag', '-l', 'churn#*'])).toBe('churn#production#1');
    expect(git(bare, ['rev-list', '-n', '1', 'churn#production#1'])).toBe(head);
    expect(git(bare, ['tag', '-l', '--format=%(contents)', 'churn#production#1'])).toContain(
      'first model',
    );
  });

  test('fetch in a fresh clone: version, tag, path and sha256 of the unpacked bundle', async () => {
    const dir = checkout();
    const result = await step(
      'fetch',
      { ref: 'churn#production', path: 'model', 'github-token': TOKEN },
      { dir },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const asset = server.releases()[0]?.assets.find((a) => a.name === 'churn-v0.1.0.tgz');
    const sha256 = createHash('sha256')
      .update(asset?.data ?? '')
      .digest('hex');
    expect(result.outputs).toEqual({
      version: '0.1.0',
      tag: 'churn@v0.1.0',
      path: path.join(dir, 'model'),
      sha256,
    });
    const unpacked = path.join(dir, 'model');
    expect(readdirSync(unpacked)).toEqual(
      expect.arrayContaining(['model.json', 'weights.bin', 'preprocessing.json', 'README.md']),
    );
    // The very model trained above.
    expect(readFileSync(path.join(unpacked, 'weights.bin'))).toEqual(
      readFileSync(path.join(workspace, '.mlops', 'model', 'weights.bin')),
    );
    expect(server.violations).toEqual([]);
  });

  test('a required input missing: promote without stage fails and names the input', async () => {
    const result = await step('promote', { name: 'churn', version: '0.1.0' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::input "stage" is required.');
    expect(result.outputs).toEqual({});
    expect(git(bare, ['tag', '-l', 'churn#*'])).toBe('churn#production#1');
  });

  test('the umbrella warns that command promote ignores a data input', async () => {
    const result = await step('index', {
      command: 'promote',
      data: 'data/customers.csv',
      name: 'churn',
      version: '0.1.0',
      stage: 'staging',
      'github-token': TOKEN,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      '::warning::input "data" is not used by command promote: it was ignored.',
    );
    expect(result.outputs).toMatchObject({ tag: 'churn#staging#2', version: '0.1.0' });
    expect(git(bare, ['tag', '-l', 'churn#staging#*'])).toBe('churn#staging#2');
  });

  test('only training loads TensorFlow.js: validate, report, register, promote, fetch do not', () => {
    for (const entry of ['validate', 'report', 'register', 'promote', 'fetch']) {
      expect({ entry, files: tfjsLoaded.get(entry) }).toEqual({ entry, files: [] });
    }
    // The check finds tfjs where it is: in train's (and evaluate's) loaded files.
    expect(tfjsLoaded.get('train')?.length).toBeGreaterThan(0);
    expect(tfjsLoaded.get('evaluate')?.length).toBeGreaterThan(0);
  });
});
